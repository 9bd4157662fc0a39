package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// textField is an entry whose undo and redo shortcuts act on the document
// (the model is the one truth, so the entry's own text history would fork
// it) and which can report losing focus (a rename is committed then).
type textField struct {
	widget.Entry
	onFocusLost func()
	// onEscape, when set, hears Escape (a dialog's field closes the dialog).
	onEscape func()
	keys     *historyKeys
	// assist, when set, makes the field's Liquid references links and
	// completes them (provenance.go).
	assist *liquidAssist
}

// TypedKey is part of fyne.Focusable.
func (t *textField) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && t.onEscape != nil {
		t.onEscape()
		return
	}
	t.Entry.TypedKey(ev)
}

// FocusGained is part of fyne.Focusable: typing after coming back to a
// field is a new undo step.
func (t *textField) FocusGained() {
	t.Entry.FocusGained()
	if t.keys != nil && t.keys.newSession != nil {
		t.keys.newSession()
	}
}

// historyKeys are the document's undo and redo, for fields to route their
// shortcuts to.
type historyKeys struct {
	undo, redo func()
	// newSession starts a new undo step for typing (a field got focus).
	newSession func()
}

func newTextField(multiLine bool, keys *historyKeys) *textField {
	t := &textField{keys: keys}
	t.ExtendBaseWidget(t)
	if multiLine {
		t.MultiLine = true
		t.Wrapping = fyne.TextWrapWord
		t.SetMinRowsVisible(3)
	}
	return t
}

// FocusLost is part of fyne.Focusable.
func (t *textField) FocusLost() {
	t.Entry.FocusLost()
	if t.onFocusLost != nil {
		t.onFocusLost()
	}
}

// TypedShortcut is part of fyne.Shortcutable.
func (t *textField) TypedShortcut(s fyne.Shortcut) {
	if t.assist != nil && t.assist.shortcut(s) {
		return
	}
	if t.keys != nil {
		switch sc := s.(type) {
		case *fyne.ShortcutUndo:
			t.keys.undo()
			return
		case *fyne.ShortcutRedo:
			t.keys.redo()
			return
		case *desktop.CustomShortcut:
			if sc.KeyName == fyne.KeyZ && sc.Modifier == fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift {
				t.keys.redo()
				return
			}
		}
	}
	t.Entry.TypedShortcut(s)
}
