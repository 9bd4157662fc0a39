package workspace

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
	wsstore "github.com/studioflow/studioflow/studio/workspace"
	"github.com/studioflow/studioflow/ui/kbd"
)

// Home is the Flows home: the workspace's flows on the left (search, new,
// import), the selected flow on the right with its revision history and its
// executions.
type Home struct {
	store *wsstore.Store
	val   *schemas.Validator
	win   fyne.Window
	now   func() time.Time

	// Prefs, when set, remember the folders flows are imported from and
	// exported to.
	Prefs fyne.Preferences
	// OnOpen opens a flow for editing in the main window: the workspace
	// flow's SID, its latest definition and revision number.
	OnOpen func(flowSID string, def []byte, revision int)
	// OnOpenRevisionReadOnly, when set, shows a revision instead of the
	// read-only viewer window Home opens by default.
	OnOpenRevisionReadOnly func(flowSID string, rev wsstore.Revision)
	// OnCompare, when set, enables comparing two revisions of a flow: it
	// gets the older and newer flow and their labels ("rev 1", "rev 2") and
	// shows the comparison (the window opens ui's compare view).
	OnCompare func(old, new *model.Flow, oldLabel, newLabel string)
	// OnOpenExecution, when set, shows an execution instead of the viewer
	// window Home opens by default.
	OnOpenExecution func(flowSID, executionSID string)
	// OnPublishToTwilio, when set, adds "Publish to Twilio…" to the flow's
	// actions (the window passes SyncDialogs.ShowPublish).
	OnPublishToTwilio func(flowSID string)
	// OnOpenFromTwilio, when set, adds "Open from Twilio…" beside New
	// flow (the window passes SyncDialogs.ShowOpen).
	OnOpenFromTwilio func()
	// OnDeleted is called after a flow was deleted (the window closes it
	// if it is open).
	OnDeleted func(flowSID string)
	// OnError reports an error; the default shows an error dialog.
	OnError func(err error)
	// OnSelectionChanged hears the flow shown on the right (nil for none);
	// the window puts its name in its title.
	OnSelectionChanged func(f *wsstore.Flow)

	flows    []wsstore.Flow // all, oldest first
	shown    []wsstore.Flow // those matching the search, newest change first
	selected string         // SID of the flow on the right, "" for none

	search    *kbd.Entry
	list      *kbd.List
	count     *widget.Label
	empty     *fyne.Container
	newButton *kbd.Button
	importBtn *kbd.Button
	twilioBtn *kbd.Button
	detail    *flowDetail
	root      fyne.CanvasObject
}

// NewHome returns the Flows home of store. Call Refresh after the workspace
// changed elsewhere (a save from the editor, a simulator run recorded).
func NewHome(store *wsstore.Store, val *schemas.Validator, win fyne.Window) *Home {
	h := &Home{store: store, val: val, win: win, now: time.Now}
	h.build()
	h.Refresh()
	return h
}

// Content is what the main window mounts. Set the callbacks before showing
// it (or call Refresh after setting OnOpenFromTwilio).
func (h *Home) Content() fyne.CanvasObject { return h.root }

// Store is the workspace shown.
func (h *Home) Store() *wsstore.Store { return h.store }

