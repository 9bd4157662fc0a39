package ui

import (
	"runtime"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/ui/drawn"
)

// wheelPane lies over a pane's scroll (the inspector's) and takes every
// turn of the mouse wheel over it. Fyne hands a turn to the innermost
// Scrollable under the pointer; over a text field that is the field's own
// scroll, which keeps the turn even when it has nothing to scroll, so the
// pane stood still under the pointer. Here a scroll inside the pane gets
// the turn only while it can move that way (a long multi-line field not
// yet at its end); otherwise the pane scrolls. A single-line field never
// takes a vertical turn (Fyne would turn it into a sideways scroll of the
// text). It is only a Scrollable: taps, drags and hovering go through it.
type wheelPane struct {
	widget.BaseWidget
	scroll *container.Scroll
}

func newWheelPane(s *container.Scroll) *wheelPane {
	w := &wheelPane{scroll: s}
	w.ExtendBaseWidget(w)
	return w
}

// CreateRenderer is part of fyne.Widget: it draws nothing.
func (w *wheelPane) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewWithoutLayout())
}

// Scrolled is part of fyne.Scrollable.
func (w *wheelPane) Scrolled(ev *fyne.ScrollEvent) {
	turn := *ev
	turn.Scrolled = wheelDistance(ev.Scrolled)
	if inner := scrollableAt(w.scroll, ev.Position); inner != nil && canScroll(inner, turn.Scrolled) {
		inner.Scrolled(&turn)
		return
	}
	w.scroll.Scrolled(&turn)
}

// wheelLines is how many lines of text a notch of the wheel scrolls, as
// in most desktop programs (GTK's and the browsers' default is about as
// far).
const wheelLines = 3

// wheelDistance is how far a turn of the wheel scrolls: Fyne's desktop
// driver reports 25 units a notch on Linux and Windows (scroll_speed_default.go),
// under one line of text. macOS reports distances the system has already
// scaled (its scrolling speed, a trackpad's momentum): kept as they are.
func wheelDistance(d fyne.Delta) fyne.Delta {
	if runtime.GOOS == "darwin" {
		return d
	}
	const notch = 25
	line := fyne.MeasureText("M", theme.TextSize(), fyne.TextStyle{}).Height
	k := wheelLines * line / notch
	return fyne.Delta{DX: d.DX * k, DY: d.DY * k}
}

// scrollableAt is the innermost Scrollable under o at pos (relative to o),
// o itself excluded; nil when there is none.
func scrollableAt(o fyne.CanvasObject, pos fyne.Position) fyne.Scrollable {
	var found fyne.Scrollable
	for _, c := range drawn.Children(o) {
		if c == nil || !c.Visible() {
			continue
		}
		p := pos.Subtract(c.Position())
		if s := c.Size(); p.X < 0 || p.Y < 0 || p.X >= s.Width || p.Y >= s.Height {
			continue
		}
		if s, ok := c.(fyne.Scrollable); ok {
			found = s
		}
		if inner := scrollableAt(c, p); inner != nil {
			found = inner
		}
	}
	return found
}

// canScroll reports whether s would move for a turn of d: its content is
// larger than its view in the turn's direction and not already at that
// end. A Scrollable other than a scroll container keeps every turn.
func canScroll(s fyne.Scrollable, d fyne.Delta) bool {
	c, ok := s.(*container.Scroll)
	if !ok {
		return true
	}
	room := c.Content.MinSize().Subtract(c.Size())
	if abs32(d.DY) >= abs32(d.DX) {
		if c.Direction != container.ScrollBoth && c.Direction != container.ScrollVerticalOnly || room.Height < 1 {
			return false
		}
		return d.DY > 0 && c.Offset.Y > 0.5 || d.DY < 0 && c.Offset.Y < room.Height-0.5
	}
	if c.Direction != container.ScrollBoth && c.Direction != container.ScrollHorizontalOnly || room.Width < 1 {
		return false
	}
	return d.DX > 0 && c.Offset.X > 0.5 || d.DX < 0 && c.Offset.X < room.Width-0.5
}

func abs32(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}
