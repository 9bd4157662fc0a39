package kbd

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Scroll is a vertically scrolled text to read (the keyboard reference)
// that takes the keyboard: Fyne's scroll takes none, so a reader without a
// mouse could not see past its first page. Focused, Up and Down scroll it
// by a line, Page Up and Page Down by a view less a line (the line kept in
// sight), Home and End to its top and end. Other keys (Escape, F6, F10…)
// go on to the window's key handler, as a Button's do, and Tab moves on.
// Tapped, it takes the keyboard. The ring is drawn around it while it has
// the keyboard, as around any focused element.
type Scroll struct {
	widget.BaseWidget
	scroll *container.Scroll
}

// NewVScroll is a Scroll showing content, scrolled vertically.
func NewVScroll(content fyne.CanvasObject) *Scroll {
	return extended(&Scroll{scroll: container.NewVScroll(content)})
}

// View is the scroll container inside: its Offset is how far it is
// scrolled.
func (s *Scroll) View() *container.Scroll { return s.scroll }

// CreateRenderer is part of fyne.Widget.
func (s *Scroll) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(s.scroll)
}

// FocusGained is part of fyne.Focusable (the ring shows the focus).
func (s *Scroll) FocusGained() {}

// FocusLost is part of fyne.Focusable.
func (s *Scroll) FocusLost() {}

// TypedRune is part of fyne.Focusable: a Scroll takes no text.
func (s *Scroll) TypedRune(rune) {}

// Tapped is part of fyne.Tappable: a click puts the keyboard in it.
func (s *Scroll) Tapped(*fyne.PointEvent) {
	if c := CanvasOf(s); c != nil {
		c.Focus(s)
	}
}

// TypedKey is part of fyne.Focusable.
func (s *Scroll) TypedKey(ev *fyne.KeyEvent) {
	view := s.scroll.Size().Height
	end := max(0, s.scroll.Content.MinSize().Height-view)
	line := lineHeight()
	y := s.scroll.Offset.Y
	switch ev.Name {
	case fyne.KeyUp:
		y -= line
	case fyne.KeyDown:
		y += line
	case fyne.KeyPageUp:
		y -= max(line, view-line)
	case fyne.KeyPageDown:
		y += max(line, view-line)
	case fyne.KeyHome:
		y = 0
	case fyne.KeyEnd:
		y = end
	default:
		PassKey(s, ev)
		return
	}
	y = min(max(y, 0), end)
	if y != s.scroll.Offset.Y {
		s.scroll.ScrollToOffset(fyne.NewPos(s.scroll.Offset.X, y))
	}
}

// lineHeight is the height of one line of a label: text and its padding.
func lineHeight() float32 {
	return fyne.MeasureText("M", theme.TextSize(), fyne.TextStyle{}).Height + 2*theme.InnerPadding()
}

var (
	_ fyne.Focusable = (*Scroll)(nil)
	_ fyne.Tappable  = (*Scroll)(nil)
)
