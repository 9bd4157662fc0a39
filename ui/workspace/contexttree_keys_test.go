package workspace

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// Escape from the execution window's context tree (which keeps the
// arrows) closes the window, as from its other controls.
func TestEscapeFromTheContextTreeClosesTheExecutionWindow(t *testing.T) {
	fx := newHomeFixture(t, vaccineFlow)
	f := fx.flowNamed(t, "Vaccine standby list")
	x := recordRun(t, fx.store, f.SID)
	if err := showExecutionWindow(fx.win, fx.store, validator(t).Catalog(), f.SID, x.SID); err != nil {
		t.Fatal(err)
	}
	windows := fyne.CurrentApp().Driver().AllWindows()
	w := windows[len(windows)-1]
	closed := false
	w.SetOnClosed(func() { closed = true })
	var tree fyne.Focusable
	for _, o := range test.LaidOutObjects(w.Content()) {
		if f, ok := o.(fyne.Focusable); ok && strings.HasSuffix(fmt.Sprintf("%T", o), ".Tree") {
			tree = f
		}
	}
	if tree == nil {
		w.Close()
		t.Fatal("no context tree in the execution window")
	}
	c := w.Canvas()
	c.Focus(tree)
	tree.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if !closed {
		w.Close()
		t.Error("Escape from the context tree left the execution window open")
	}
}
