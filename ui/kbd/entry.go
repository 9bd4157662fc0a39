package kbd

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Entry is a text entry for dialogs and secondary windows that lets the
// window's keys through: Escape goes to the window's key handler (which
// closes the dialog, or the secondary window), and shortcuts the entry
// does not know (Ctrl+W) to the window's shortcuts. A focused Fyne entry
// otherwise keeps every key to itself.
type Entry struct {
	widget.Entry
}

// NewEntry is a single-line Entry.
func NewEntry() *Entry {
	e := &Entry{}
	e.ExtendBaseWidget(e)
	return e
}

// NewMultiLineEntry is a multi-line Entry.
func NewMultiLineEntry() *Entry {
	e := NewEntry()
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	return e
}

// NewPasswordEntry is a single-line Entry that hides what is typed, with
// a button that shows it.
func NewPasswordEntry() *Entry {
	e := NewEntry()
	e.Password = true
	var reveal *Button
	reveal = NewButtonWithIcon("", theme.VisibilityOffIcon(), func() {
		e.Password = !e.Password
		if e.Password {
			reveal.SetIcon(theme.VisibilityOffIcon())
		} else {
			reveal.SetIcon(theme.VisibilityIcon())
		}
		e.Refresh()
	})
	reveal.Importance = widget.LowImportance
	e.ActionItem = reveal
	return e
}

// CloseShortcut is Ctrl+W (Cmd+W on macOS), the desktop's Close Window.
func CloseShortcut() *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: fyne.KeyW, Modifier: fyne.KeyModifierShortcutDefault}
}

// IsCloseShortcut reports whether s is Ctrl+W.
func IsCloseShortcut(s fyne.Shortcut) bool {
	sc, ok := s.(*desktop.CustomShortcut)
	return ok && sc.KeyName == fyne.KeyW && sc.Modifier == fyne.KeyModifierShortcutDefault
}

// TypedKey is part of fyne.Focusable.
func (e *Entry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape {
		PassKey(e, ev)
		return
	}
	e.Entry.TypedKey(ev)
}

// TypedShortcut is part of fyne.Shortcutable.
func (e *Entry) TypedShortcut(s fyne.Shortcut) {
	if IsCloseShortcut(s) && passShortcut(e, s) {
		return
	}
	e.Entry.TypedShortcut(s)
}

// passShortcut hands s to the shortcuts of o's window; it reports whether
// it could. Ctrl+W reaches a window whose canvas takes no shortcuts (Fyne's
// test driver) as the window's Close.
func passShortcut(o fyne.CanvasObject, s fyne.Shortcut) bool {
	c := CanvasOf(o)
	if c == nil {
		return false
	}
	if sc, ok := c.(fyne.Shortcutable); ok {
		sc.TypedShortcut(s)
		return true
	}
	if IsCloseShortcut(s) {
		for _, w := range fyne.CurrentApp().Driver().AllWindows() {
			if w.Canvas() == c {
				w.Close()
				return true
			}
		}
	}
	return false
}
