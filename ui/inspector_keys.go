package ui

import (
	"fyne.io/fyne/v2"

	"github.com/studioflow/studioflow/ui/kbd"
)

// The inspector's keyboard bookkeeping: what holds the keyboard, the
// form's named controls, and where the keyboard goes when the form is
// rebuilt.

// focused is what holds the keyboard in the inspector's window, nil when
// nothing does.
func (in *Inspector) focused() fyne.Focusable {
	if in.canvas == nil {
		return nil
	}
	if c := in.canvas(); c != nil {
		return c.Focused()
	}
	return nil
}

// control names b, a button of the form being built, for keepKeyboard.
func (in *Inspector) control(id string, b *kbd.Button) *kbd.Button {
	in.controls.Add(in.shown+"\x00"+id, b)
	return b
}

// preferNext names the form's controls (as control did) to give the
// keyboard to after the next rebuild, when a control holds it then.
func (in *Inspector) preferNext(ids ...string) {
	in.then = in.then[:0]
	for _, id := range ids {
		in.then = append(in.then, in.shown+"\x00"+id)
	}
}

// keepKeyboard gives the keyboard, held by the old form's control named
// held, to the rebuilt form: to the same control, or when it is gone (its
// row removed) to the next one there was, else the one before, else the
// form's first field. It is never left on a button no longer shown. The
// names begin with the widget shown, so when another is shown now (Ctrl+Z
// undoing a rename or an add) none matches and the first field takes it.
func (in *Inspector) keepKeyboard(old *kbd.Controls, held string, then []string) {
	c := in.canvas()
	if c == nil {
		return
	}
	if f := in.controls.Successor(old, held, then...); f != nil {
		c.Focus(f)
		return
	}
	for _, r := range in.rows {
		if r.focus != nil {
			c.Focus(r.focus)
			return
		}
	}
	c.Unfocus()
}

// focusedRow returns the form row holding the keyboard focus, or nil.
func (in *Inspector) focusedRow() *fieldRow {
	if in.canvas == nil {
		return nil
	}
	c := in.canvas()
	if c == nil || c.Focused() == nil {
		return nil
	}
	for _, r := range in.rows {
		if r.focus != nil && r.focus == c.Focused() {
			return r
		}
	}
	return nil
}

// refocus gives the focus to the rebuilt form's field at old's path, with
// the caret where it was: a rebuild (a rename, an undo) must not leave the
// keys the user is typing going to a field that is no longer on screen.
func (in *Inspector) refocus(old *fieldRow) {
	if old == nil {
		return
	}
	next := in.field(old.path)
	if next == nil {
		return
	}
	if from, ok := old.focus.(*textField); ok {
		if to, ok := next.(*textField); ok {
			to.CursorRow, to.CursorColumn = from.CursorRow, from.CursorColumn
		}
	}
	if c := in.canvas(); c != nil {
		c.Focus(next)
	}
}
