package canvas

import (
	"bytes"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/internal/testflows"
	"github.com/studioflow/studioflow/model"
)

const ivrFlow = testflows.OrderIVR

var editorSize = fyne.NewSize(1200, 800)

// center is the screen position of a node's name row (not a port).
func center(e *Editor, n *node) fyne.Position {
	return screenOf(e, n.pos.add(n.width/2, headerHeight+nameHeight/2))
}

func next(tb testing.TB, e *Editor, widget string, port int) string {
	tb.Helper()
	return e.doc.Flow().State(widget).Transition(port).Next
}

func undoRestores(t *testing.T, e *Editor, before []byte) {
	t.Helper()
	if ok, err := e.doc.Undo(); !ok || err != nil {
		t.Fatalf("undo: %v %v", ok, err)
	}
	if after := e.doc.Flow().Marshal(); !bytes.Equal(after, before) {
		t.Fatalf("one undo did not restore the flow:\n%s", after)
	}
}

func TestDraggingANodeMovesItOnTheGridAsOneUndoStep(t *testing.T) {
	test.NewTempApp(t)
	e, _, _ := openEditor(t, readFlow(t, ivrFlow), editorSize)
	before := e.doc.Flow().Marshal()
	x0, y0 := offsetOf(t, e, "order_no")
	from := center(e, nodeNamed(t, e, "order_no"))
	z := float32(e.view.zoom)
	drag(e, from, from.AddXY(83*z, 47*z), desktop.MouseButtonPrimary, 0)

	x, y := offsetOf(t, e, "order_no")
	if wantX, wantY := roundTo(x0+83, gridSize), roundTo(y0+47, gridSize); x != wantX || y != wantY {
		t.Fatalf("dragged to %v,%v, want %v,%v (moved by 83,47 and snapped to the grid)", x, y, wantX, wantY)
	}
	if n := nodeNamed(t, e, "order_no"); n.pos != (worldPoint{x, y}) {
		t.Errorf("node drawn at %v, the model says %v,%v", n.pos, x, y)
	}
	if label, _ := e.doc.CanUndo(); label != "Move order_no" {
		t.Errorf("undo step %q", label)
	}
	if got := e.Selection(); len(got) != 1 || got[0] != "order_no" {
		t.Errorf("selection after the drag: %v", got)
	}
	undoRestores(t, e, before)
	if _, ok := e.doc.CanUndo(); ok {
		t.Error("the drag took more than one undo step")
	}
}

func TestDraggingWithoutSnapKeepsTheExactOffsetAndMovesTheWholeSelection(t *testing.T) {
	test.NewTempApp(t)
	e, _, w := openEditor(t, readFlow(t, ivrFlow), editorSize)
	showAll(e, w)
	e.SetSnapToGrid(false)
	e.SetSelection([]string{"order_no", "error"})
	ax, ay := offsetOf(t, e, "order_no")
	bx, by := offsetOf(t, e, "error")
	from := center(e, nodeNamed(t, e, "error"))
	z := float32(e.view.zoom)
	drag(e, from, from.AddXY(-33*z, 21*z), desktop.MouseButtonPrimary, 0)
	if x, y := offsetOf(t, e, "error"); x != bx-33 || y != by+21 {
		t.Errorf("held widget at %v,%v, want %v,%v", x, y, bx-33, by+21)
	}
	if x, y := offsetOf(t, e, "order_no"); x != ax-33 || y != ay+21 {
		t.Errorf("other selected widget at %v,%v, want %v,%v", x, y, ax-33, ay+21)
	}
}