func (h *Home) build() {
	h.search = kbd.NewEntry()
	h.search.SetPlaceHolder("Search flows by name or SID")
	h.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	h.search.OnChanged = func(string) { h.filter() }

	h.newButton = kbd.NewButtonWithIcon("New flow", theme.ContentAddIcon(), h.showNewFlow)
	h.newButton.Importance = widget.HighImportance
	h.importBtn = kbd.NewButtonWithIcon("Import JSON…", theme.FolderOpenIcon(), h.showImport)
	h.twilioBtn = kbd.NewButtonWithIcon("Open from Twilio…", theme.DownloadIcon(), func() {
		if h.OnOpenFromTwilio != nil {
			h.OnOpenFromTwilio()
		}
	})

	h.list = kbd.NewList(func() int { return len(h.shown) }, func() fyne.CanvasObject { return newFlowRow(h.pick, h.open) }, func(i widget.ListItemID, o fyne.CanvasObject) {
		o.(*flowRow).show(h.shown[i])
	})
	h.list.OnSelected = func(i widget.ListItemID) {
		if i >= 0 && i < len(h.shown) {
			h.selectFlow(h.shown[i].SID)
		}
	}
	h.count = widget.NewLabel("")
	h.count.Importance = widget.LowImportance

	h.empty = container.NewCenter(container.NewVBox(
		widget.NewLabelWithStyle("No flows in this workspace yet", fyne.TextAlignCenter, fyne.TextStyle{Bold: true}),
		widget.NewLabelWithStyle("Start from a blank flow, import a Studio JSON export,\nor open a flow from your Twilio account.", fyne.TextAlignCenter, fyne.TextStyle{}),
	))

	title := widget.NewLabelWithStyle("Flows", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	top := container.NewVBox(
		container.NewBorder(nil, nil, title, h.newButton),
		container.NewGridWithColumns(2, h.importBtn, h.twilioBtn),
		h.search,
	)
	left := container.NewBorder(top, h.count, nil, nil, container.NewStack(h.list, h.empty))

	h.detail = newFlowDetail(h)
	split := container.NewHSplit(left, h.detail.root)
	split.Offset = 0.34
	h.root = split
}

// Refresh reloads the flows from the workspace, keeping search and selection.
func (h *Home) Refresh() {
	flows, err := h.store.Flows()
	if err != nil {
		h.showError(err)
		return
	}
	h.flows = flows
	if h.OnOpenFromTwilio == nil {
		h.twilioBtn.Hide()
	} else {
		h.twilioBtn.Show()
	}
	h.filter()
}

// filter applies the search to the flows, most recently changed first.
func (h *Home) filter() {
	q := strings.ToLower(strings.TrimSpace(h.search.Text))
	h.shown = h.shown[:0]
	for _, f := range h.flows {
		if q == "" || strings.Contains(strings.ToLower(f.FriendlyName), q) || strings.Contains(strings.ToLower(f.SID), q) {
			h.shown = append(h.shown, f)
		}
	}
	slices.SortStableFunc(h.shown, func(a, b wsstore.Flow) int { return updated(b).Compare(updated(a)) })
	switch {
	case len(h.flows) == 0:
		h.count.SetText("")
	case q == "":
		h.count.SetText(countNoun(len(h.flows), "flow"))
	default:
		h.count.SetText(fmt.Sprintf("%d of %s match", len(h.shown), countNoun(len(h.flows), "flow")))
	}
	if len(h.flows) == 0 {
		h.empty.Show()
	} else {
		h.empty.Hide()
	}
	h.list.UnselectAll()
	h.list.Refresh()
	if i := h.indexShown(h.selected); i >= 0 {
		h.list.Select(i)
		return
	}
	h.selectFlow("")
}

func (h *Home) indexShown(sid string) int {
	if sid == "" {
		return -1
	}
	return slices.IndexFunc(h.shown, func(f wsstore.Flow) bool { return f.SID == sid })
}

// ShownFlows returns the names of the flows the list shows, in order.
func (h *Home) ShownFlows() []string {
	names := make([]string, len(h.shown))
	for i, f := range h.shown {
		names[i] = f.FriendlyName
	}
	return names
}

// Select shows the flow sid on the right ("" for none), clearing a search
// that hides it.
func (h *Home) Select(sid string) {
	if h.indexShown(sid) < 0 && sid != "" {
		h.search.SetText("")
	}
	if i := h.indexShown(sid); i >= 0 {
		h.list.Select(i)
		h.list.ScrollTo(i)
		return
	}
	h.selectFlow("")
}

// pick selects a flow of the list (a click on its row).
func (h *Home) pick(sid string) {
	if i := h.indexShown(sid); i >= 0 {
		h.list.Select(i)
	}
}

func (h *Home) selectFlow(sid string) {
	h.selected = sid
	var shown *wsstore.Flow
	if sid != "" {
		f, err := h.store.FlowInfo(sid)
		if err != nil {
			h.showError(err)
		} else {
			shown = &f
		}
	}
	h.detail.show(shown)
	if shown == nil {
		h.keyboardOffDetail()
	}
	if h.OnSelectionChanged != nil {
		h.OnSelectionChanged(shown)
	}
}

// keyboardOffDetail moves the keyboard, when one of the detail's buttons
// holds it (Delete… just deleted the flow shown), to the list of flows, or
// the search field when the list is empty: the detail is hidden now.
func (h *Home) keyboardOffDetail() {
	c := h.win.Canvas()
	d := h.detail
	switch c.Focused() {
	case d.openBtn, d.renameBtn, d.duplicateBtn, d.exportBtn, d.deleteBtn, d.publishBtn:
	default:
		return
	}
	if len(h.shown) > 0 {
		c.Focus(h.list)
		return
	}
	c.Focus(h.search)
}

// FocusSearch puts the keyboard in the search field (the window's Find).
func (h *Home) FocusSearch() { h.win.Canvas().Focus(h.search) }

// Selected returns the SID of the flow shown on the right, "" for none.
func (h *Home) Selected() string { return h.selected }

// afterChange reloads the list and shows sid.
func (h *Home) afterChange(sid string) {
	h.selected = sid
	h.Refresh()
	h.Select(sid)
}

func (h *Home) showError(err error) {
	if h.OnError != nil {
		h.OnError(err)
		return
	}
	kbd.ShowError(err, h.win)
}

// open hands the flow's latest definition to the main window.
func (h *Home) open(sid string) {
	f, err := h.store.Flow(sid)
	if err != nil {
		h.showError(err)
		return
	}
	if h.OnOpen == nil {
		kbd.ShowMessage(h.win, "Open flow", "This window cannot open flows for editing.")
		return
	}
	h.OnOpen(f.SID, f.Definition, f.Revision)
}
