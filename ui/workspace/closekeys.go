package workspace

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// closeShortcut is Ctrl+W (Cmd+W on macOS), the desktop's Close Window.
var closeShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyW, Modifier: fyne.KeyModifierShortcutDefault}

// IsCloseShortcut reports whether s is Ctrl+W.
func IsCloseShortcut(s fyne.Shortcut) bool {
	sc, ok := s.(*desktop.CustomShortcut)
	return ok && sc.KeyName == closeShortcut.KeyName && sc.Modifier == closeShortcut.Modifier
}

// CloseOnKeys makes Escape and Ctrl+W close a secondary window (the Flows
// home, an execution or a revision viewer) without doing anything else, as
// a desktop user expects. While a dialog is up in the window, Escape
// dismisses the dialog instead (its action is not applied). Entries in the
// window pass the keys on when made with newClosingEntry.
func CloseOnKeys(w fyne.Window) {
	c := w.Canvas()
	prev := c.OnTypedKey()
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyEscape {
			escape(w)
			return
		}
		if prev != nil {
			prev(ev)
		}
	})
	c.AddShortcut(closeShortcut, func(fyne.Shortcut) { w.Close() })
}

// escape dismisses the window's top dialog, or closes the window.
func escape(w fyne.Window) {
	if top := w.Canvas().Overlays().Top(); top != nil {
		top.Hide()
		w.Canvas().Overlays().Remove(top)
		return
	}
	w.Close()
}

// closingEntry is an entry that lets Escape and Ctrl+W reach its window
// (a focused entry otherwise keeps every key to itself).
type closingEntry struct {
	widget.Entry
	win fyne.Window
}

// newClosingEntry returns a single-line entry for a window set up with
// CloseOnKeys.
func newClosingEntry(w fyne.Window) *closingEntry {
	e := &closingEntry{win: w}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey is part of fyne.Focusable.
func (e *closingEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.win != nil {
		escape(e.win)
		return
	}
	e.Entry.TypedKey(ev)
}

// TypedShortcut is part of fyne.Shortcutable.
func (e *closingEntry) TypedShortcut(s fyne.Shortcut) {
	if IsCloseShortcut(s) && e.win != nil {
		e.win.Close()
		return
	}
	e.Entry.TypedShortcut(s)
}

// closingList is a list that lets Escape reach its window (a list takes
// the keyboard when clicked, for its arrow keys).
type closingList struct {
	widget.List
	win fyne.Window
}

// newClosingList is widget.NewList for a window set up with CloseOnKeys;
// win may be set later (a view made before its window).
func newClosingList(win fyne.Window, length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject)) *closingList {
	l := &closingList{win: win}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.ExtendBaseWidget(l)
	return l
}

// TypedKey is part of fyne.Focusable.
func (l *closingList) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && l.win != nil {
		escape(l.win)
		return
	}
	l.List.TypedKey(ev)
}
