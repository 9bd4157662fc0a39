package workspace

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/studio"
	wsstore "github.com/studioflow/studioflow/studio/workspace"
	"github.com/studioflow/studioflow/ui/kbd"
)

// blankHome shows a Flows home over a workspace in dir holding blank flows
// with the given names (its own fixtures: no shared files needed).
func blankHome(t *testing.T, dir string, names ...string) (*Home, fyne.Window, *wsstore.Store) {
	t.Helper()
	store, err := wsstore.Open(dir, wsstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	c := newClock()
	for _, n := range names {
		if _, err := studio.CreateFlow(store, validator(t), n, model.NewBlankFlow().Marshal(), "Created blank", c.now()); err != nil {
			t.Fatal(err)
		}
	}
	// Not a temporary window: the tests close it themselves.
	win := test.NewWindow(nil)
	h := NewHome(store, validator(t), win)
	win.SetContent(h.Content())
	win.Resize(fyne.NewSize(1100, 720))
	return h, win, store
}

// flowRows returns the list's rows as drawn.
func flowRows(t *testing.T, h *Home) []*flowRow {
	t.Helper()
	var rows []*flowRow
	for _, o := range test.LaidOutObjects(h.list) {
		if r, ok := o.(*flowRow); ok && r.Visible() && r.sid != "" {
			rows = append(rows, r)
		}
	}
	if len(rows) == 0 {
		t.Fatal("the list draws no flow rows")
	}
	return rows
}

// The real driver hands a click to the topmost object that handles taps or
// double taps: the row, not the list item under it. So the row itself must
// select on a single click.
func TestASingleClickOnAFlowRowSelectsItAndADoubleClickOpensIt(t *testing.T) {
	test.NewTempApp(t)
	h, _, _ := blankHome(t, t.TempDir(), "Alpha", "Beta")
	var opened []string
	h.OnOpen = func(sid string, _ []byte, _ int) { opened = append(opened, sid) }
	for _, r := range flowRows(t, h) {
		tappable, ok := any(r).(fyne.Tappable)
		if !ok {
			t.Fatal("a flow row takes clicks (it handles double-clicks) but does nothing with a single one")
		}
		tappable.Tapped(&fyne.PointEvent{})
		if h.Selected() != r.sid {
			t.Fatalf("clicking %s selected %q", r.name.Text, h.Selected())
		}
		if h.detail.name.Text != r.name.Text {
			t.Errorf("the detail shows %q after clicking %q", h.detail.name.Text, r.name.Text)
		}
	}
	if len(opened) != 0 {
		t.Fatalf("a single click opened %v", opened)
	}
	row := flowRows(t, h)[0]
	row.DoubleTapped(&fyne.PointEvent{})
	if len(opened) != 1 || opened[0] != row.sid || h.Selected() != row.sid {
		t.Fatalf("a double click opened %v and selected %q, want %s", opened, h.Selected(), row.sid)
	}
}

func TestFlowsCanBeSelectedAfterARestart(t *testing.T) {
	test.NewTempApp(t)
	dir := t.TempDir()
	h, win, store := blankHome(t, dir, "Alpha", "Beta")
	flowRows(t, h)[0].Tapped(&fyne.PointEvent{})
	win.Close()
	if err := store.Close(); err != nil {
		t.Fatal(err)
	}

	h2, _, _ := blankHome(t, dir)
	rows := flowRows(t, h2)
	if len(rows) != 2 {
		t.Fatalf("after reopening the workspace the list shows %d rows", len(rows))
	}
	rows[1].Tapped(&fyne.PointEvent{})
	if h2.Selected() != rows[1].sid || h2.detail.name.Text != rows[1].name.Text {
		t.Fatalf("after a restart clicking %q selected %q", rows[1].name.Text, h2.Selected())
	}
}

// labelRects returns where each visible label of o is drawn, relative to o.
func labelRects(t *testing.T, o fyne.CanvasObject, at fyne.Position, out map[*widget.Label][2]fyne.Position) {
	if !o.Visible() {
		return
	}
	switch v := o.(type) {
	case *widget.Label:
		if v.Text != "" {
			out[v] = [2]fyne.Position{at, at.Add(v.Size())}
		}
		return
	case *fyne.Container:
		for _, c := range v.Objects {
			labelRects(t, c, at.Add(c.Position()), out)
		}
		return
	case fyne.Widget:
		for _, c := range test.TempWidgetRenderer(t, v).Objects() {
			labelRects(t, c, at.Add(c.Position()), out)
		}
	}
}

// assertNoOverlap fails when two labels of row share pixels or one leaves it.
func assertNoOverlap(t *testing.T, what string, row fyne.CanvasObject, width float32) {
	t.Helper()
	row.Resize(fyne.NewSize(width, row.MinSize().Height))
	rects := map[*widget.Label][2]fyne.Position{}
	labelRects(t, row, fyne.Position{}, rects)
	if len(rects) < 3 {
		t.Fatalf("%s: found %d labels", what, len(rects))
	}
	var labels []*widget.Label
	for l, r := range rects {
		if r[0].X < 0 || r[1].X > width+0.5 || r[1].X-r[0].X <= 0 {
			t.Errorf("%s at width %v: %q is drawn from x=%v to %v", what, width, l.Text, r[0].X, r[1].X)
		}
		labels = append(labels, l)
	}
	for i, a := range labels {
		for _, b := range labels[i+1:] {
			ra, rb := rects[a], rects[b]
			if ra[0].X < rb[1].X && rb[0].X < ra[1].X && ra[0].Y < rb[1].Y && rb[0].Y < ra[1].Y {
				t.Errorf("%s at width %v: %q (%v–%v) and %q (%v–%v) are drawn over each other", what, width, a.Text, ra[0], ra[1], b.Text, rb[0], rb[1])
			}
		}
	}
}

func TestExecutionAndFlowRowsLayOutWithoutOverlappingTexts(t *testing.T) {
	test.NewTempApp(t)
	when := time.Date(2026, 11, 2, 9, 1, 0, 0, time.UTC)
	exec := wsstore.Execution{
		SID: "FN0123456789abcdef0123456789abcdef", Status: engine.StatusEnded, EndedKind: engine.EndCompleted,
		ContactChannelAddress: "+15005550006", FlowRevision: 12, DateCreated: when, DateUpdated: when.Add(time.Hour),
	}
	flow := wsstore.Flow{
		SID: "FW0123456789abcdef0123456789abcdef", FriendlyName: "Appointment reminders for the clinic", Status: wsstore.StatusDraft,
		Revision: 12, Valid: false, Errors: make([]wsstore.Problem, 3), Warnings: make([]wsstore.Problem, 2), DateUpdated: &when,
	}
	for _, width := range []float32{320, 480, 720} {
		er := newExecutionRow().(*executionRow)
		er.show(exec)
		assertNoOverlap(t, "execution row", container.NewStack(er), width)
		fr := newFlowRow(func(string) {}, func(string) {}).(*flowRow)
		fr.show(flow)
		assertNoOverlap(t, "flow row", container.NewStack(fr), width)
	}
}

func TestEscapeAndCtrlWCloseTheFlowsHomeAndEscapeDismissesItsDialogFirst(t *testing.T) {
	test.NewTempApp(t)
	h, win, _ := blankHome(t, t.TempDir(), "Alpha")
	closed := 0
	win.SetOnClosed(func() { closed++ })
	CloseOnKeys(win)

	// A dialog is up: Escape dismisses it, creating nothing.
	test.Tap(h.newButton)
	if win.Canvas().Overlays().Top() == nil {
		t.Fatal("New flow showed no dialog")
	}
	win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if win.Canvas().Overlays().Top() != nil || closed != 0 {
		t.Fatalf("Escape over a dialog: dialog still up=%v, window closed %d times", win.Canvas().Overlays().Top() != nil, closed)
	}
	if n := len(h.ShownFlows()); n != 1 {
		t.Fatalf("dismissing the dialog created a flow: %d flows", n)
	}

	// The search field has the keyboard: Escape still reaches the window.
	win.Canvas().Focus(h.search)
	h.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if closed != 1 {
		t.Fatalf("Escape in the search field closed the window %d times", closed)
	}

	// A clicked list has the keyboard (for its arrow keys): Escape still closes.
	h3, win3, _ := blankHome(t, t.TempDir(), "Alpha")
	CloseOnKeys(win3)
	closed3 := 0
	win3.SetOnClosed(func() { closed3++ })
	win3.Canvas().Focus(h3.list)
	h3.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if closed3 != 1 {
		t.Fatalf("Escape in the focused list closed the window %d times", closed3)
	}

	h2, win2, _ := blankHome(t, t.TempDir())
	CloseOnKeys(win2)
	closed2 := 0
	win2.SetOnClosed(func() { closed2++ })
	win2.Canvas().Focus(h2.search)
	h2.search.TypedShortcut(kbd.CloseShortcut())
	if closed2 != 1 {
		t.Fatalf("Ctrl+W in the search field closed the window %d times", closed2)
	}
}
