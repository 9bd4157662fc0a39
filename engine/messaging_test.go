package engine

import (
	"strings"
	"testing"
)

func TestSendAndWaitForReply(t *testing.T) {
	f := testFlow(t,
		trigger("incomingMessage>ask"),
		widget("ask", "send-and-wait-for-reply", `{"body":"Name?","timeout":"3600"}`, "incomingMessage>thanks,timeout>late,deliveryFailure>"),
		widget("thanks", "send-message", `{"body":"Thanks {{widgets.ask.inbound.Body}} ({{widgets.ask.outbound.Body}})"}`, "sent>"),
		widget("late", "send-message", `{"body":"Too late"}`, "sent>"),
	)
	t.Run("reply", func(t *testing.T) {
		rt, _ := testRuntime(Config{})
		x, _ := start(t, rt, f, Trigger{Event: TriggerMessage, From: "+1555", Body: "hi"}, StartOptions{})
		if x.Waiting == nil || x.Waiting.Kind != WaitReply || x.Waiting.Timeout.Seconds() != 3600 {
			t.Fatalf("wait = %+v", x.Waiting)
		}
		if widgetOutput(x, "ask", "outbound", "Body") != "Name?" {
			t.Fatalf("outbound while waiting = %v", widgetOutput(x, "ask"))
		}
		resume(t, rt, x, Input{Kind: InputMessage, Text: "Ann"})
		if widgetOutput(x, "thanks", "outbound", "Body") != "Thanks Ann (Name?)" {
			t.Fatalf("widgets = %v", widgetOutput(x))
		}
		if widgetOutput(x, "ask", "inbound", "From") != "+1555" {
			t.Fatalf("inbound = %v", widgetOutput(x, "ask", "inbound"))
		}
		want := []TranscriptEntry{
			{Direction: "outbound", Kind: "sms", Text: "Name?", Widget: "ask"},
			{Direction: "inbound", Kind: "sms", Text: "Ann", Widget: "ask"},
			{Direction: "outbound", Kind: "sms", Text: "Thanks Ann (Name?)", Widget: "thanks"},
		}
		if len(x.Transcript) != len(want) {
			t.Fatalf("transcript = %+v", x.Transcript)
		}
		for i := range want {
			if x.Transcript[i] != want[i] {
				t.Errorf("transcript[%d] = %+v, want %+v", i, x.Transcript[i], want[i])
			}
		}
	})
	t.Run("timeout", func(t *testing.T) {
		rt, _ := testRuntime(Config{})
		x, _ := start(t, rt, f, Trigger{Event: TriggerMessage}, StartOptions{})
		resume(t, rt, x, Input{Kind: InputTimeout})
		if path(x) != "Trigger:incomingMessage>ask ask:timeout>late late:sent>Ended" {
			t.Fatalf("steps = %s", path(x))
		}
	})
	t.Run("delivery failure chosen", func(t *testing.T) {
		rt, _ := testRuntime(Config{})
		x, _ := start(t, rt, f, Trigger{Event: TriggerMessage}, StartOptions{Outcomes: map[string]Outcome{"ask": {Event: "deliveryFailure"}}})
		if path(x) != "Trigger:incomingMessage>ask ask:deliveryFailure>Ended" {
			t.Fatalf("steps = %s", path(x))
		}
	})
}

func TestSendMessageFailedOutcome(t *testing.T) {
	f := testFlow(t, trigger("incomingMessage>s"), widget("s", "send-message", `{"body":"x"}`, "sent>,failed>"))
	rt, _ := testRuntime(Config{})
	x, _ := start(t, rt, f, Trigger{Event: TriggerMessage}, StartOptions{Outcomes: map[string]Outcome{"s": {Event: "failed", Outputs: map[string]any{"outbound": map[string]any{"ErrorCode": "30003"}}}}})
	if x.Steps[1].Name != "failed" || widgetOutput(x, "s", "outbound", "ErrorCode") != "30003" {
		t.Fatalf("steps %s, outputs %v", path(x), widgetOutput(x, "s"))
	}
}

func TestUnsendableMessagesTakeTheFailureEvent(t *testing.T) {
	f := testFlow(t,
		trigger("incomingRequest>s"),
		widget("s", "send-message", `{"body":"Hi","to":"{{flow.data.phone}}"}`, "sent>,failed>w"),
		widget("w", "send-and-wait-for-reply", `{"body":"{{flow.data.nothing}}"}`, "incomingMessage>,deliveryFailure>"),
	)
	rt, _ := testRuntime(Config{})
	x, evs := start(t, rt, f, Trigger{Event: TriggerRequest, To: "+1555"}, StartOptions{})
	if path(x) != "Trigger:incomingRequest>s s:failed>w w:deliveryFailure>Ended" {
		t.Fatalf("steps = %s", path(x))
	}
	if !strings.Contains(x.Steps[1].Detail, "error 21604") || !strings.Contains(x.Steps[2].Detail, "error 21602") {
		t.Fatalf("details = %q, %q", x.Steps[1].Detail, x.Steps[2].Detail)
	}
	for _, e := range evs {
		if e.Kind == EventSend {
			t.Fatalf("an unsendable message was sent: %+v", e)
		}
	}
}
