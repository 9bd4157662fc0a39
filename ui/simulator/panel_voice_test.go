package simulator

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/ui/kbd"
)

func TestDialPadDrivesTheOrderLookupIVRAndTheCanvasFollows(t *testing.T) {
	p, hl, _ := newTestPanel(t, orderLookupIVR)
	p.canned.setCanned("allow_list", 200, "application/json", `{"matched": true}`)
	p.canned.setCanned("order_lookup", 200, "text/plain", "+15557654321")

	startAs(t, p, engine.TriggerCall)
	if got := p.phone.state.Text; got != "In call" {
		t.Errorf("phone state %q, want In call", got)
	}
	h := hl.last(t)
	if h.Active != "order_no" || h.Waiting != "order_no" || h.WaitingFor != "keys or speech" {
		t.Errorf("highlight while gathering: %+v", h)
	}
	// Trigger → allow_list, allow_list → allow_split, allow_split's second transition (the
	// first "match") → order_no.
	want := []WireRef{{From: "Trigger", Transition: 1}, {From: "allow_list", Transition: 0}, {From: "allow_split", Transition: 1}}
	if !slices.Equal(h.Taken, want) {
		t.Errorf("taken wires %v, want %v", h.Taken, want)
	}
	if !strings.Contains(transcriptText(p), "Says: Please enter the order number.") {
		t.Errorf("transcript lacks the prompt:\n%s", transcriptText(p))
	}

	for _, k := range []string{"4", "8", "2", "1", "3"} {
		test.Tap(p.phone.keyButtons[k])
	}
	settle(p)
	if x := execution(t, p); x.At() != "order_no" {
		t.Fatalf("without the finish key the gather must keep listening; execution at %q", x.At())
	}
	if !strings.Contains(p.phone.keys.Text, "48213") {
		t.Errorf("the pad shows %q, want the keys so far", p.phone.keys.Text)
	}
	test.Tap(p.phone.keyButtons["#"])
	settle(p)

	x := execution(t, p)
	if got := x.Context()["widgets"].(map[string]any)["order_no"].(map[string]any)["Digits"]; got != "48213" {
		t.Errorf("order_no.Digits = %v, want 48213 (finish key stripped)", got)
	}
	// connect-call-to waits for its outcome: the buttons offer exactly its events, success first.
	if x.Waiting == nil || x.Waiting.Kind != engine.WaitOutcome || x.At() != "forward_call" {
		t.Fatalf("want a wait for forward_call's outcome, got %+v at %q", x.Waiting, x.At())
	}
	buttons := outcomeButtons(p)
	if len(buttons) == 0 || buttons[0].Text != "callCompleted" || buttons[0].Importance != widget.HighImportance {
		t.Fatalf("outcome buttons %v, want callCompleted first and emphasised", buttonTexts(buttons))
	}
	if p.phone.state.Text != "Connecting…" {
		t.Errorf("phone state %q while connecting", p.phone.state.Text)
	}
	test.Tap(buttons[0])
	settle(p)

	wantTrail := []string{"Trigger:incomingCall", "allow_list:success", "allow_split:match", "order_no:keypress",
		"order_lookup:success", "say_play_1:audioComplete", "forward_call:callCompleted"}
	if got := stepTrail(p); !slices.Equal(got, wantTrail) {
		t.Errorf("steps %v\nwant %v", got, wantTrail)
	}
	if x.Ended == nil || x.Ended.Kind != engine.EndCompleted {
		t.Fatalf("ended %+v", x.Ended)
	}
	if p.phone.state.Text != "Call ended" {
		t.Errorf("phone state %q after the end", p.phone.state.Text)
	}
	if h := hl.last(t); h.Active != "" || h.Waiting != "" || len(h.Taken) != 7 {
		t.Errorf("after the end the canvas keeps only the wires taken: %+v", h)
	}
	if !hl.sawActive("forward_call") {
		t.Error("the canvas never highlighted forward_call")
	}
}

func TestNumberOfDigitsEndsTheGatherAndHangUpEndsTheCall(t *testing.T) {
	p, hl, _ := newTestPanel(t, jokeHotline)
	startAs(t, p, engine.TriggerCall)
	if h := hl.last(t); h.Waiting != "menu" {
		t.Fatalf("highlight %+v, want waiting at menu", h)
	}
	// menu takes one digit: the first key ends it (no # needed).
	test.Tap(p.phone.keyButtons["1"])
	settle(p)
	x := execution(t, p)
	if x.At() != "record_voicemail_1" {
		t.Fatalf("after pressing 1 the flow waits at %q, want record_voicemail_1", x.At())
	}
	if h := hl.last(t); h.Waiting != "record_voicemail_1" || h.WaitingFor != "a recording" {
		t.Errorf("highlight %+v", h)
	}
	test.Tap(p.phone.hangupBtn)
	settle(p)
	if x.Ended == nil {
		t.Fatal("hanging up did not end the execution")
	}
	last := x.Steps[len(x.Steps)-1]
	if last.TransitionedFrom != "record_voicemail_1" || last.Name != "hangup" {
		t.Errorf("last step %s:%s, want record_voicemail_1:hangup", last.TransitionedFrom, last.Name)
	}
	if !strings.Contains(transcriptText(p), "You hung up") || !p.phone.hangupBtn.Disabled() {
		t.Errorf("after hanging up: transcript\n%s\nhang-up enabled=%v", transcriptText(p), !p.phone.hangupBtn.Disabled())
	}
}

