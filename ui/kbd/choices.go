package kbd

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Select is Fyne's Select passing the keys it has no use for (F10, F6)
// on to its window.
type Select struct {
	widget.Select
}

// NewSelect is widget.NewSelect, passing leftover keys to the window.
func NewSelect(options []string, changed func(string)) *Select {
	return extended(&Select{Select: widget.Select{Options: options, OnChanged: changed}})
}

// TypedKey is part of fyne.Focusable.
func (s *Select) TypedKey(ev *fyne.KeyEvent) {
	useOrPass(s, ev, s.Select.TypedKey, arrowsAndSpace...)
}

// Check is Fyne's Check passing every key on to its window (Space, which
// toggles it, comes as a character).
type Check struct {
	widget.Check
}

// NewCheck is widget.NewCheck, passing leftover keys to the window.
func NewCheck(label string, changed func(bool)) *Check {
	return extended(&Check{Check: widget.Check{Text: label, OnChanged: changed}})
}

// TypedKey is part of fyne.Focusable.
func (c *Check) TypedKey(ev *fyne.KeyEvent) { PassKey(c, ev) }