func TestDraggingFromAnOpenPortToANodeConnectsIt(t *testing.T) {
	test.NewTempApp(t)
	e, _, _ := openEditor(t, readFlow(t, ivrFlow), editorSize)
	before := e.doc.Flow().Marshal()
	if got := next(t, e, "allow_list", 1); got != "" {
		t.Fatalf("fixture: allow_list's Fail is connected to %q", got)
	}
	src := nodeNamed(t, e, "allow_list")
	drag(e, screenOf(e, src.portAnchor(1)), center(e, nodeNamed(t, e, "error")), desktop.MouseButtonPrimary, 0)
	if got := next(t, e, "allow_list", 1); got != "error" {
		t.Fatalf("allow_list Fail → %q, want error", got)
	}
	if w := nodeNamed(t, e, "allow_list").ports[1].wire; w < 0 || e.graph.nodes[e.graph.wires[w].to].name != "error" {
		t.Error("no wire drawn for the new connection")
	}
	undoRestores(t, e, before)
}

func TestDraggingAWireEndToAnotherNodeReconnectsAndToEmptySpaceDisconnects(t *testing.T) {
	test.NewTempApp(t)
	e, _, win := openEditor(t, readFlow(t, ivrFlow), editorSize)
	showAll(e, win)
	before := e.doc.Flow().Marshal()
	if got := next(t, e, "allow_split", 2); got != "error" {
		t.Fatalf("fixture: allow_split's false → %q", got)
	}
	// Pick the wire up by its arrowhead at error's input.
	w := &e.graph.wires[nodeNamed(t, e, "allow_split").ports[2].wire]
	_, end := e.graph.wireEnds(w)
	drag(e, screenOf(e, end.add(0, -2)), center(e, nodeNamed(t, e, "forward_call")), desktop.MouseButtonPrimary, 0)
	if got := next(t, e, "allow_split", 2); got != "forward_call" {
		t.Fatalf("after reconnecting: allow_split false → %q, want forward_call", got)
	}
	undoRestores(t, e, before)

	// Pick it up at its port and drop it where there is nothing.
	port := screenOf(e, nodeNamed(t, e, "allow_split").portAnchor(2))
	empty := screenOf(e, e.graph.bounds().center().add(e.graph.bounds().width(), 0))
	if e.nodeAt(empty) >= 0 {
		t.Fatal("test point is not empty")
	}
	drag(e, port, empty, desktop.MouseButtonPrimary, 0)
	if got := next(t, e, "allow_split", 2); got != "" {
		t.Fatalf("after dropping on empty space: allow_split false → %q, want unconnected", got)
	}
	if p := nodeNamed(t, e, "allow_split").ports[2]; p.wire >= 0 {
		t.Error("the disconnected wire is still drawn")
	}
	undoRestores(t, e, before)
}

func TestDroppingAnOpenPortsWireOnEmptySpaceOffersAConnectedNewWidget(t *testing.T) {
	test.NewTempApp(t)
	e, _, w := openEditor(t, readFlow(t, ivrFlow), editorSize)
	before := e.doc.Flow().Marshal()
	port := screenOf(e, nodeNamed(t, e, "order_no").portAnchor(1))
	empty := port.AddXY(0, 60)
	if e.nodeAt(empty) >= 0 {
		t.Fatal("test point is not empty")
	}
	drag(e, port, empty, desktop.MouseButtonPrimary, 0)
	if e.menu == nil || !e.menu.Visible() || w.Canvas().Overlays().Top() == nil {
		t.Fatalf("no new-widget menu shown (top overlay %T)", w.Canvas().Overlays().Top())
	}
	var say, sms *fyne.MenuItem
	for _, it := range e.menuModel.Items {
		switch it.Label {
		case "Say/Play":
			say = it
		case "Send & Wait For Reply":
			sms = it
		}
	}
	if say == nil {
		t.Fatal("menu after a voice widget offers no Say/Play")
	}
	if sms != nil {
		t.Error("menu after Gather Input On Call offers Send & Wait For Reply, which needs a messaging execution")
	}
	say.Action()
	name := e.doc.Flow().State("order_no").Transition(1).Next
	added := e.doc.Flow().State(name)
	if name == "" || added == nil || added.Type() != "say-play" {
		t.Fatalf("order_no speech → %q (%v), want a new say-play", name, added)
	}
	if x, y := offsetOf(t, e, name); y < nodeNamed(t, e, "order_no").pos.Y {
		t.Errorf("new widget at %v,%v, above the widget it follows", x, y)
	}
	if got := e.Selection(); len(got) != 1 || got[0] != name {
		t.Errorf("selection %v, want the new widget", got)
	}
	undoRestores(t, e, before)
}

