package simulator

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/engine"
)

// typeOn sends text to whatever has the keyboard in w, rune by rune, as
// the keyboard would.
func typeOn(t *testing.T, w fyne.Window, text string) {
	t.Helper()
	for _, r := range text {
		f := w.Canvas().Focused()
		if f == nil {
			t.Fatalf("nothing has the keyboard to take %q", r)
		}
		f.TypedRune(r)
	}
}

// keyOn presses a key on whatever has the keyboard in w.
func keyOn(t *testing.T, w fyne.Window, k fyne.KeyName) {
	t.Helper()
	f := w.Canvas().Focused()
	if f == nil {
		t.Fatalf("nothing has the keyboard to take %s", k)
	}
	f.TypedKey(&fyne.KeyEvent{Name: k})
}

// Space on Start begins the call and leaves the keyboard on the dial pad:
// digits and # typed there reach the gather, other letters press nothing,
// and the keyboard is still there after each key.
func TestACallStartedFromTheKeyboardTakesTypedDigitsOnTheDialPad(t *testing.T) {
	p, _, w := newTestPanel(t, orderLookupIVR)
	p.canned.setCanned("allow_list", 200, "application/json", `{"matched": true}`)
	p.canned.setCanned("order_lookup", 200, "text/plain", "+15557654321")
	p.start.pick.SetSelected(triggerLabel(engine.TriggerCall))

	p.FocusStart()
	if w.Canvas().Focused() != p.start.startBtn {
		t.Fatalf("FocusStart left the keyboard on %T", w.Canvas().Focused())
	}
	keyOn(t, w, fyne.KeySpace)
	settle(p)
	if x := execution(t, p); x.At() != "order_no" {
		t.Fatalf("Space on Start: the call is at %q, want the gather", x.At())
	}
	if w.Canvas().Focused() != p.phone.keyButtons["1"] {
		t.Fatalf("after Start the keyboard is on %T, want the dial pad", w.Canvas().Focused())
	}

	typeOn(t, w, "48x213")
	settle(p)
	if !strings.Contains(p.phone.keys.Text, "48213_") {
		t.Errorf("the pad shows %q, want the typed digits without the letter", p.phone.keys.Text)
	}
	if strings.Contains(transcriptText(p), "You pressed x") {
		t.Error("a letter was pressed on the pad")
	}
	if w.Canvas().Focused() != p.phone.keyButtons["1"] {
		t.Errorf("after typing the keyboard moved to %T", w.Canvas().Focused())
	}
	typeOn(t, w, "#")
	settle(p)
	x := execution(t, p)
	if got := x.Context()["widgets"].(map[string]any)["order_no"].(map[string]any)["Digits"]; got != "48213" {
		t.Errorf("order_no.Digits = %v, want the typed 48213", got)
	}
	if x.At() != "forward_call" {
		t.Errorf("after # the call is at %q, want forward_call", x.At())
	}
}

// * typed on the pad is a key like any other: a one-digit menu takes it
// and routes it as no match.
func TestAStarTypedOnTheDialPadReachesAOneDigitMenu(t *testing.T) {
	p, _, w := newTestPanelFlow(t, ownFlow(t, "firstrun-ivr.json"))
	p.Start()
	settle(p)
	if x := execution(t, p); x.At() != "menu" {
		t.Fatalf("Start: the call is at %q, want the menu", x.At())
	}
	typeOn(t, w, "*")
	settle(p)
	want := []string{"Trigger:incomingCall", "menu:keypress", "route:noMatch", "goodbye:audioComplete"}
	if got := stepTrail(p); !slices.Equal(got, want) {
		t.Errorf("steps %v, want %v", got, want)
	}
	if !strings.Contains(transcriptText(p), "You pressed *") {
		t.Errorf("transcript:\n%s", transcriptText(p))
	}
}

// A messaging run started from the keyboard leaves it in the reply box:
// a reply typed there and sent with Enter reaches the flow, and the
// keyboard stays for the next one.
func TestAMessageRunStartedFromTheKeyboardLeavesTheKeyboardInTheReplyBox(t *testing.T) {
	p, _, w := newTestPanel(t, prideAstrology)
	cannedAstrology(p)
	p.start.pick.SetSelected(triggerLabel(engine.TriggerMessage))
	p.Start()
	settle(p)
	if w.Canvas().Focused() != p.sms.reply {
		t.Fatalf("after Start the keyboard is on %T, want the reply box", w.Canvas().Focused())
	}
	typeOn(t, w, "leo")
	keyOn(t, w, fyne.KeyReturn)
	settle(p)
	if x := execution(t, p); x.At() != "send_ask_to_see_match" {
		t.Fatalf("after the typed reply the flow waits at %q", x.At())
	}
	if !slices.Contains(bubbles(p), "leo") {
		t.Errorf("thread %q lacks the reply", bubbles(p))
	}
	if w.Canvas().Focused() != p.sms.reply || p.sms.reply.Text != "" {
		t.Errorf("after sending: keyboard on %T, reply box %q", w.Canvas().Focused(), p.sms.reply.Text)
	}
}

// A pad key typed anywhere on the pad presses that key; Space presses
// the focused key itself, as any button.
func TestAPadKeyTakesEveryPadKeyTypedAndSpacePressesItself(t *testing.T) {
	test.NewTempApp(t)
	var pressed []string
	k := newPadKey("5", func(key string) { pressed = append(pressed, key) })
	for _, r := range "0*#9a " {
		k.TypedRune(r)
	}
	k.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if want := []string{"0", "*", "#", "9", "5"}; !slices.Equal(pressed, want) {
		t.Errorf("pressed %v, want %v", pressed, want)
	}
}
