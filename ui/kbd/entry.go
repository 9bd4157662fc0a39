package kbd

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Entry is a text entry that lets the window's keys through: Escape and
// the function keys go to the window's key handler (Escape closes the
// dialog, or the secondary window; F10 opens the menu bar), and shortcuts
// the entry does not know (Ctrl+W, Alt+letter) to the window's shortcuts.
// A focused Fyne entry otherwise keeps every key to itself.
type Entry struct {
	widget.Entry
	// skip is a character to drop if it comes next, before any key press
	// here: that of a key a control used to move the keyboard here
	// (charFollowsFocus).
	skip rune
}

func (e *Entry) skipChar(r rune) { e.skip = r }

// TypedRune is part of fyne.Focusable.
func (e *Entry) TypedRune(r rune) {
	skip := e.skip
	e.skip = 0
	if skip != 0 && r == skip {
		return
	}
	e.Entry.TypedRune(r)
}

// KeyDown is part of desktop.Keyable.
func (e *Entry) KeyDown(ev *fyne.KeyEvent) {
	e.skip = 0
	e.Entry.KeyDown(ev)
}

// FocusLost is part of fyne.Focusable.
func (e *Entry) FocusLost() {
	e.skip = 0
	e.Entry.FocusLost()
}

// NewEntry is a single-line Entry.
func NewEntry() *Entry { return extended(&Entry{}) }

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

// TypedKey is part of fyne.Focusable. Escape and the function keys (F10:
// the menu bar, F6: the next pane), which an entry has no use for, go to
// the window's key handler.
func (e *Entry) TypedKey(ev *fyne.KeyEvent) {
	if (ev.Name == fyne.KeyEscape || functionKey(ev.Name)) && PassKey(e, ev) {
		return
	}
	e.Entry.TypedKey(ev)
}

// TypedShortcut is part of fyne.Shortcutable. Ctrl+W and Alt with a key (a
// menu's mnemonic) go to the window's shortcuts.
func (e *Entry) TypedShortcut(s fyne.Shortcut) {
	if IsCloseShortcut(s) && passShortcut(e, s) {
		return
	}
	if PassAltShortcut(CanvasOf(e), s) {
		return
	}
	e.Entry.TypedShortcut(s)
}

// PassAltShortcut hands a shortcut of Alt and a key (a menu's mnemonic),
// which a focused field would otherwise swallow, on to the shortcuts of
// the window's canvas c; it reports whether it did.
func PassAltShortcut(c fyne.Canvas, s fyne.Shortcut) bool {
	sc, ok := s.(*desktop.CustomShortcut)
	if !ok || sc.Modifier != fyne.KeyModifierAlt || c == nil {
		return false
	}
	if w, ok := c.(fyne.Shortcutable); ok {
		w.TypedShortcut(s)
		return true
	}
	return false
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
