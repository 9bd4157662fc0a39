package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/model"
)

// unwiredSendMessage opens a flow whose one Send Message no path from the
// Trigger reaches, shows it and puts the keyboard in its message body.
func unwiredSendMessage(t *testing.T) (*Editor, string, fyne.Focusable) {
	t.Helper()
	a := test.NewTempApp(t)
	f, names := flowWith(t, loadCatalog(t), "send-message")
	e := newTestEditor(t, a, Options{Flow: f})
	e.selectWidgets(names)
	body := e.inspector.field("/properties/body")
	if body == nil {
		t.Fatalf("no body field (have %v)", rowPaths(e.inspector))
	}
	e.win.Canvas().Focus(body)
	return e, names[0], body
}

func widgetLine(e *Editor) string {
	if !e.inspector.general.label.Visible() {
		return ""
	}
	return e.inspector.general.label.Text
}

// bodyY is where the body field is in the window; the form may have been
// rebuilt since it was last looked at.
func bodyY(t *testing.T, e *Editor) float32 {
	t.Helper()
	// Fyne lays a wrapped label out twice (its height follows its width):
	// the window does so at the next frame.
	e.inspector.scroll.Content.Refresh()
	f := e.inspector.field("/properties/body")
	if e.win.Canvas().Focused() != f {
		t.Fatalf("the keyboard is on %T, not the body", e.win.Canvas().Focused())
	}
	return fyne.CurrentApp().Driver().AbsolutePositionForObject(f.(fyne.CanvasObject)).Y
}

// Wiring the widget takes its "no path from the Trigger" line away: the
// field being typed into, below that line, stays where it was.
func TestTheFocusedFieldStaysPutWhenAProblemLineAboveItGoes(t *testing.T) {
	e, name, _ := unwiredSendMessage(t)
	if !strings.Contains(widgetLine(e), "no path from the Trigger") {
		t.Fatalf("the widget's problem line says %q", widgetLine(e))
	}
	y0 := bodyY(t, e)
	if err := e.doc.Apply(model.ConnectEvent("Trigger", "incomingMessage", name)); err != nil {
		t.Fatal(err)
	}
	if got := widgetLine(e); got != "" {
		t.Fatalf("the problem line still says %q", got)
	}
	if y1 := bodyY(t, e); y1 != y0 {
		t.Errorf("the body field moved from y=%v to y=%v when the line above it went", y0, y1)
	}
	// Another widget shown and this one again: the room is given back.
	e.selectWidgets(nil)
	e.selectWidgets([]string{name})
	e.win.Canvas().Focus(e.inspector.field("/properties/body"))
	if y2 := bodyY(t, e); y2 >= y0 {
		t.Errorf("shown again, the body field is at y=%v, not above y=%v: the space is still held", y2, y0)
	}
}

// A line appearing above the field being typed into scrolls the form by
// its height: the field stays under the caret's eyes.
func TestTheFocusedFieldStaysPutWhenAProblemLineAppearsAboveIt(t *testing.T) {
	e, name, _ := unwiredSendMessage(t)
	if err := e.doc.Apply(model.ConnectEvent("Trigger", "incomingMessage", name)); err != nil {
		t.Fatal(err)
	}
	e.selectWidgets(nil)
	e.selectWidgets([]string{name})
	e.win.Canvas().Focus(e.inspector.field("/properties/body"))
	if got := widgetLine(e); got != "" {
		t.Fatalf("a wired widget's problem line says %q", got)
	}
	y0 := bodyY(t, e)
	if err := e.doc.Apply(model.ConnectEvent("Trigger", "incomingMessage", "")); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(widgetLine(e), "no path from the Trigger") {
		t.Fatalf("unwired, the widget's problem line says %q", widgetLine(e))
	}
	if y1 := bodyY(t, e); y1 != y0 {
		t.Errorf("the body field moved from y=%v to y=%v when a line appeared above it", y0, y1)
	}
}