// The export's gather lists speech but does not connect it, so Studio does
// not recognise speech there: the words are shown as not recognised and the
// gather goes on listening; keys still answer it.
func TestSpeechToAGatherWithoutASpeechTransitionIsNotRecognised(t *testing.T) {
	p, _, _ := newTestPanel(t, orderLookupIVR)
	p.canned.setCanned("allow_list", 200, "application/json", `{"matched": true}`)
	startAs(t, p, engine.TriggerCall)
	test.Type(p.phone.speech, "order four two")
	p.phone.say()
	settle(p)
	x := execution(t, p)
	if x.At() != "order_no" || x.Ended != nil {
		t.Fatalf("after unrecognised speech the flow is at %q (ended %+v), want still at order_no", x.At(), x.Ended)
	}
	if last := x.Steps[len(x.Steps)-1]; last.TransitionedFrom == "order_no" {
		t.Fatalf("speech took a step: %s:%s", last.TransitionedFrom, last.Name)
	}
	if !strings.Contains(transcriptText(p), "speech recognition is on only when the gather's speech transition is connected; still listening") {
		t.Errorf("transcript does not say the speech was not recognised:\n%s", transcriptText(p))
	}
}

func TestFastForwardFiresTheGatherTimeoutOnTheVirtualClock(t *testing.T) {
	p, _, _ := newTestPanel(t, orderLookupIVR)
	p.canned.setCanned("allow_list", 200, "application/json", `{"matched": true}`)
	startAs(t, p, engine.TriggerCall)
	if p.ffBtn.Disabled() {
		t.Fatal("fast-forward is disabled while a timeout is pending")
	}
	r := p.sess.current()
	before := r.virtual.Now()
	test.Tap(p.ffBtn)
	settle(p)
	x := execution(t, p)
	if last := x.Steps[len(x.Steps)-1]; last.TransitionedFrom != "order_no" || last.Name != "timeout" {
		t.Fatalf("last step %s:%s, want order_no:timeout", last.TransitionedFrom, last.Name)
	}
	if moved := r.virtual.Now().Sub(before); moved.Seconds() != 5 {
		t.Errorf("the virtual clock moved %v, want the gather's 5 s", moved)
	}
}

func TestKeysPressedBeforeATimeoutAreSubmitted(t *testing.T) {
	p, _, _ := newTestPanel(t, orderLookupIVR)
	p.canned.setCanned("allow_list", 200, "application/json", `{"matched": true}`)
	p.canned.setCanned("order_lookup", 200, "text/plain", "+15557654321")
	startAs(t, p, engine.TriggerCall)
	test.Tap(p.phone.keyButtons["7"])
	test.Tap(p.phone.keyButtons["7"])
	test.Tap(p.ffBtn)
	settle(p)
	x := execution(t, p)
	if d := x.Context()["widgets"].(map[string]any)["order_no"].(map[string]any)["Digits"]; d != "77" {
		t.Errorf("Digits %v, want 77: keys typed before the caller went quiet count", d)
	}
}

func transcriptText(p *Panel) string {
	var lines []string
	for _, o := range p.phone.transcript.Objects {
		if l, ok := o.(*widget.Label); ok {
			lines = append(lines, l.Text)
		}
	}
	return strings.Join(lines, "\n")
}

func outcomeButtons(p *Panel) []*kbd.Button {
	var out []*kbd.Button
	for _, o := range p.outcomes.Objects {
		if row, ok := o.(*fyne.Container); ok {
			for _, b := range row.Objects {
				if btn, ok := b.(*kbd.Button); ok {
					out = append(out, btn)
				}
			}
		}
	}
	return out
}

func buttonTexts(bs []*kbd.Button) []string {
	var out []string
	for _, b := range bs {
		out = append(out, b.Text)
	}
	return out
}

func TestThePhoneDescribesTheCallForScreenReaders(t *testing.T) {
	p, _, _ := newTestPanel(t, orderLookupIVR)
	p.canned.setCanned("allow_list", 200, "application/json", `{"matched": true}`)
	startAs(t, p, engine.TriggerCall)
	test.Tap(p.phone.keyButtons["4"])
	settle(p)
	got := p.phone.state.AccessibilityLabel()
	for _, want := range []string{"Phone: In call; ", "Listening at order_no", ": 4_", "; last: Says: Please enter the order number."} {
		if !strings.Contains(got, want) {
			t.Errorf("the phone reads %q, lacking %q", got, want)
		}
	}
}
