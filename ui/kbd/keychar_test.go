package kbd

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// pressOnDesktop presses key as Fyne's desktop driver delivers it: key
// down and the key to what is focused, then its character (none: 0) and
// the key's release to what is focused after that.
func pressOnDesktop(c fyne.Canvas, key fyne.KeyName, char rune) {
	ev := &fyne.KeyEvent{Name: key}
	f := c.Focused()
	if k, ok := f.(desktop.Keyable); ok {
		k.KeyDown(ev)
	}
	f.TypedKey(ev)
	if char != 0 {
		c.Focused().TypedRune(char)
	}
	if k, ok := c.Focused().(desktop.Keyable); ok {
		k.KeyUp(ev)
	}
}

// A button or a list row pressed from the keyboard that moves the
// keyboard to a field types nothing there: the key's character, which the
// desktop driver delivers to the new focus, is dropped; what is typed
// next is kept, a space included.
func TestAKeyThatMovesTheKeyboardToAFieldTypesNothingThere(t *testing.T) {
	test.NewTempApp(t)
	field := NewEntry()
	var c fyne.Canvas
	button := NewButton("Start", func() { c.Focus(field) })
	list := NewList(func() int { return 2 }, func() fyne.CanvasObject { return widget.NewLabel("row") }, func(widget.ListItemID, fyne.CanvasObject) {})
	list.OnSelected = func(widget.ListItemID) { c.Focus(field) }
	c, _ = keyWindow(t, container.NewVBox(button, list, field), fyne.NewSize(300, 300))

	for _, tc := range []struct {
		name  string
		from  fyne.Focusable
		key   fyne.KeyName
		char  rune
		typed string
	}{
		{"Space on a button", button, fyne.KeySpace, ' ', "pizza"},
		{"Enter on a button", button, fyne.KeyReturn, 0, "pizza"},
		{"Space on a list", list, fyne.KeySpace, ' ', "pizza"},
		{"Enter on a list", list, fyne.KeyReturn, 0, " pizza"},
	} {
		field.SetText("")
		list.UnselectAll()
		c.Focus(tc.from)
		pressOnDesktop(c, tc.key, tc.char)
		if c.Focused() != field {
			t.Fatalf("%s: the keyboard is on %T, want the field", tc.name, c.Focused())
		}
		for _, r := range tc.typed {
			pressOnDesktop(c, fyne.KeyName(string(r)), r)
		}
		if field.Text != tc.typed {
			t.Errorf("%s, then typing %q: the field holds %q", tc.name, tc.typed, field.Text)
		}
	}
}

// The dropped character is only the pressing key's, and only if it comes
// at once: a field focused by a key that brings no character, or typed in
// first, keeps everything.
func TestAFieldDropsOnlyTheCharacterOfTheKeyThatFocusedIt(t *testing.T) {
	test.NewTempApp(t)
	field := NewEntry()
	c, _ := keyWindow(t, field, fyne.NewSize(300, 100))
	c.Focus(field)
	field.skipChar(' ')
	field.TypedRune('x')
	field.TypedRune(' ')
	if field.Text != "x " {
		t.Errorf("another character first: the field holds %q, want %q", field.Text, "x ")
	}
	field.SetText("")
	field.skipChar(' ')
	field.KeyDown(&fyne.KeyEvent{Name: fyne.KeySpace})
	field.TypedRune(' ')
	if field.Text != " " {
		t.Errorf("a space pressed here: the field holds %q", field.Text)
	}
}
