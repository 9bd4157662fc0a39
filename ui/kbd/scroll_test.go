package kbd

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// lines is a column of n one-line labels.
func lines(n int) *fyne.Container {
	box := container.NewVBox()
	for i := range n {
		box.Add(widget.NewLabel(fmt.Sprintf("line %d", i+1)))
	}
	return box
}

// Focused, a Scroll moves by a line on Up and Down, by a view less a line
// on Page Up and Page Down, to its ends on Home and End, never past them;
// the keys it does not use reach the window.
func TestAScrollMovesByTheKeys(t *testing.T) {
	w, _, heard := behind(t)
	s := NewVScroll(lines(60))
	w.SetContent(container.NewGridWrap(fyne.NewSize(300, 200), s))
	w.Resize(fyne.NewSize(400, 300))
	c := w.Canvas()
	c.Focus(s)
	if c.Focused() != s {
		t.Fatalf("the keyboard is on %T, not the scroll", c.Focused())
	}
	view := s.View().Size().Height
	end := s.View().Content.MinSize().Height - view
	if view <= 0 || end <= view {
		t.Fatalf("view %v over content %v: the fixture does not need scrolling", view, end+view)
	}
	line := widget.NewLabel("x").MinSize().Height // a label's line
	for _, step := range []struct {
		key  fyne.KeyName
		want float32
	}{
		{fyne.KeyDown, line},
		{fyne.KeyDown, 2 * line},
		{fyne.KeyUp, line},
		{fyne.KeyUp, 0},
		{fyne.KeyUp, 0}, // not above the top
		{fyne.KeyPageDown, view - line},
		{fyne.KeyPageDown, 2 * (view - line)},
		{fyne.KeyPageUp, view - line},
		{fyne.KeyEnd, end},
		{fyne.KeyDown, end}, // not past the end
		{fyne.KeyPageDown, end},
		{fyne.KeyPageUp, end - (view - line)},
		{fyne.KeyHome, 0},
		{fyne.KeyPageUp, 0},
	} {
		s.TypedKey(&fyne.KeyEvent{Name: step.key})
		if got := s.View().Offset.Y; got != step.want {
			t.Fatalf("%s: scrolled to %v, want %v (line %v, view %v, end %v)", step.key, got, step.want, line, view, end)
		}
	}
	if len(*heard) != 0 {
		t.Fatalf("the scrolling keys reached the window: %v", *heard)
	}
	s.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF6})
	s.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if len(*heard) != 2 || (*heard)[0] != fyne.KeyF6 || (*heard)[1] != fyne.KeyEscape {
		t.Fatalf("the window heard %v, want F6 and Escape passed on", *heard)
	}
	if c.Focused() != s {
		t.Errorf("the keys moved the keyboard to %T", c.Focused())
	}

	// A click puts the keyboard in it.
	c.Unfocus()
	test.Tap(s)
	if c.Focused() != s {
		t.Errorf("after a click the keyboard is on %T", c.Focused())
	}
}

// A dialog showing a Scroll gives it the keyboard, draws the ring around
// it, and closes on Escape typed in it.
func TestADialogsScrollTakesTheKeyboardWithTheRing(t *testing.T) {
	w, _, heard := behind(t)
	ring := Install(w)
	s := NewVScroll(lines(80))
	d := NewMessage("Reference", "Close", s, w)
	d.Resize(fyne.NewSize(300, 400))
	d.Show()
	c := w.Canvas()
	if c.Focused() != s {
		t.Fatalf("the dialog put the keyboard on %T, want its scroll", c.Focused())
	}
	s.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageDown})
	if s.View().Offset.Y <= 0 {
		t.Fatal("Page Down did not scroll the dialog's text")
	}
	ring.Track()
	pos, size, shown := ring.Shown()
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(s)
	if !shown || pos != at.SubtractXY(Gap, Gap) || size != s.Size().AddWidthHeight(2*Gap, 2*Gap) {
		t.Errorf("ring shown=%v at %v %v, want around the scroll at %v %v", shown, pos, size, at, s.Size())
	}
	if ring.layer == ring.main {
		t.Error("the ring is drawn under the dialog")
	}
	s.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if d.Shown() || c.Overlays().Top() != nil {
		t.Fatal("Escape in the scroll did not close the dialog")
	}
	if len(*heard) != 0 {
		t.Errorf("keys reached the window behind the dialog: %v", *heard)
	}
}