func TestShiftDragOnEmptySpaceSelectsABox(t *testing.T) {
	test.NewTempApp(t)
	e, _, _ := openEditor(t, readFlow(t, ivrFlow), editorSize)
	a, b := nodeNamed(t, e, "order_no"), nodeNamed(t, e, "order_lookup")
	lo := screenOf(e, worldPoint{min(a.pos.X, b.pos.X) - 20, a.pos.Y - 20})
	hi := screenOf(e, worldPoint{max(a.pos.X, b.pos.X) + 40, b.pos.Y + 40})
	if e.nodeAt(lo) >= 0 {
		t.Fatal("box starts on a node")
	}
	var heard []string
	e.OnSelectionChanged = func(names []string) { heard = names }
	view := e.view
	drag(e, lo, hi, desktop.MouseButtonPrimary, fyne.KeyModifierShift)
	got := e.Selection()
	if len(got) != 2 || got[0] != "order_lookup" || got[1] != "order_no" {
		t.Fatalf("box selected %v, want order_lookup and order_no", got)
	}
	if len(heard) != 2 {
		t.Errorf("OnSelectionChanged heard %v", heard)
	}
	if e.view != view {
		t.Error("a box selection panned the view")
	}
	if _, ok := e.doc.CanUndo(); ok {
		t.Error("selecting changed the document")
	}
}

func TestDeleteRemovesTheSelectionAndClearsWiresIntoIt(t *testing.T) {
	test.NewTempApp(t)
	e, _, w := openEditor(t, readFlow(t, ivrFlow), editorSize)
	before := e.doc.Flow().Marshal()
	test.TapAt(e, center(e, nodeNamed(t, e, "order_no")))
	if got := e.Selection(); len(got) != 1 || got[0] != "order_no" {
		t.Fatalf("click selected %v", got)
	}
	w.Canvas().Focus(e)
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if e.doc.Flow().State("order_no") != nil {
		t.Fatal("order_no still there after Delete")
	}
	if got := next(t, e, "allow_split", 1); got != "" {
		t.Errorf("allow_split true still points at %q", got)
	}
	if len(e.Selection()) != 0 {
		t.Errorf("selection after delete: %v", e.Selection())
	}
	undoRestores(t, e, before)

	// The trigger is never deleted.
	e.SetSelection([]string{"Trigger"})
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	if e.doc.Flow().State("Trigger") == nil {
		t.Fatal("the trigger was deleted")
	}
}

func TestClickShiftClickCtrlAAndEscape(t *testing.T) {
	test.NewTempApp(t)
	e, _, _ := openEditor(t, readFlow(t, ivrFlow), editorSize)
	click := func(name string, mods fyne.KeyModifier) {
		p := center(e, nodeNamed(t, e, name))
		e.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}, Button: desktop.MouseButtonPrimary, Modifier: mods})
		e.Tapped(&fyne.PointEvent{Position: p})
	}
	click("error", 0)
	click("order_no", fyne.KeyModifierShift)
	click("say_play_1", fyne.KeyModifierControl)
	if got := e.Selection(); len(got) != 3 {
		t.Fatalf("shift/ctrl clicks selected %v", got)
	}
	click("order_no", fyne.KeyModifierShift)
	if got := e.Selection(); len(got) != 2 || got[0] != "error" || got[1] != "say_play_1" {
		t.Fatalf("shift-click on a selected node should deselect it: %v", got)
	}
	click("order_no", 0)
	if got := e.Selection(); len(got) != 1 || got[0] != "order_no" {
		t.Fatalf("plain click: %v", got)
	}
	e.TypedShortcut(&fyne.ShortcutSelectAll{})
	if got := e.Selection(); len(got) != e.doc.Flow().Len() {
		t.Fatalf("Ctrl+A selected %d of %d", len(got), e.doc.Flow().Len())
	}
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if got := e.Selection(); len(got) != 0 {
		t.Fatalf("Escape left %v selected", got)
	}
}

