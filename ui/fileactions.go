package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/internal/atomicfile"
	"github.com/studioflow/studioflow/internal/filename"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/ui/filedialog"
	"github.com/studioflow/studioflow/ui/kbd"
)

// fileStamp tells whether a file changed on disk since it was read or
// written by this window.
type fileStamp struct {
	mod  time.Time
	size int64
	ok   bool
}

func stampOf(path string) fileStamp {
	info, err := os.Stat(path)
	if err != nil {
		return fileStamp{}
	}
	return fileStamp{mod: info.ModTime(), size: info.Size(), ok: true}
}

// New replaces the flow with Studio's blank flow, asking first when there
// are unsaved changes.
func (e *Editor) New() {
	e.confirmDiscard("starting a new flow", func() {
		e.setDocument(model.NewDocument(model.NewBlankFlow()), "", "")
	})
}

// Open asks for a flow file and opens it.
func (e *Editor) Open() {
	e.confirmDiscard("opening another flow", func() {
		filedialog.Open(e.win, e.prefs, filedialog.Options{
			Title: "Open flow", Purpose: filedialog.Flows, Extensions: []string{".json"}, Dir: e.fileDir(),
		}, e.OpenPath)
	})
}

// fileDir is the open flow's folder, "" when it has no file (dialogs then
// start in their purpose's remembered folder).
func (e *Editor) fileDir() string {
	if e.path == "" {
		return ""
	}
	return filepath.Dir(e.path)
}

// OpenPath opens a flow file in this window (without asking about unsaved
// changes: callers do).
func (e *Editor) OpenPath(path string) {
	f, err := readFlowFile(path)
	if err != nil {
		e.showError(err)
		return
	}
	abs, err := filepath.Abs(path)
	if err == nil {
		path = abs
	}
	e.setDocument(model.NewDocument(f), path, "")
}

// Save writes the flow to its file, stores a workspace flow's next
// revision, or asks for a file.
func (e *Editor) Save() { e.saveThen(nil) }

// saveThen saves as Save does and runs then (when not nil) once the flow
// is saved: the close prompt's Save goes on to close. Cancelling a dialog
// on the way, or a failed save, does not run it.
func (e *Editor) saveThen(then func()) {
	if then == nil {
		then = func() {}
	}
	if e.path == "" && e.ws.flowSID != "" {
		e.ws.saveDialog(then)
		return
	}
	if e.path == "" {
		e.saveAsThen(then)
		return
	}
	if err := e.SaveTo(e.path); err != nil {
		e.showError(err)
		return
	}
	then()
}

// SaveAs asks for a file and writes the flow to it.
func (e *Editor) SaveAs() { e.saveAsThen(func() {}) }

func (e *Editor) saveAsThen(then func()) {
	name := e.source
	if filepath.Ext(name) != ".json" {
		name = baseName(name) + ".json"
	}
	filedialog.Save(e.win, e.prefs, filedialog.Options{
		Title: "Save flow as", Purpose: filedialog.Flows, Extensions: []string{".json"}, FileName: name, Dir: e.fileDir(),
	}, func(path string) {
		if err := e.SaveTo(path); err != nil {
			e.showError(err)
			return
		}
		then()
	})
}

// SaveTo writes the flow in canonical form to path, atomically, and makes
// it the window's file.
func (e *Editor) SaveTo(path string) error {
	if err := atomicfile.Write(path, e.doc.Flow().Marshal()); err != nil {
		return fmt.Errorf("save the flow: %w", err)
	}
	e.doc.MarkSaved()
	if e.path != path {
		old := e.recoveryFile
		e.path = path
		e.source = filepath.Base(path)
		e.recoveryFile = e.recovery.fileFor(path)
		e.recovery.remove(old)
		e.addRecent(path)
	}
	e.recovery.remove(e.recoveryFile)
	e.disk = stampOf(path)
	e.updateTitle()
	return nil
}

// checkDisk notices the file changed by someone else and offers to reload.
func (e *Editor) checkDisk() {
	if e.path == "" || e.reloadOffer {
		return
	}
	now := stampOf(e.path)
	if !now.ok || (now.mod.Equal(e.disk.mod) && now.size == e.disk.size) {
		return
	}
	e.disk = now
	e.reloadOffer = true
	msg := fmt.Sprintf("%s was changed by another program.\nReload it from disk?", filepath.Base(e.path))
	if e.doc.Dirty() {
		msg += "\nYour unsaved changes here can be brought back with Undo."
	}
	kbd.ShowConfirm("File changed on disk", msg, func(yes bool) {
		e.reloadOffer = false
		if yes {
			e.Reload()
		}
	}, e.win)
}

