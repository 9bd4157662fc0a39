package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/ui/kbd"
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
	// guardRunes drops a character that reaches the field before any key
	// press did since it gained focus: on the desktop a dialog closed with
	// Space hands the focus back between the key press and its character,
	// which would otherwise land, unseen, in the field behind.
	guardRunes bool
	// stray is true from gaining focus until the field hears a key press.
	stray bool
	// cycle, when set, hears F6 (otherwise keys.panes does).
	cycle func(back bool)
}

// AcceptsTab is part of fyne.Tabbable: Tab and Shift+Tab always move the
// focus, even in a multi-line field (Alt+T inserts a tab character).
func (t *textField) AcceptsTab() bool { return false }

// KeyDown is part of desktop.Keyable.
func (t *textField) KeyDown(ev *fyne.KeyEvent) {
	t.stray = false
	t.Entry.KeyDown(ev)
}

// TypedRune is part of fyne.Focusable.
func (t *textField) TypedRune(r rune) {
	if t.guardRunes && t.stray {
		return
	}
	t.Entry.TypedRune(r)
}

// typeRune types r at the caret for a control that heard it and handed
// the keyboard to the field (the stray guard would drop it: no key press
// reached the field).
func (t *textField) typeRune(r rune) { t.Entry.TypedRune(r) }

// TypedKey is part of fyne.Focusable.
func (t *textField) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyEscape:
		if t.onEscape != nil {
			t.onEscape()
			return
		}
		// Escape releases the keyboard, leaving the text as it is.
		if c := t.canvas(); c != nil {
			c.Unfocus()
		}
		return
	case fyne.KeyF10:
		if kbd.PassKey(t, ev) {
			return
		}
	case fyne.KeyF6:
		cycle := t.cycle
		if cycle == nil && t.keys != nil {
			cycle = t.keys.panes
		}
		if cycle != nil {
			cycle(shiftHeld())
			return
		}
	case fyne.KeyTab:
		// A driver that hands Tab to the field anyway: move the focus.
		if c := t.canvas(); c != nil {
			if shiftHeld() {
				c.FocusPrevious()
			} else {
				c.FocusNext()
			}
		}
		return
	}
	t.Entry.TypedKey(ev)
}

// canvas is the canvas showing the field, or nil.
func (t *textField) canvas() fyne.Canvas {
	app := fyne.CurrentApp()
	if app == nil {
		return nil
	}
	return app.Driver().CanvasForObject(t)
}

// shiftHeld tells whether the desktop driver reports Shift held.
func shiftHeld() bool {
	app := fyne.CurrentApp()
	if app == nil {
		return false
	}
	d, ok := app.Driver().(desktop.Driver)
	return ok && d.CurrentKeyModifiers()&fyne.KeyModifierShift != 0
}

// FocusGained is part of fyne.Focusable: typing after coming back to a
// field is a new undo step.
func (t *textField) FocusGained() {
	t.stray = true
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
	// panes moves the keyboard to the window's next pane (F6; back:
	// Shift+F6).
	panes func(back bool)
}

func newTextField(multiLine bool, keys *historyKeys) *textField {
	t := &textField{keys: keys}
	// Only a desktop driver reports key presses; others (the test driver,
	// mobile) would lose every character.
	if app := fyne.CurrentApp(); app != nil {
		_, t.guardRunes = app.Driver().(desktop.Driver)
	}
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

// insertTabKey types a tab character into a multi-line field.
var insertTabKey = desktop.CustomShortcut{KeyName: fyne.KeyT, Modifier: fyne.KeyModifierAlt}

// TypedShortcut is part of fyne.Shortcutable.
func (t *textField) TypedShortcut(s fyne.Shortcut) {
	if t.assist != nil && t.assist.shortcut(s) {
		return
	}
	if sc, ok := s.(*desktop.CustomShortcut); ok && sc.KeyName == insertTabKey.KeyName && sc.Modifier == insertTabKey.Modifier {
		// Alt+T inserts a tab character where one is wanted (Ctrl+Tab
		// goes to the pane's next tab).
		if t.MultiLine {
			t.Entry.TypedRune('\t')
		}
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
	if kbd.PassAltShortcut(t.canvas(), s) {
		return
	}
	t.Entry.TypedShortcut(s)
}
