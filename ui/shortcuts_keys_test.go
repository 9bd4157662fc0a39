package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
)

// The keyboard reference is longer than the window: with the keyboard in
// it, the arrows, Page Up/Down, Home and End scroll it, with the focus
// ring around what scrolls; then Escape closes it (keysInDialog).
func TestKeyboardShortcutsScrollFromTheKeyboardWithTheRingShown(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{Flow: readShared(t, astrology)})
	e.win.Resize(fyne.NewSize(1024, 700))
	e.ShowShortcuts()
	c := e.win.Canvas()
	top := c.Overlays().Top()
	if top == nil {
		t.Fatal("no Keyboard Shortcuts dialog")
	}
	var scroll *container.Scroll
	for _, o := range test.LaidOutObjects(top) {
		if s, ok := o.(*container.Scroll); ok && s.Visible() && scroll == nil {
			scroll = s
		}
	}
	if scroll == nil {
		t.Fatal("the Keyboard Shortcuts dialog has no scroll")
	}
	view, content := scroll.Size().Height, scroll.Content.MinSize().Height
	if content <= view {
		t.Fatalf("the reference (%v high) fits its view (%v): nothing to scroll at 1024×700", content, view)
	}
	end := content - view
	f := c.Focused()
	if f == nil {
		t.Fatal("nothing holds the keyboard in Keyboard Shortcuts")
	}
	key := func(name fyne.KeyName) float32 {
		t.Helper()
		f.TypedKey(&fyne.KeyEvent{Name: name})
		if c.Focused() != f || c.Overlays().Top() != top {
			t.Fatalf("%s moved the keyboard to %T or closed the dialog", name, c.Focused())
		}
		return scroll.Offset.Y
	}
	line := key(fyne.KeyDown)
	if line <= 0 || line >= view/2 {
		t.Fatalf("Down on the focused %T scrolled the reference to %v (view %v high): want a line", f, line, view)
	}
	if got := key(fyne.KeyUp); got != 0 {
		t.Errorf("Up after Down left the reference at %v, want the top", got)
	}
	if got := key(fyne.KeyUp); got != 0 {
		t.Errorf("Up at the top scrolled to %v", got)
	}
	page := key(fyne.KeyPageDown)
	if page <= line || page > view {
		t.Errorf("Page Down scrolled to %v: want more than a line (%v), at most a view (%v)", page, line, view)
	}
	if got := key(fyne.KeyPageUp); got != 0 {
		t.Errorf("Page Up after Page Down left the reference at %v", got)
	}
	if got := key(fyne.KeyEnd); got != end {
		t.Errorf("End scrolled to %v, want the last line at the bottom (%v)", got, end)
	}
	if got := key(fyne.KeyDown); got != end {
		t.Errorf("Down at the end scrolled to %v, past %v", got, end)
	}
	if got := key(fyne.KeyPageDown); got != end {
		t.Errorf("Page Down at the end scrolled to %v, past %v", got, end)
	}
	if got := key(fyne.KeyHome); got != 0 {
		t.Errorf("Home scrolled to %v, want the top", got)
	}
	// The ring is around what holds the keyboard, F6 stays in the dialog,
	// Escape closes it.
	keysInDialog(t, e, "Keyboard Shortcuts")
}
