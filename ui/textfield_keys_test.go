package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

// pressTab delivers Tab as Fyne's desktop driver does: to the focused
// widget when it accepts tabs, otherwise as a focus move.
func pressTab(c fyne.Canvas) {
	if tb, ok := c.Focused().(fyne.Tabbable); ok && tb.AcceptsTab() {
		c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab})
		return
	}
	c.FocusNext()
}

func multiLineBody(t *testing.T, e *Editor) *textField {
	t.Helper()
	e.selectWidgets([]string{"ask_sign"})
	f := typeInto(t, e, "/properties/body", "hello")
	if !f.MultiLine {
		t.Fatal("the body field is not multi-line; the test needs one")
	}
	return f
}

func TestTabInAMultiLineFieldMovesFocusAndLeavesTheText(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{Flow: readShared(t, astrology)})
	f := multiLineBody(t, e)
	c := e.win.Canvas()
	pressTab(c)
	if c.Focused() == f {
		t.Error("Tab left the focus in the multi-line field")
	}
	// A driver handing Tab to the field itself moves the focus too.
	c.Focus(f)
	f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab})
	if c.Focused() == f {
		t.Error("a Tab key event left the focus in the field")
	}
	if got := e.doc.Flow().State("ask_sign").StringProperty("body"); got != "hello" {
		t.Errorf("Tab changed the body to %q", got)
	}
}

func TestAltTInsertsATabCharacter(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{Flow: readShared(t, astrology)})
	f := multiLineBody(t, e)
	f.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyT, Modifier: fyne.KeyModifierAlt})
	if f.Text != "hello\t" {
		t.Errorf("Alt+T left %q, want a tab appended", f.Text)
	}
}

func TestEscapeInAFieldReleasesFocusKeepingTheText(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{Flow: readShared(t, astrology)})
	f := multiLineBody(t, e)
	c := e.win.Canvas()
	f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if c.Focused() != nil {
		t.Errorf("Escape left the focus on %T", c.Focused())
	}
	if f.Text != "hello" {
		t.Errorf("Escape changed the text to %q", f.Text)
	}
}

func TestACharacterWithoutItsKeyPressDoesNotReachAFreshlyFocusedField(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{Flow: readShared(t, astrology)})
	f := multiLineBody(t, e)
	f.guardRunes = true // as on a desktop driver
	c := e.win.Canvas()
	c.Unfocus()
	// A dialog closed with Space hands the focus back before the space
	// character arrives.
	c.Focus(f)
	f.TypedRune(' ')
	if f.Text != "hello" {
		t.Fatalf("a leaked space reached the field: %q", f.Text)
	}
	// Typed for real, the key press comes first.
	f.KeyDown(&fyne.KeyEvent{Name: fyne.KeySpace})
	f.TypedRune(' ')
	if f.Text != "hello " {
		t.Errorf("a typed space was dropped: %q", f.Text)
	}
}

func TestF6CyclesThePanes(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{Flow: readShared(t, astrology)})
	e.selectWidgets([]string{"ask_sign"})
	c := e.win.Canvas()
	c.Unfocus()
	f6 := func() {
		ev := &fyne.KeyEvent{Name: fyne.KeyF6}
		if f := c.Focused(); f != nil {
			f.TypedKey(ev)
		} else {
			c.OnTypedKey()(ev)
		}
	}
	f6()
	if c.Focused() != e.library.search {
		t.Fatalf("F6 from nowhere focused %T, want the library's search", c.Focused())
	}
	f6()
	if c.Focused() != e.canvas.Object().(fyne.Focusable) {
		t.Fatalf("F6 from the library focused %T, want the canvas", c.Focused())
	}
	f6()
	if c.Focused() == nil || c.Focused() != e.inspector.rows[0].focus {
		t.Fatalf("F6 from the canvas focused %T, want the inspector's first field", c.Focused())
	}
	for i := 0; i < 2 && c.Focused() != e.library.search; i++ {
		f6()
	}
	if c.Focused() != e.library.search {
		t.Fatalf("F6 did not come back round to the library (at %T)", c.Focused())
	}
	e.cyclePanes(true)
	if c.Focused() == e.library.search || c.Focused() == e.canvas.Object().(fyne.Focusable) {
		t.Errorf("Shift+F6 from the library went forward to %T", c.Focused())
	}
}
