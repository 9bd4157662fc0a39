package winkeys

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
	s := &Select{}
	s.Options, s.OnChanged = options, changed
	s.ExtendBaseWidget(s)
	return s
}

// TypedKey is part of fyne.Focusable.
func (s *Select) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeySpace, fyne.KeyUp, fyne.KeyDown, fyne.KeyLeft, fyne.KeyRight:
		s.Select.TypedKey(ev)
	default:
		Pass(s, ev)
	}
}

// Check is Fyne's Check passing every key on to its window (Space, which
// toggles it, comes as a character).
type Check struct {
	widget.Check
}

// NewCheck is widget.NewCheck, passing leftover keys to the window.
func NewCheck(label string, changed func(bool)) *Check {
	c := &Check{}
	c.Text, c.OnChanged = label, changed
	c.ExtendBaseWidget(c)
	return c
}

// TypedKey is part of fyne.Focusable.
func (c *Check) TypedKey(ev *fyne.KeyEvent) { Pass(c, ev) }

// Entry is Fyne's Entry passing the function keys (F10, F6), which it has
// no use for, and Alt with a letter (a menu's mnemonic) on to its window.
type Entry struct {
	widget.Entry
}

// NewEntry is widget.NewEntry, passing leftover keys to the window.
func NewEntry() *Entry {
	e := &Entry{}
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip) // as Fyne's
	e.ExtendBaseWidget(e)
	return e
}

// NewMultiLineEntry is widget.NewMultiLineEntry, passing leftover keys to
// the window.
func NewMultiLineEntry() *Entry {
	e := NewEntry()
	e.MultiLine = true
	return e
}

// TypedKey is part of fyne.Focusable.
func (e *Entry) TypedKey(ev *fyne.KeyEvent) {
	if functionKey(ev.Name) && Pass(e, ev) {
		return
	}
	e.Entry.TypedKey(ev)
}

// TypedShortcut is part of fyne.Shortcutable.
func (e *Entry) TypedShortcut(s fyne.Shortcut) {
	if app := fyne.CurrentApp(); app != nil && PassAltShortcut(app.Driver().CanvasForObject(e), s) {
		return
	}
	e.Entry.TypedShortcut(s)
}

// functionKey tells F1 to F12 from the other keys.
func functionKey(k fyne.KeyName) bool {
	switch k {
	case fyne.KeyF1, fyne.KeyF2, fyne.KeyF3, fyne.KeyF4, fyne.KeyF5, fyne.KeyF6,
		fyne.KeyF7, fyne.KeyF8, fyne.KeyF9, fyne.KeyF10, fyne.KeyF11, fyne.KeyF12:
		return true
	}
	return false
}
