package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

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
	for _, o := range shownObjects(t, e.win.Content()) {
		if b, ok := o.(*widget.Button); ok && b.Text == "1" && b.Visible() && a.Driver().AbsolutePositionForObject(b).Y < e.win.Canvas().Size().Height {
			t.Fatal("a messaging simulator shows the phone keypad")
		}
	}
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
