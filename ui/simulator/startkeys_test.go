package simulator

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/engine"
)

// Start and the keypad, pressed from the keyboard, keep it or move it on
// predictably (Start of a call: to the dial pad); a key pressed keeps it.
func TestStartAndKeypadKeepOrMoveTheKeyboard(t *testing.T) {
	p, _, w := newTestPanel(t, orderLookupIVR)
	p.canned.setCanned("allow_list", 200, "application/json", `{"matched": true}`)
	c := w.Canvas()
	p.start.pick.SetSelected(triggerLabel(engine.TriggerCall))
	c.Focus(p.start.startBtn)
	p.start.startBtn.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	settle(p)
	if got := p.phone.state.Text; got != "In call" {
		t.Fatalf("Enter on Start left the phone at %q", got)
	}
	// A call takes the keyboard on to the dial pad, the next thing to use.
	if _, ok := c.Focused().(*padKey); !ok {
		t.Errorf("after Start the keyboard is on %T, want the dial pad", c.Focused())
	}
	for _, k := range []string{"4", "8"} {
		b := p.phone.keyButtons[k]
		c.Focus(b)
		b.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
		settle(p)
		if c.Focused() != b {
			t.Errorf("after pressing %s the keyboard is on %T, want the key", k, c.Focused())
		}
	}
	if x := execution(t, p); x.At() != "order_no" || p.phone.keys.Text == "" {
		t.Fatalf("execution at %q, keys %q", x.At(), p.phone.keys.Text)
	}
	if got := p.phone.keys.Text; got[len(got)-3:] != "48_" {
		t.Errorf("the pad collected %q, want the keys pressed", got)
	}
}

// An outcome chosen from the keyboard takes its buttons away; the
// keyboard moves on to what can be pressed next (here, the run having
// ended, Save as test), never left on a button that is gone.
func TestAnOutcomeChosenFromTheKeyboardPassesTheKeyboardOn(t *testing.T) {
	p, _, w := newTestPanel(t, orderLookupIVR)
	p.canned.setCanned("allow_list", 200, "application/json", `{"matched": true}`)
	p.canned.setCanned("order_lookup", 200, "text/plain", "+15557654321")
	startAs(t, p, engine.TriggerCall)
	for _, k := range []string{"4", "8", "#"} {
		test.Tap(p.phone.keyButtons[k])
	}
	settle(p)
	buttons := outcomeButtons(p)
	if len(buttons) == 0 {
		t.Fatalf("no outcome to choose; status %q", p.status.Text)
	}
	c := w.Canvas()
	c.Focus(buttons[0])
	buttons[0].TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	settle(p)
	if x := execution(t, p); x.Ended == nil {
		t.Fatalf("the outcome did not end the run; at %q", x.At())
	}
	if c.Focused() != p.saveBtn {
		t.Fatalf("after the outcome the keyboard is on %T, want Save as test", c.Focused())
	}
}
