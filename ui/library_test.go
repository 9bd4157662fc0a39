package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/model"
)

// nodeHeight is the canvas's node height at zoom 1 (canvas/geometry.go).
const nodeHeight = 80

func libraryItemOf(t *testing.T, l *Library, typ string) *libraryItem {
	t.Helper()
	for _, it := range l.items {
		if it.wt.Type == typ {
			return it
		}
	}
	t.Fatalf("no %s in the library", typ)
	return nil
}

// Double-click and Enter in the library used to drop the widget on the
// view's centre: on a blank flow, over the Trigger and its ports.
func TestTheLibraryAddsWidgetsBelowTheTriggerNotOverIt(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{Flow: model.NewBlankFlow()})
	libraryItemOf(t, e.library, "say-play").DoubleTapped(&fyne.PointEvent{})
	sel := e.canvas.Selection()
	if len(sel) != 1 {
		t.Fatalf("selection %v after a double-click in the library", sel)
	}
	_, ty, _ := e.doc.Flow().Trigger().Offset()
	_, y, _ := e.doc.Flow().State(sel[0]).Offset()
	if y < ty+nodeHeight {
		t.Errorf("%s placed at y=%v, over the Trigger (y=%v)", sel[0], y, ty)
	}
	if e.inspector.Shown() != sel[0] {
		t.Errorf("the inspector shows %q", e.inspector.Shown())
	}

	// Enter in the search box adds the first match, below the selection.
	test.Type(e.library.search, "send message")
	e.library.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	sel2 := e.canvas.Selection()
	if len(sel2) != 1 || sel2[0] == sel[0] {
		t.Fatalf("selection %v after Enter in the search", sel2)
	}
	if got := e.doc.Flow().State(sel2[0]).Type(); got != "send-message" {
		t.Errorf("Enter added a %s", got)
	}
	if f := e.win.Canvas().Focused(); f == nil || f != e.inspector.field("/name") {
		t.Errorf("after Enter the keyboard is on %T, not the new widget's name", f)
	}
	_, y2, _ := e.doc.Flow().State(sel2[0]).Offset()
	if y2 < y+nodeHeight {
		t.Errorf("%s at y=%v covers %s at y=%v", sel2[0], y2, sel[0], y)
	}
}

// Enter or F2 on the canvas takes the keyboard into the selected widget's
// inspector, where Tab walks its fields.
func TestEnterOnTheCanvasFocusesTheSelectedWidgetsName(t *testing.T) {
	a := test.NewTempApp(t)
	f, names := flowWith(t, loadCatalog(t), "send-message")
	e := newTestEditor(t, a, Options{Flow: f})
	for _, key := range []fyne.KeyName{fyne.KeyReturn, fyne.KeyF2} {
		e.win.Canvas().Focus(nil)
		e.selectWidgets(names)
		e.canvas.Object().(fyne.Focusable).TypedKey(&fyne.KeyEvent{Name: key})
		if got := e.win.Canvas().Focused(); got == nil || got != e.inspector.field("/name") {
			t.Errorf("%s: the keyboard is on %T, not %s's name", key, got, names[0])
		}
	}
}
