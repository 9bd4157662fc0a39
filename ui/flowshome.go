package ui

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/studio"
	"github.com/studioflow/studioflow/studio/sessions"
	wsstore "github.com/studioflow/studioflow/studio/workspace"
	"github.com/studioflow/studioflow/ui/kbd"
	"github.com/studioflow/studioflow/ui/workspace"
)

// workspaceLink connects the editor to the local Studio workspace: the
// Flows home in a window of its own, and the workspace flow the editor
// shows, if any, which Save stores as the flow's next revision.
type workspaceLink struct {
	e     *Editor
	store *wsstore.Store
	home  *workspace.Home
	sync  *workspace.SyncDialogs
	win   fyne.Window
	// open opens the workspace (its default folder; tests give another).
	open func() (*wsstore.Store, error)

	flowSID  string // the workspace flow in the editor, "" for none
	name     string
	revision int // the revision of flowSID the editor started from or last saved
	// writes counts simulator runs being recorded; closing waits for them,
	// so a run that ended just before Quit is not lost.
	writes sync.WaitGroup
}

func newWorkspaceLink(e *Editor) *workspaceLink {
	return &workspaceLink{e: e, open: func() (*wsstore.Store, error) {
		dir, err := wsstore.DefaultDir()
		if err != nil {
			return nil, err
		}
		return wsstore.Open(dir, wsstore.Options{})
	}}
}

// ensureStore opens the workspace on first use.
func (w *workspaceLink) ensureStore() bool {
	if w.store != nil {
		return true
	}
	store, err := w.open()
	if err != nil {
		w.e.showError(fmt.Errorf("open the workspace: %w", err))
		return false
	}
	w.store = store
	return true
}

// showHome opens the Flows home window, or brings it forward with the
// flows as they are now (a `serve` on the same workspace may have changed
// them).
func (w *workspaceLink) showHome() {
	if w.win != nil {
		w.home.Refresh()
		w.win.Show()
		w.win.RequestFocus()
		return
	}
	if !w.ensureStore() {
		return
	}
	a := w.e.app
	w.win = a.NewWindow(homeTitle(nil))
	w.home = workspace.NewHome(w.store, w.e.val, w.win)
	w.home.Prefs = w.e.prefs
	win := w.win
	w.home.OnSelectionChanged = func(f *wsstore.Flow) { win.SetTitle(homeTitle(f)) }
	w.sync = workspace.NewSyncDialogs(w.store, w.e.val, w.win, workspace.NewCredentials(workspace.SystemKeyring{}, w.e.prefs), w.e.prefs, w.e.post)
	w.home.OnOpen = w.openFlow
	w.home.OnCompare = func(old, new *model.Flow, oldLabel, newLabel string) {
		NewCompare(a, w.e.cat, old, new, oldLabel, newLabel).ShowOver(win)
	}
	w.home.OnDeleted = func(sid string) {
		if w.flowSID == sid {
			// The editor keeps showing the flow; it no longer belongs to the
			// workspace, so Save to Workspace would create a new flow.
			name := w.name
			w.detach()
			w.e.source = name + " (deleted from the workspace)"
			w.e.updateTitle()
		}
	}
	w.sync.OnPulled = w.openFlow
	w.sync.OnChanged = w.home.Refresh
	w.home.OnOpenFromTwilio = w.sync.ShowOpen
	w.home.OnPublishToTwilio = w.sync.ShowPublish
	w.home.Refresh() // shows the From Twilio button now that it has an action
	w.win.SetContent(w.home.Content())
	workspace.CloseOnKeys(w.win)
	kbd.Install(w.win) // the focus ring
	w.win.Resize(secondarySize(w.e.win, fyne.NewSize(1100, 720)))
	w.win.SetOnClosed(func() { w.win, w.home, w.sync = nil, nil, nil })
	w.win.Show()
}

// homeTitle is the Flows home's title, naming the selected flow.
func homeTitle(f *wsstore.Flow) string {
	if f == nil {
		return "Flows — " + AppName
	}
	return "Flows — " + f.FriendlyName + " — " + AppName
}

