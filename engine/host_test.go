package engine

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"
)

const testFlowSID = "FW0123456789abcdef0123456789abcdef"

func TestHostRoutesRepliesToTheActiveExecution(t *testing.T) {
	f := testFlow(t,
		trigger("incomingMessage>ask,incomingRequest>ask"),
		widget("ask", "send-and-wait-for-reply", `{"body":"Name?"}`, "incomingMessage>thanks,timeout>"),
		widget("thanks", "send-message", `{"body":"Thanks {{widgets.ask.inbound.Body}}"}`, "sent>"),
	)
	rt, _ := testRuntime(Config{})
	h := NewHost(rt)
	opts := StartOptions{FlowSID: testFlowSID}
	x1, _, err := h.Deliver(f, Trigger{Event: TriggerMessage, From: "+1555", To: "+1800", Body: "hi"}, opts)
	if err != nil {
		t.Fatal(err)
	}
	other, _, err := h.Deliver(f, Trigger{Event: TriggerMessage, From: "+1666", To: "+1800", Body: "hi"}, opts)
	if err != nil || other.SID == x1.SID {
		t.Fatalf("another contact should get its own execution: %v", err)
	}
	// A REST execution for the same contact and number conflicts (HTTP 409 in Studio).
	_, _, err = h.Deliver(f, Trigger{Event: TriggerRequest, To: "+1555", From: "+1800"}, opts)
	var conflict *ConflictError
	if !errors.As(err, &conflict) || conflict.ExecutionSID != x1.SID || !strings.Contains(err.Error(), "already active for this contact") {
		t.Fatalf("err = %v, want a conflict naming %s", err, x1.SID)
	}
	x2, evs, err := h.Deliver(f, Trigger{Event: TriggerMessage, From: "+1555", To: "+1800", Body: "Ann"}, opts)
	if err != nil || x2 != x1 {
		t.Fatalf("the reply started a new execution: %v", err)
	}
	if widgetOutput(x1, "thanks", "outbound", "Body") != "Thanks Ann" || len(evs) == 0 {
		t.Fatalf("reply not delivered: %v", widgetOutput(x1))
	}
	wantEnded(t, x1, EndCompleted, "thanks")
	x3, _, err := h.Deliver(f, Trigger{Event: TriggerMessage, From: "+1555", To: "+1800", Body: "again"}, opts)
	if err != nil || x3 == x1 {
		t.Fatalf("after the end a message should start a new execution: %v", err)
	}
	if n := len(h.Executions()); n != 3 {
		t.Fatalf("host holds %d executions, want 3", n)
	}
}

func TestVirtualClockFiresTheReplyTimeout(t *testing.T) {
	f := testFlow(t,
		trigger("incomingMessage>ask"),
		widget("ask", "send-and-wait-for-reply", `{"body":"Still there?","timeout":"3600"}`, "incomingMessage>,timeout>late"),
		widget("late", "send-message", `{"body":"Bye"}`, "sent>"),
	)
	var seen []EventKind
	rt, clock := testRuntime(Config{Observer: func(e Event) { seen = append(seen, e.Kind) }})
	h := NewHost(rt)
	x, _, err := h.Deliver(f, Trigger{Event: TriggerMessage}, StartOptions{FlowSID: testFlowSID})
	if err != nil {
		t.Fatal(err)
	}
	clock.Advance(3599 * time.Second)
	if x.Ended != nil {
		t.Fatal("timed out early")
	}
	seen = nil
	clock.Advance(time.Second)
	wantEnded(t, h.Execution(x.SID), EndCompleted, "ended at late")
	if path(x) != "Trigger:incomingMessage>ask ask:timeout>late late:sent>Ended" {
		t.Fatalf("steps = %s", path(x))
	}
	if len(seen) == 0 || seen[len(seen)-1] != EventEnd {
		t.Fatalf("the observer did not hear the timed-out run: %v", seen)
	}
	if !x.DateUpdated.Equal(testStart.Add(time.Hour)) {
		t.Fatalf("date_updated = %v", x.DateUpdated)
	}
	if clock.Pending() != 0 {
		t.Fatalf("%d timers left", clock.Pending())
	}
}