// Reload replaces the flow with the file's content as one undoable step.
func (e *Editor) Reload() {
	f, err := readFlowFile(e.path)
	if err != nil {
		e.showError(err)
		return
	}
	if err := e.doc.Apply(model.ReplaceFlow(f)); err != nil {
		e.showError(err)
		return
	}
	e.doc.MarkSaved()
	e.disk = stampOf(e.path)
	e.updateTitle()
}

// recentKey is the preference holding the recent files, newest first.
const recentKey = "recentFiles"

const maxRecent = 10

// addRecent puts path first in the recent files. The list is made of the
// one saved at that moment: another Studioflow's recent file, added
// meanwhile, stays.
func (e *Editor) addRecent(path string) {
	e.prefs.UpdateStringList(recentKey, func(list []string) []string {
		list = slices.DeleteFunc(list, func(p string) bool { return filename.SamePath(p, path) })
		list = append([]string{path}, list...)
		if len(list) > maxRecent {
			list = list[:maxRecent]
		}
		return list
	})
	e.refreshMenus()
}

// RecentFiles lists the recently opened or saved files, newest first.
func (e *Editor) RecentFiles() []string { return e.prefs.StringList(recentKey) }

// confirmDiscard runs then, first asking whether to save unsaved changes.
func (e *Editor) confirmDiscard(doing string, then func()) {
	if !e.doc.Dirty() {
		then()
		return
	}
	askSave(e.win, fmt.Sprintf("Save changes to %s before %s?", e.source, doing), func(choice saveChoice) {
		switch choice {
		case saveFirst:
			e.saveThen(then)
		case discard:
			e.recovery.remove(e.recoveryFile)
			then()
		}
	})
}

// offerRecovery looks for autosaved work left by a crash or a kill and
// offers to restore it.
func (e *Editor) offerRecovery() {
	pending := e.recovery.pending()
	if len(pending) == 0 {
		return
	}
	rec := pending[0]
	name := rec.Source
	if rec.Path != "" {
		name = filepath.Base(rec.Path)
	}
	msg := fmt.Sprintf("Studioflow closed without saving %s.\nUnsaved work from %s was recovered.\nRestore it?",
		name, rec.Saved.Local().Format("2 Jan 15:04:05"))
	// Escape closes it choosing neither: the work is offered again next time.
	d := kbd.New("Recover unsaved work", wrappedLabel(msg), e.win)
	discard := kbd.NewButton("Discard", func() {
		d.Hide()
		e.recovery.remove(rec.File)
	})
	restore := kbd.NewButton("Restore", func() {
		d.Hide()
		if err := e.Restore(rec); err != nil {
			e.showError(err)
		}
	})
	restore.Importance = widget.HighImportance
	d.SetButtons(discard, restore)
	d.SetFocus(restore)
	d.Show()
}

// Restore opens recovered work: the file it belongs to (when it still
// reads) with the recovered flow applied on top as one undoable step, so
// the window shows unsaved changes.
func (e *Editor) Restore(rec recovery) error {
	recovered, err := model.Parse(rec.Definition)
	if err != nil {
		return fmt.Errorf("the recovery file %s is damaged: %w", rec.File, err)
	}
	if err := checkEditable(recovered); err != nil {
		return fmt.Errorf("the recovery file %s: %w", rec.File, err)
	}
	base := model.NewBlankFlow()
	path := ""
	if rec.Path != "" {
		if f, err := readFlowFile(rec.Path); err == nil {
			base, path = f, rec.Path
		} else if !errors.Is(err, os.ErrNotExist) {
			fyne.LogError("read the recovered flow's file", err)
		}
	}
	doc := model.NewDocument(base)
	if err := doc.Apply(model.ReplaceFlow(recovered)); err != nil {
		return fmt.Errorf("restore the recovered flow: %w", err)
	}
	source := rec.Source
	if path != "" {
		source = ""
	}
	e.setDocument(doc, path, source)
	e.recovery.remove(rec.File)
	e.Autosave()
	return nil
}
