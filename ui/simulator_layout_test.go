package ui

import (
	"reflect"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/ui/kbd"
)

// smsFlow answers a text and waits for the reply (its own fixture).
const smsFlow = `{"description": "Reply bot", "initial_state": "Trigger", "flags": {"allow_concurrent_calls": true}, "states": [
 {"name": "Trigger", "type": "trigger", "properties": {"offset": {"x": 0, "y": 0}},
  "transitions": [{"next": "ask", "event": "incomingMessage"}, {"event": "incomingCall"}, {"event": "incomingRequest"}]},
 {"name": "ask", "type": "send-and-wait-for-reply",
  "properties": {"offset": {"x": 0, "y": 200}, "from": "{{flow.channel.address}}", "body": "Reply 1 or help.", "timeout": "3600"},
  "transitions": [{"event": "incomingMessage"}, {"event": "timeout"}, {"event": "deliveryFailure"}]}]}`

// In the editor at 1280×800, a messaging run shows its thread with the
// reply box in view, without scrolling the simulator.
func TestAMessagingRunShowsItsReplyBoxIn1280x800(t *testing.T) {
	a := test.NewTempApp(t)
	f, err := model.Parse([]byte(smsFlow))
	if err != nil {
		t.Fatal(err)
	}
	e := newTestEditor(t, a, Options{Flow: f})
	e.win.Resize(fyne.NewSize(1280, 800))
	e.Run() // the flow's first trigger is Incoming Message: the thread shows
	var reply *kbd.Entry
	for _, o := range shownObjects(t, e.win.Content()) {
		if en, ok := o.(*kbd.Entry); ok && en.PlaceHolder == "text the flow…" && en.Visible() {
			reply = en
		}
	}
	if reply == nil {
		t.Fatal("no visible reply box in a messaging simulator")
	}
	// The simulator scrolls when it needs more height than it has; in the
	// real window the menu bar (about 30 px) takes some of these 800 too.
	// A run's status takes up to five more lines (about 100 px) than the
	// line shown before the first run, but the start form's details
	// (contact, flow, message, clock: about 150 px) fold while it is live
	// (ui/simulator TestThePanelFitsBesideTheCanvasAt1024x700MidCallAndMidText).
	scroll, ok := e.sim.tab.Content.(*container.Scroll)
	if !ok {
		t.Fatalf("the simulator tab holds a %T", e.sim.tab.Content)
	}
	if need, have := scroll.Content.MinSize().Height, scroll.Size().Height-30; need > have {
		t.Fatalf("the messaging simulator needs %v px of height and has %v: its reply box is below the fold", need, have)
	}
	if key := keypadKeyInView(t, e); key != nil {
		t.Fatalf("a messaging simulator shows the phone keypad (its %T labelled 1)", key)
	}
}

// callFlow answers a call and gathers a digit (its own fixture).
const callFlow = `{"description": "Menu line", "initial_state": "Trigger", "flags": {"allow_concurrent_calls": true}, "states": [
 {"name": "Trigger", "type": "trigger", "properties": {"offset": {"x": 0, "y": 0}},
  "transitions": [{"event": "incomingMessage"}, {"next": "menu", "event": "incomingCall"}, {"event": "incomingRequest"}]},
 {"name": "menu", "type": "gather-input-on-call",
  "properties": {"offset": {"x": 0, "y": 200}, "say": "Press 1 for sales.", "timeout": 5, "number_of_digits": 1},
  "transitions": [{"event": "keypress"}, {"event": "speech"}, {"event": "timeout"}]}]}`

// The other half of the check above: for a call the simulator shows the
// keypad, and keypadKeyInView finds it. Were the check blind to the
// keypad's keys (it once looked for a *widget.Button, which they are not),
// this test would fail, and the messaging test could not pass by finding
// nothing.
func TestACallShowsThePhoneKeypadIn1280x800(t *testing.T) {
	a := test.NewTempApp(t)
	f, err := model.Parse([]byte(callFlow))
	if err != nil {
		t.Fatal(err)
	}
	e := newTestEditor(t, a, Options{Flow: f})
	e.win.Resize(fyne.NewSize(1280, 800))
	e.Run() // the flow's first trigger is Incoming Call: the phone shows
	if keypadKeyInView(t, e) == nil {
		t.Fatal("a voice simulator shows no keypad key 1 in the window")
	}
}

// keypadKeyInView is the phone keypad's key 1 when it is drawn inside the
// window, nil otherwise. The keys are the simulator's own type, which
// extends kbd.Button (buttonOf finds it through the embedding).
func keypadKeyInView(t *testing.T, e *Editor) fyne.CanvasObject {
	t.Helper()
	for _, o := range shownObjects(t, e.win.Content()) {
		b := buttonOf(o)
		if b == nil || b.Text != "1" || !b.Visible() {
			continue
		}
		at := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
		if at.Y >= 0 && at.Y < e.win.Canvas().Size().Height {
			return o
		}
	}
	return nil
}

// buttonOf is o's kbd.Button: o itself, or the kbd.Button o's type extends
// (struct { kbd.Button; … }, as the keypad's keys do); nil when o is no
// button. Every button under ui/ is a kbd.Button (kbd's
// TestButtonsAndDialogsAreMadeOnlyHere), so a look-up by button is one of
// these.
func buttonOf(o fyne.CanvasObject) *kbd.Button {
	if b, ok := o.(*kbd.Button); ok {
		return b
	}
	v := reflect.ValueOf(o)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return nil
	}
	field, ok := v.Elem().Type().FieldByName("Button")
	if !ok || !field.Anonymous || field.Type != reflect.TypeFor[kbd.Button]() {
		return nil
	}
	return v.Elem().FieldByIndex(field.Index).Addr().Interface().(*kbd.Button)
}

// shownObjects lists the objects drawn under o: hidden ones and everything
// inside them are left out.
func shownObjects(t *testing.T, o fyne.CanvasObject) []fyne.CanvasObject {
	if o == nil || !o.Visible() {
		return nil
	}
	out := []fyne.CanvasObject{o}
	switch v := o.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			out = append(out, shownObjects(t, c)...)
		}
	case fyne.Widget:
		for _, c := range test.TempWidgetRenderer(t, v).Objects() {
			out = append(out, shownObjects(t, c)...)
		}
	}
	return out
}