func TestAnsweredWaitCancelsItsTimeout(t *testing.T) {
	f := testFlow(t, trigger("incomingCall>g"), widget("g", "gather-input-on-call", `{"timeout":5}`, "keypress>g2,timeout>"), widget("g2", "gather-input-on-call", `{"timeout":5}`, "keypress>,timeout>"))
	rt, clock := testRuntime(Config{})
	h := NewHost(rt)
	x, _, err := h.Deliver(f, Trigger{Event: TriggerCall}, StartOptions{FlowSID: testFlowSID})
	if err != nil {
		t.Fatal(err)
	}
	clock.Advance(4 * time.Second)
	if _, err := h.Input(x.SID, Input{Kind: InputPress, Text: "1"}); err != nil {
		t.Fatal(err)
	}
	clock.Advance(2 * time.Second) // the first gather's deadline passes: nothing may happen
	if x.At() != "g2" {
		t.Fatalf("at %q after a stale timeout", x.At())
	}
	clock.Advance(3 * time.Second)
	if x.Ended == nil || x.Steps[len(x.Steps)-1].Name != "timeout" {
		t.Fatalf("second gather did not time out: %s", path(x))
	}
}

func TestVoiceSessions(t *testing.T) {
	concurrent := testFlow(t, trigger("incomingCall>g"), widget("g", "gather-input-on-call", `{}`, "keypress>"))
	rt, _ := testRuntime(Config{})
	h := NewHost(rt)
	call := Trigger{Event: TriggerCall, From: "+1555"}
	a, _, err1 := h.Deliver(concurrent, call, StartOptions{FlowSID: testFlowSID})
	b, _, err2 := h.Deliver(concurrent, call, StartOptions{FlowSID: testFlowSID})
	if err1 != nil || err2 != nil || a == b {
		t.Fatalf("concurrent calls from one number should each run: %v %v", err1, err2)
	}
	if _, err := h.End(a.SID); err != nil || a.Ended == nil || a.Ended.Kind != EndStopped {
		t.Fatalf("End: %v %+v", err, a.Ended)
	}

	single, err := parseFlowText(regexp.MustCompile(`"allow_concurrent_calls":\s*true`).ReplaceAllString(flowText(t, concurrent), `"allow_concurrent_calls": false`))
	if err != nil {
		t.Fatal(err)
	}
	const other = "FW11111111111111111111111111111111"
	if _, _, err := h.Deliver(single, call, StartOptions{FlowSID: other}); err != nil {
		t.Fatal(err)
	}
	var conflict *ConflictError
	if _, _, err := h.Deliver(single, call, StartOptions{FlowSID: other}); !errors.As(err, &conflict) {
		t.Fatalf("a second call from the same number without concurrent calls: err = %v", err)
	}
}

func TestConversationSessionsAreKeyedByConversation(t *testing.T) {
	f := testFlow(t,
		trigger("incomingConversationMessage>ask"),
		widget("ask", "send-and-wait-for-reply", `{"body":"Order number?"}`, "incomingMessage>echo"),
		widget("echo", "send-message", `{"body":"{{widgets.ask.inbound.Body}} in {{trigger.conversation.ConversationSid}}"}`, "sent>"),
	)
	rt, _ := testRuntime(Config{})
	h := NewHost(rt)
	opts := StartOptions{FlowSID: testFlowSID}
	conv := map[string]any{"ConversationSid": "CH00000000000000000000000000000001"}
	x, _, err := h.Deliver(f, Trigger{Event: TriggerConversation, From: "alice", Body: "hi", Fields: conv}, opts)
	if err != nil {
		t.Fatal(err)
	}
	// Another participant of the same conversation advances the same execution.
	y, _, err := h.Deliver(f, Trigger{Event: TriggerConversation, From: "bob", Body: "42", Fields: conv}, opts)
	if err != nil || y != x {
		t.Fatalf("second participant: %v (same execution: %v)", err, y == x)
	}
	if got := widgetOutput(x, "echo", "outbound", "Body"); got != "42 in CH00000000000000000000000000000001" {
		t.Fatalf("echo = %v", got)
	}
	if lookup(x.Context(), "trigger", "conversation", "Author") != "alice" {
		t.Fatalf("trigger.conversation = %v", lookup(x.Context(), "trigger", "conversation"))
	}
}