func TestAltArrowKeysMoveTheSelectionAsOneStep(t *testing.T) {
	test.NewTempApp(t)
	e, _, _ := openEditor(t, readFlow(t, ivrFlow), editorSize)
	before := e.doc.Flow().Marshal()
	e.SetSelection([]string{"error"})
	x0, y0 := offsetOf(t, e, "error")
	alt := func(k fyne.KeyName) {
		e.TypedShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierAlt})
	}
	alt(fyne.KeyRight)
	alt(fyne.KeyRight)
	alt(fyne.KeyUp)
	if x, y := offsetOf(t, e, "error"); x != x0+2*gridSize || y != y0-gridSize {
		t.Fatalf("after → → ↑: %v,%v, want %v,%v", x, y, x0+2*gridSize, y0-gridSize)
	}
	undoRestores(t, e, before)
}

func TestDropWidgetAddsCatalogDefaultsAtTheWorldPointUnderThePointer(t *testing.T) {
	test.NewTempApp(t)
	e, _, _ := openEditor(t, readFlow(t, ivrFlow), editorSize)
	before := e.doc.Flow().Marshal()
	at := fyne.NewPos(300, 200)
	world := e.view.toWorld(at)
	name, err := e.DropWidget("send-message", at)
	if err != nil {
		t.Fatal(err)
	}
	s := e.doc.Flow().State(name)
	if s == nil || s.Type() != "send-message" || name != "send_message_1" {
		t.Fatalf("dropped %q: %v", name, s)
	}
	if x, y := offsetOf(t, e, name); x != roundTo(world.X, 1) || y != roundTo(world.Y, 1) {
		t.Errorf("dropped at %v,%v, want the world point %v", x, y, world)
	}
	if s.TransitionCount() != 2 {
		t.Errorf("send-message got %d transitions, want sent and failed", s.TransitionCount())
	}
	if _, err := e.DropWidget("no-such-type", at); err == nil {
		t.Error("an unknown type was dropped")
	}
	undoRestores(t, e, before)
}

func TestPanningByDragMiddleButtonAndWheel(t *testing.T) {
	test.NewTempApp(t)
	e, _, _ := openEditor(t, readFlow(t, ivrFlow), editorSize)
	before := e.doc.Flow().Marshal()
	empty := fyne.NewPos(5, 5)
	if e.nodeAt(empty) >= 0 {
		t.Fatal("corner is not empty")
	}
	o := e.view.origin
	drag(e, empty, empty.AddXY(100, 50), desktop.MouseButtonPrimary, 0)
	z := e.view.zoom
	if got := e.view.origin; !approx(got.X, o.X-100/z) || !approx(got.Y, o.Y-50/z) {
		t.Fatalf("drag on empty space: origin %v, want %v moved by -100,-50 px", got, o)
	}
	// The middle button pans even over a node, which it does not move.
	o = e.view.origin
	on := center(e, nodeNamed(t, e, "error"))
	drag(e, on, on.AddXY(-40, 0), desktop.MouseButtonTertiary, 0)
	if got := e.view.origin; !approx(got.X, o.X+40/z) {
		t.Fatalf("middle drag: origin %v, want x %v", got, o.X+40/z)
	}
	o = e.view.origin
	e.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: on}, Scrolled: fyne.NewDelta(0, -30)})
	if got := e.view.origin; !approx(got.Y, o.Y+30/z) || e.view.zoom != z {
		t.Fatalf("wheel: origin %v zoom %v, want y %v at zoom %v", got, e.view.zoom, o.Y+30/z, z)
	}
	if !bytes.Equal(e.doc.Flow().Marshal(), before) {
		t.Error("panning changed the document")
	}
}

func approx(a, b float64) bool { return a-b < 1e-6 && b-a < 1e-6 }

