package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/ui/drawn"
)

// notchDown is one notch of a mouse wheel turned down, as Fyne's desktop
// driver reports it on Linux and Windows.
const notchDown = -25

// inspectorWithScroll is an editor showing ask_sign in an inspector too
// short for its fields, so that it scrolls.
func inspectorWithScroll(t *testing.T) *Editor {
	t.Helper()
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{Flow: readShared(t, astrology)})
	e.win.Resize(fyne.NewSize(1280, 420))
	e.selectWidgets([]string{"ask_sign"})
	s := e.inspector.scroll
	if room := s.Content.MinSize().Height - s.Size().Height; room < 200 {
		t.Fatalf("the inspector has %v to scroll: too little for the test", room)
	}
	return e
}

// wheel turns the mouse wheel at pos on e's window as Fyne's desktop
// driver does: the innermost Scrollable drawn last under pos gets the turn,
// with where it happened. (test.Scroll finds the same one but says
// nowhere.)
func wheel(e *Editor, pos fyne.Position, dy float32) {
	var target fyne.Scrollable
	var at fyne.Position
	var walk func(o fyne.CanvasObject, p fyne.Position)
	walk = func(o fyne.CanvasObject, p fyne.Position) {
		if o == nil || !o.Visible() || p.X < 0 || p.Y < 0 || p.X >= o.Size().Width || p.Y >= o.Size().Height {
			return
		}
		if s, ok := o.(fyne.Scrollable); ok {
			target, at = s, p
		}
		for _, c := range drawn.Children(o) {
			if c != nil {
				walk(c, p.Subtract(c.Position()))
			}
		}
	}
	content := e.win.Canvas().Content()
	walk(content, pos.Subtract(content.Position()))
	if target != nil {
		target.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: at, AbsolutePosition: pos}, Scrolled: fyne.Delta{DY: dy}})
	}
}

// middleOf is the centre of o on the window's canvas.
func middleOf(e *Editor, o fyne.CanvasObject) fyne.Position {
	at := e.app.Driver().AbsolutePositionForObject(o)
	return at.Add(fyne.NewPos(o.Size().Width/2, o.Size().Height/2))
}

// fieldScroll is the scroll a text field keeps its text in.
func fieldScroll(t *testing.T, f fyne.CanvasObject) *container.Scroll {
	t.Helper()
	var find func(o fyne.CanvasObject) *container.Scroll
	find = func(o fyne.CanvasObject) *container.Scroll {
		for _, c := range drawn.Children(o) {
			if s, ok := c.(*container.Scroll); ok {
				return s
			}
			if s := find(c); s != nil {
				return s
			}
		}
		return nil
	}
	s := find(f)
	if s == nil {
		t.Fatal("the field has no scroll of its own")
	}
	return s
}

func TestTheWheelScrollsTheInspectorOverItsTextFields(t *testing.T) {
	e := inspectorWithScroll(t)
	s := e.inspector.scroll
	line := fyne.MeasureText("M", 14, fyne.TextStyle{}).Height
	for _, path := range []string{"/name", "/properties/body"} {
		f := e.inspector.field(path).(*textField)
		s.ScrollToTop()
		before := s.Offset.Y
		wheel(e, middleOf(e, f), notchDown)
		// Three lines a notch, as in other desktop programs (Fyne's own
		// scroll moves 25 units, about a line and a third).
		if moved := s.Offset.Y - before; moved < 2.5*line {
			t.Errorf("a notch of the wheel over the field %s moved the inspector %v, want three lines (%v)", path, moved, 3*line)
		}
		wheel(e, middleOf(e, f), -notchDown)
		if s.Offset.Y != before {
			t.Errorf("a notch back up over %s left the inspector at %v, want %v", path, s.Offset.Y, before)
		}
	}
	// Over a label, too.
	s.ScrollToTop()
	title := e.inspector.rows[0].box
	wheel(e, e.app.Driver().AbsolutePositionForObject(title).AddXY(2, 2), notchDown)
	if s.Offset.Y < 2.5*line {
		t.Errorf("a notch over the form moved the inspector %v, want three lines (%v)", s.Offset.Y, 3*line)
	}
}

func TestAFieldWithMoreTextThanItShowsTakesTheWheelUntilItsEnd(t *testing.T) {
	e := inspectorWithScroll(t)
	s := e.inspector.scroll
	typeInto(t, e, "/properties/body", strings.Repeat("line of the message\n", 12)+"end")
	e.win.Canvas().Unfocus()
	f := e.inspector.field("/properties/body").(*textField)
	s.ScrollToTop()
	own := fieldScroll(t, f)
	own.ScrollToTop() // typing left it at the caret, at its end
	at := middleOf(e, f)
	wheel(e, at, notchDown)
	if own.Offset.Y <= 0 || s.Offset.Y != 0 {
		t.Fatalf("a notch over a long field: the field at %v, the inspector at %v; want the field scrolled", own.Offset.Y, s.Offset.Y)
	}
	for range 20 {
		wheel(e, middleOf(e, f), notchDown)
	}
	if end := own.Content.MinSize().Height - own.Size().Height; own.Offset.Y < end-1 || s.Offset.Y <= 0 {
		t.Fatalf("turning on: the field at %v of %v, the inspector at %v; want the field at its end and the inspector scrolled", own.Offset.Y, end, s.Offset.Y)
	}
}
