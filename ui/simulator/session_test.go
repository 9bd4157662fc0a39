package simulator

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/model"
)

func TestTheUIGoesOnWhileAnHTTPCallIsPending(t *testing.T) {
	arrived, release := make(chan struct{}), make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(arrived)
		<-release
		fmt.Fprint(w, `{"status": "shipped"}`)
	}))
	defer srv.Close()
	f, err := model.Parse([]byte(restLookupFlow))
	if err != nil {
		t.Fatal(err)
	}
	p, hl, _ := newTestPanelFlow(t, f)
	p.start.pick.SetSelected(triggerLabel(engine.TriggerRequest))
	test.Type(p.start.params, `{"base": "`+srv.URL+`", "id": "A17"}`)
	test.Tap(p.start.startBtn) // returns while the request hangs
	<-arrived
	uiQueue(p).Run()
	if !strings.HasPrefix(p.status.Text, "lookup is requesting "+srv.URL+"/orders/A17") || p.stopBtn.Disabled() {
		t.Errorf("while the request is pending: status %q, stop enabled %v", p.status.Text, !p.stopBtn.Disabled())
	}
	if h := hl.last(t); h.Active != "lookup" {
		t.Errorf("the canvas shows %+v while lookup runs", h)
	}
	close(release)
	settle(p)
	if got := stepTrail(p); !slices.Equal(got, []string{"Trigger:incomingRequest", "lookup:success", "notify:sent"}) {
		t.Errorf("steps %v", got)
	}
}

func TestFastForwardOnTheRealClockEndsTheWaitAtOnce(t *testing.T) {
	p, _, _ := newTestPanel(t, prideAstrology)
	p.virtual.SetChecked(false)
	startAs(t, p, engine.TriggerMessage)
	r := p.sess.current()
	if r.virtual != nil {
		t.Fatal("the run should be on the real clock")
	}
	test.Tap(p.ffBtn) // the reply wait is an hour long
	settle(p)
	x := execution(t, p)
	if x.Ended == nil || !strings.Contains(x.Ended.Reason, "ask_sign on timeout") {
		t.Fatalf("ended %+v", x.Ended)
	}
}

// parentFlow is a subflow: it copies a parameter from its parent into a
// variable and says it.
const parentFlow = `{
  "description": "child",
  "states": [
    {"name": "Trigger", "type": "trigger", "properties": {"offset": {"x": 0, "y": 0}},
     "transitions": [{"event": "incomingMessage"}, {"event": "incomingCall"}, {"event": "incomingRequest"}, {"event": "incomingParent", "next": "keep"}]},
    {"name": "keep", "type": "set-variables",
     "properties": {"offset": {"x": 0, "y": 200}, "variables": [{"key": "greeting", "value": "Hello {{trigger.parent.parameters.name}}"}]},
     "transitions": [{"event": "next"}]}
  ],
  "initial_state": "Trigger",
  "flags": {"allow_concurrent_calls": true}
}`

func TestSubflowTriggerTakesParentParameters(t *testing.T) {
	f, err := model.Parse([]byte(parentFlow))
	if err != nil {
		t.Fatal(err)
	}
	p, _, _ := newTestPanelFlow(t, f)
	if p.start.pick.Selected != "Subflow" {
		t.Errorf("the form picks %q, want the trigger the flow wires (Subflow)", p.start.pick.Selected)
	}
	test.Type(p.start.params, `{"name": "Ada"}`)
	test.Tap(p.start.startBtn)
	settle(p)
	x := execution(t, p)
	if got := x.Variables()["greeting"]; got != "Hello Ada" {
		t.Errorf("greeting %v, want Hello Ada", got)
	}
}