func TestZoomAroundThePointerKeysAndFit(t *testing.T) {
	test.NewTempApp(t)
	e, _, _ := openEditor(t, readFlow(t, ivrFlow), editorSize)
	p := fyne.NewPos(410, 230)
	under := e.view.toWorld(p)
	z := e.view.zoom
	e.KeyDown(&fyne.KeyEvent{Name: desktop.KeyControlLeft})
	e.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: p}, Scrolled: fyne.NewDelta(0, 10)})
	e.KeyUp(&fyne.KeyEvent{Name: desktop.KeyControlLeft})
	if e.view.zoom <= z {
		t.Fatalf("Ctrl+wheel up: zoom %v, was %v", e.view.zoom, z)
	}
	if got := e.view.toWorld(p); !approx(got.X, under.X) || !approx(got.Y, under.Y) {
		t.Fatalf("the point under the pointer moved from %v to %v", under, got)
	}
	e.TypedRune('0')
	if e.view.zoom != 1 {
		t.Fatalf("0: zoom %v", e.view.zoom)
	}
	e.TypedRune('+')
	if !approx(e.view.zoom, zoomStep) {
		t.Fatalf("+: zoom %v", e.view.zoom)
	}
	e.TypedRune('-')
	e.TypedRune('-')
	if !approx(e.view.zoom, 1/zoomStep) {
		t.Fatalf("- -: zoom %v", e.view.zoom)
	}
	e.ZoomToFit()
	vis := e.view.visible(e.size)
	for i := range e.graph.nodes {
		r := e.graph.nodes[i].rect()
		if !vis.contains(worldPoint{r.X0, r.Y0}) || !vis.contains(worldPoint{r.X1, r.Y1}) {
			t.Errorf("after zoom to fit, %s is not wholly in view", e.graph.nodes[i].name)
		}
	}
	if _, ok := e.doc.CanUndo(); ok {
		t.Error("zooming changed the document")
	}
}

func TestTidyUpIsOneUndoStepAndPlacesEveryWidgetBelowTheTrigger(t *testing.T) {
	test.NewTempApp(t)
	e, _, _ := openEditor(t, readFlow(t, testflows.Horoscope), editorSize)
	before := e.doc.Flow().Marshal()
	if err := e.TidyUp(false); err != nil {
		t.Fatal(err)
	}
	if label, _ := e.doc.CanUndo(); label != "Tidy up" {
		t.Fatalf("undo step %q", label)
	}
	_, ty := offsetOf(t, e, "Trigger")
	for _, s := range e.doc.Flow().States() {
		if _, y := offsetOf(t, e, s.Name()); s.Type() != "trigger" && y <= ty {
			t.Errorf("%s at y=%v, not below the trigger at %v", s.Name(), y, ty)
		}
	}
	assertNoOverlap(t, e)
	undoRestores(t, e, before)

	if err := e.TidyUp(true); err == nil {
		t.Error("tidying an empty selection should say there is nothing selected")
	}
}

func assertNoOverlap(t *testing.T, e *Editor) {
	t.Helper()
	for i := range e.graph.nodes {
		for j := i + 1; j < len(e.graph.nodes); j++ {
			a, b := e.graph.nodes[i].rect(), e.graph.nodes[j].rect()
			if a.X0 < b.X1 && b.X0 < a.X1 && a.Y0 < b.Y1 && b.Y0 < a.Y1 {
				t.Errorf("%s and %s overlap", e.graph.nodes[i].name, e.graph.nodes[j].name)
			}
		}
	}
}

