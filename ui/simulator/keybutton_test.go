package simulator

import (
	"testing"

	"fyne.io/fyne/v2"

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
