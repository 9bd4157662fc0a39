package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// The canvas reached by F6 with nothing selected: an arrow selects a
// widget, shown in the inspector, and Enter takes the keyboard into its
// name, so a widget is reached and edited with the keyboard alone.
func TestAnArrowOnTheCanvasWithNothingSelectedReachesAWidget(t *testing.T) {
	a := test.NewTempApp(t)
	f, names := flowWith(t, loadCatalog(t), "send-message")
	e := newTestEditor(t, a, Options{Flow: f})
	e.selectWidgets(nil)
	c := e.win.Canvas()
	c.Focus(e.library.search)
	e.cyclePanes(false)
	cv := c.Focused()
	if cv == nil || cv != e.canvas.Object().(fyne.Focusable) {
		t.Fatalf("F6 from the library put the keyboard on %T, want the canvas", c.Focused())
	}
	cv.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	sel := e.canvas.Selection()
	if len(sel) != 1 {
		t.Fatalf("↓ on the canvas with nothing selected selected %v, want one widget", sel)
	}
	if sel[0] != "Trigger" && sel[0] != names[0] {
		t.Fatalf("↓ selected %q, not a widget of the flow", sel[0])
	}
	cv.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	name, ok := e.inspector.field("/name").(*textField)
	if got := c.Focused(); !ok || got != fyne.Focusable(name) {
		t.Fatalf("Enter after ↓: the keyboard is on %T, not the selected widget's name", got)
	}
	if name.Text != sel[0] {
		t.Errorf("the inspector shows %q, want the widget selected, %s", name.Text, sel[0])
	}
}