func TestAFlowPiledOnOneSpotIsTidiedOnOpenAsAnUndoableStep(t *testing.T) {
	test.NewTempApp(t)
	f, err := model.Parse([]byte(`{"description":"snippet","initial_state":"Trigger","flags":{"allow_concurrent_calls":true},
	  "states":[
	    {"name":"Trigger","type":"trigger","transitions":[{"event":"incomingMessage","next":"a"}],"properties":{"offset":{"x":0,"y":0}}},
	    {"name":"a","type":"send-message","transitions":[{"event":"sent","next":"b"},{"event":"failed"}],"properties":{"offset":{"x":0,"y":0}}},
	    {"name":"b","type":"say-play","transitions":[{"event":"audioComplete"}],"properties":{"offset":{"x":0,"y":0}}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	before := f.Marshal()
	e, _, _ := openEditor(t, f, editorSize)
	if label, _ := e.doc.CanUndo(); label != "Tidy up" {
		t.Fatalf("opening a piled-up flow: undo step %q, want Tidy up", label)
	}
	assertNoOverlap(t, e)
	_, ya := offsetOf(t, e, "a")
	_, yb := offsetOf(t, e, "b")
	if ya >= yb {
		t.Errorf("a at y=%v is not above b at y=%v", ya, yb)
	}
	undoRestores(t, e, before)
}

func TestAShortSlipOnAPortOrADropOnItsOwnWidgetChangesNothing(t *testing.T) {
	test.NewTempApp(t)
	e, _, _ := openEditor(t, readFlow(t, ivrFlow), editorSize)
	before := e.doc.Flow().Marshal()
	port := screenOf(e, nodeNamed(t, e, "allow_split").portAnchor(2))
	drag(e, port, port.AddXY(3, 3), desktop.MouseButtonPrimary, 0)
	drag(e, port, center(e, nodeNamed(t, e, "allow_split")), desktop.MouseButtonPrimary, 0)
	open := screenOf(e, nodeNamed(t, e, "allow_list").portAnchor(1))
	drag(e, open, center(e, nodeNamed(t, e, "allow_list")), desktop.MouseButtonPrimary, 0)
	if !bytes.Equal(e.doc.Flow().Marshal(), before) {
		t.Fatalf("slips changed the flow:\n%s", e.doc.Flow().Marshal())
	}
	if e.menu != nil {
		t.Error("a slip opened the new-widget menu")
	}
}

func TestDraggingANodeToTheEdgeScrollsTheViewAndTheNodeFollows(t *testing.T) {
	test.NewTempApp(t)
	e, _, w := openEditor(t, readFlow(t, ivrFlow), editorSize)
	showAll(e, w)
	e.SetSnapToGrid(false)
	from := center(e, nodeNamed(t, e, "order_no"))
	edge := fyne.NewPos(e.size.Width-4, from.Y)
	e.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}, Button: desktop.MouseButtonPrimary})
	e.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: edge}, Dragged: fyne.NewDelta(edge.X-from.X, 0)})
	if e.autoPanStop == nil {
		t.Fatal("holding a node at the edge does not scroll")
	}
	x0, _ := offsetOf(t, e, "order_no")
	origin := e.view.origin
	// The ticker's steps arrive through the editor's poster: run ten.
	q := uiQueue(e)
	for steps := 0; steps < 10; {
		select {
		case <-q.Posted():
			steps += q.Run()
		case <-time.After(10 * time.Second):
			t.Fatalf("the ticker posted %d scroll steps in 10 s, want 10", steps)
		}
	}
	if e.view.origin.X <= origin.X {
		t.Fatalf("view did not scroll right: origin %v → %v", origin, e.view.origin)
	}
	x1, _ := offsetOf(t, e, "order_no")
	if got, want := x1-x0, e.view.origin.X-origin.X; !approx(got, roundTo(want, 1)) && (got-want > 1 || want-got > 1) {
		t.Errorf("node moved %v while the view scrolled %v: it did not stay under the pointer", got, want)
	}
	e.DragEnd()
	if e.autoPanStop != nil {
		t.Error("scrolling goes on after the drag ended")
	}
	if label, _ := e.doc.CanUndo(); label != "Move order_no" {
		t.Errorf("undo step %q", label)
	}
	e.doc.Undo()
	if _, ok := e.doc.CanUndo(); ok {
		t.Error("the drag with scrolling took more than one undo step")
	}
}