// openFlow shows a workspace flow's latest revision in the editor.
func (w *workspaceLink) openFlow(sid string, def []byte, revision int) {
	f, err := model.Parse(def)
	if err == nil {
		err = checkEditable(f)
	}
	if err != nil {
		w.e.showError(fmt.Errorf("open the workspace flow %s: %w", sid, err))
		return
	}
	name := sid
	if info, err := w.store.FlowInfo(sid); err == nil && info.FriendlyName != "" {
		name = info.FriendlyName
	}
	// The editor comes forward first: with unsaved changes, the question
	// whether to keep them is asked in its window, which the Flows home
	// covered.
	w.e.win.RequestFocus()
	w.e.confirmDiscard("opening "+name, func() {
		w.e.setDocument(model.NewDocument(f), "", name+" (workspace)")
		w.flowSID, w.name, w.revision = sid, name, revision
		w.e.win.RequestFocus()
	})
}

// detach forgets the workspace flow (another flow was opened).
func (w *workspaceLink) detach() { w.flowSID, w.name, w.revision = "", "", 0 }

// saveDialog asks for a commit message (and, for a workspace flow, whether
// to publish) and stores the flow in the workspace: as the next revision of
// the workspace flow it came from, or as a new workspace flow. then runs
// once it is stored (not when cancelled or failed).
func (w *workspaceLink) saveDialog(then func()) {
	if !w.ensureStore() {
		return
	}
	message := kbd.NewEntry()
	message.SetPlaceHolder("What changed (optional)")
	publish := kbd.NewCheck("Publish this revision", nil)
	name := kbd.NewEntry()
	items := []*widget.FormItem{}
	if w.flowSID == "" {
		name.SetText(baseName(w.e.source))
		items = append(items, widget.NewFormItem("Flow name", name))
	}
	items = append(items, widget.NewFormItem("Commit message", message))
	if w.flowSID != "" {
		items = append(items, widget.NewFormItem("", publish))
	}
	title := "Save to Workspace"
	if w.flowSID != "" {
		title = "Save " + w.name + " to the Workspace"
	}
	d := kbd.NewForm(title, "Save", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		if err := w.save(strings.TrimSpace(name.Text), message.Text, publish.Checked); err != nil {
			w.e.showError(err)
			return
		}
		if then != nil {
			then()
		}
	}, w.e.win)
	d.SubmitOnEnter(name, message)
	d.Resize(fyne.NewSize(480, 240))
	d.Show()
}

// save stores the flow in the workspace; name is used for a new workspace
// flow.
func (w *workspaceLink) save(name, message string, publish bool) error {
	def := w.e.doc.Flow().Marshal()
	var err error
	var saved wsstore.Flow
	if w.flowSID != "" {
		saved, err = studio.SaveRevision(w.store, w.e.val, w.flowSID, def, message, publish, time.Now())
	} else {
		if name == "" {
			return fmt.Errorf("save to the workspace: the flow needs a name")
		}
		saved, err = studio.CreateFlow(w.store, w.e.val, name, def, message, time.Now())
	}
	if err != nil {
		return err
	}
	w.flowSID, w.name, w.revision = saved.SID, saved.FriendlyName, saved.Revision
	if w.e.path == "" {
		w.e.doc.MarkSaved()
		w.e.source = w.name + " (workspace)"
		w.e.recovery.remove(w.e.recoveryFile)
		w.e.updateTitle()
	}
	if w.home != nil {
		w.home.Refresh()
	}
	return nil
}

// recordRun stores a simulator run of the workspace flow in the editor as
// one of its executions, as Studio logs every execution of a flow. A flow
// that is not in the workspace is not recorded. It is called on the UI
// goroutine; the write happens off it.
func (w *workspaceLink) recordRun(x *engine.Execution) {
	if w.flowSID == "" || w.store == nil {
		return
	}
	store, sid, rev, post := w.store, w.flowSID, w.revision, w.e.post
	w.writes.Add(1)
	go func() {
		err := sessions.Record(store, sid, rev, x)
		w.writes.Done()
		post.Post(func() {
			if err != nil {
				w.e.showError(err)
				return
			}
			if w.home != nil {
				w.home.Refresh()
			}
		})
	}()
}

// close releases the workspace.
func (w *workspaceLink) close() {
	if w.win != nil {
		w.win.Close()
	}
	if w.store != nil {
		w.writes.Wait()
		w.store.Close()
		w.store = nil
	}
}
