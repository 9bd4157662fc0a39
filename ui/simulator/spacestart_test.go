package simulator

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/studioflow/studioflow/model"
)

// echoFlow asks for a reply and sends it back.
const echoFlow = `{"description":"echo","flags":{"allow_concurrent_calls":true},"initial_state":"Trigger","states":[
 {"name":"Trigger","type":"trigger","transitions":[{"event":"incomingMessage","next":"ask"}],"properties":{"offset":{"x":0,"y":0}}},
 {"name":"ask","type":"send-and-wait-for-reply","transitions":[{"event":"incomingMessage","next":"echo"},{"event":"timeout"},{"event":"deliveryFailure"}],
  "properties":{"body":"Say something.","timeout":"3600","offset":{"x":0,"y":200}}},
 {"name":"echo","type":"send-message","transitions":[{"event":"sent"},{"event":"failed"}],
  "properties":{"body":"You said: {{widgets.ask.inbound.Body}}","offset":{"x":0,"y":400}}}]}`

// keyOnDesktop presses key as Fyne's desktop driver does: key down and
// the key to what has the keyboard, then the key's character (0: none)
// to what has it after that.
func keyOnDesktop(w fyne.Window, key fyne.KeyName, char rune) {
	c := w.Canvas()
	ev := &fyne.KeyEvent{Name: key}
	if k, ok := c.Focused().(desktop.Keyable); ok {
		k.KeyDown(ev)
	}
	c.Focused().TypedKey(ev)
	if char != 0 {
		c.Focused().TypedRune(char)
	}
}

// Space or Enter on Start begins a messaging run with the keyboard in the
// reply box, which the key itself leaves empty: the reply typed next is
// sent as typed.
func TestAMessagingRunStartedFromTheKeyboardTypesNothingIntoTheReply(t *testing.T) {
	for _, start := range []struct {
		key  fyne.KeyName
		char rune
	}{{fyne.KeySpace, ' '}, {fyne.KeyReturn, 0}} {
		f, err := model.Parse([]byte(echoFlow))
		if err != nil {
			t.Fatal(err)
		}
		p, _, w := newTestPanelFlow(t, f)
		p.FocusStart()
		keyOnDesktop(w, start.key, start.char)
		settle(p)
		if w.Canvas().Focused() != p.sms.reply {
			t.Fatalf("%s on Start: the keyboard is on %T, want the reply box", start.key, w.Canvas().Focused())
		}
		if p.sms.reply.Text != "" {
			t.Errorf("%s on Start typed %q into the reply box", start.key, p.sms.reply.Text)
		}
		for _, r := range "pizza" {
			keyOnDesktop(w, fyne.KeyName(string(r)), r)
		}
		keyOnDesktop(w, fyne.KeyReturn, 0)
		settle(p)
		got := bubbles(p)
		if len(got) != 4 || got[2] != "pizza" || got[3] != "You said: pizza" {
			t.Errorf("%s on Start, pizza, Enter: the thread is %q, want the reply and its echo as typed", start.key, got)
		}
	}
}
