package canvas

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

// Inside the view the edge scrolls slowly enough to aim at a widget there;
// taken past the edge the pointer scrolls faster, never beyond the cap.
func TestEdgeAutoPanIsSlowInsideTheViewAndCapped(t *testing.T) {
	test.NewTempApp(t)
	e, _, _ := openEditor(t, readFlow(t, ivrFlow), editorSize)
	h := e.size.Height
	at := func(y float32) float32 { _, dy := e.edgePush(fyne.NewPos(e.size.Width/2, y)); return dy }
	if got := at(h / 2); got != 0 {
		t.Errorf("mid-view pushes %v", got)
	}
	// Per 16 ms tick: 3 px is about 190 px/s.
	if got := at(h - 1); got <= 0 || got > 3 {
		t.Errorf("at the bottom edge the view scrolls %v px a tick, want (0, 3]", got)
	}
	prev := float32(0)
	for _, y := range []float32{h - edgeZone + 1, h - 8, h, h + 20, h + 60, h + 96} {
		got := at(y)
		if got < prev {
			t.Errorf("at y=%v the push %v is less than %v nearer the edge", y, got, prev)
		}
		prev = got
	}
	for _, y := range []float32{h + 200, h + 5000} {
		if got := at(y); got != edgeSpeed {
			t.Errorf("far past the edge (y=%v) the push is %v, want the cap %v", y, got, edgeSpeed)
		}
	}
	if _, dy := e.edgePush(fyne.NewPos(e.size.Width/2, -5000)); dy != -edgeSpeed {
		t.Errorf("far above the top edge the push is %v, want %v", dy, -edgeSpeed)
	}
}

// A wire held over the widget it is aimed at, near the edge, does not
// scroll that widget away from under the pointer.
func TestAWireOverAWidgetAtTheEdgeDoesNotScroll(t *testing.T) {
	test.NewTempApp(t)
	e, _, w := openEditor(t, readFlow(t, ivrFlow), editorSize)
	showAll(e, w)
	target := nodeNamed(t, e, "order_no")
	// Put the target's lower half in the bottom edge zone.
	r := target.rect()
	e.view.origin.Y = r.Y1 - float64(e.size.Height-edgeZone/2)/e.view.zoom
	e.viewTouched = true
	e.Refresh()
	from := screenOf(e, nodeNamed(t, e, "allow_list").portAnchor(1))
	over := screenOf(e, worldPoint{r.center().X, r.Y1 - 4})
	if over.Y <= e.size.Height-edgeZone || over.Y >= e.size.Height {
		t.Fatalf("the aim point y=%v is not in the edge zone of a %v high view", over.Y, e.size.Height)
	}
	e.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}, Button: desktop.MouseButtonPrimary})
	e.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: over}, Dragged: fyne.NewDelta(over.X-from.X, over.Y-from.Y)})
	if e.gesture == nil || e.gesture.kind != gestureWire || e.gesture.target != "order_no" {
		t.Fatalf("not a wire over order_no: %+v", e.gesture)
	}
	if e.autoPanStop != nil {
		t.Error("a wire held over its target at the edge scrolls the view")
	}
	// Off the widget, still at the edge: it scrolls, slowly.
	below := fyne.NewPos(over.X+float32(r.width()*e.view.zoom), e.size.Height-2)
	e.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: below}, Dragged: fyne.NewDelta(below.X-over.X, below.Y-over.Y)})
	if e.gesture.target == "" && e.autoPanStop == nil {
		t.Error("a wire at the edge over empty canvas does not scroll")
	}
	e.DragEnd()
}