func TestConversationTriggerStartsFromTheThread(t *testing.T) {
	p, _, _ := newTestPanel(t, prideAstrology)
	p.start.pick.SetSelected(triggerLabel(engine.TriggerConversation))
	// With no active execution the first text starts one, with the picked messaging trigger.
	test.Type(p.sms.reply, "hey")
	test.Tap(p.sms.sendBtn)
	settle(p)
	x := execution(t, p)
	if x.TriggerEvent != engine.TriggerConversation {
		t.Errorf("trigger %s", x.TriggerEvent)
	}
	// pride-astrology wires nothing to conversations: the execution ends at its trigger.
	if x.Ended == nil || len(x.Steps) != 1 || x.Steps[0].TransitionedTo != engine.EndedTransition {
		t.Errorf("steps %v, ended %+v", stepTrail(p), x.Ended)
	}
	if bubbles(p)[0] != "hey" {
		t.Errorf("thread %q", bubbles(p))
	}
	// With the execution ended, the hint names the trigger the next text starts from.
	if want := triggerLabel(engine.TriggerConversation); !strings.Contains(p.sms.hint.Text, want) {
		t.Errorf("hint %q, want it to name %s", p.sms.hint.Text, want)
	}
}

func TestOutcomeChoicesPutSuccessFirst(t *testing.T) {
	cat, err := loadCatalogOnce()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		typ      string
		accepted []string
		want     []string
	}{
		{"connect-call-to", []string{"hangup", "callCompleted"}, []string{"callCompleted", "hangup"}},
		{"enqueue-call", []string{"failedToEnqueue", "callFailure", "callComplete"}, []string{"callComplete", "failedToEnqueue", "callFailure"}},
		{"some-legacy-thing", []string{"b", "a"}, []string{"b", "a"}},
	} {
		if got := outcomeChoices(cat, c.typ, c.accepted); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.typ, got, c.want)
		}
	}
}

func TestChangedPathsMarksOnlyWhatAStepChanged(t *testing.T) {
	shared := map[string]any{"address": "+1555"}
	before := map[string]any{"contact": shared, "flow": map[string]any{"variables": map[string]any{"n": int64(1)}}}
	after := map[string]any{"contact": shared, "flow": map[string]any{"variables": map[string]any{"n": int64(2), "new": map[string]any{"x": "y"}}}}
	got := changedPaths(before, after)
	for _, want := range []string{"flow", joinPath("flow", "variables"), joinPath("flow", "variables", "n"), joinPath("flow", "variables", "new"), joinPath("flow", "variables", "new", "x")} {
		if !got[want] {
			t.Errorf("%q not marked", strings.ReplaceAll(want, pathSep, "."))
		}
	}
	if got["contact"] || got[joinPath("contact", "address")] {
		t.Error("an untouched branch is marked")
	}
	if len(got) != 5 {
		t.Errorf("%d paths marked: %v", len(got), got)
	}
}

// Words, an outcome or a skipped reply that the run is not waiting for are
// refused with the reason on the status line, and the run goes on waiting;
// the one it waits for (no reply, here) is taken.
func TestInputsTheRunDoesNotWaitForAreRefusedSayingWhy(t *testing.T) {
	p, _, _ := newTestPanel(t, prideAstrology)
	startAs(t, p, engine.TriggerMessage) // waits for a reply
	at := execution(t, p).At()
	for _, c := range []struct {
		do   func()
		want string
	}{
		{func() { p.sess.speak("Leo") }, "the flow is not listening now"},
		{func() { p.sess.choose("success") }, "no widget is waiting for an outcome"},
	} {
		c.do()
		settle(p)
		if !strings.HasSuffix(p.status.Text, "⚠ "+c.want) {
			t.Errorf("status %q, want it to end in the refusal %q", p.status.Text, c.want)
		}
		if x := execution(t, p); x.Ended != nil || x.At() != at {
			t.Fatalf("a refused input moved the run: at %s, ended %+v", x.At(), x.Ended)
		}
	}
	p.sess.noReply()
	settle(p)
	if x := execution(t, p); x.Ended == nil {
		t.Fatalf("no reply left the run waiting at %s", x.At())
	}
	p.sess.noReply() // the run has ended: nothing waits
	settle(p)
	if want := "⚠ the flow is not waiting for a reply"; !strings.HasSuffix(p.status.Text, want) {
		t.Errorf("no reply after the run ended: status %q, want it to end in %q", p.status.Text, want)
	}
}
