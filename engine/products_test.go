package engine

import (
	"strings"
	"testing"
)

func TestProductWidgetsTakeTheirSuccessEventByDefault(t *testing.T) {
	tests := []struct {
		typ, event, output string
	}{
		{"connect-call-to", "callCompleted", "DialCallStatus"},
		{"make-outgoing-call-v2", "answered", "CallSid"},
		{"make-outgoing-call-v1", "answered", "CallStatus"},
		{"record-call", "success", "Sid"},
		{"enqueue-call", "callComplete", "QueueSid"},
		{"send-to-flex", "callComplete", "TaskSid"},
		{"capture-payments", "success", "PaymentToken"},
		{"fork-stream", "next", ""},
		{"add-twiml-redirect", "return", ""},
		{"connect-virtual-agent", "return", "VirtualAgentStatus"},
		{"connect-virtual-agent-v2", "completed", "VirtualAgentProvider"},
		{"look-up-profile", "profileFound", "profile"},
		{"update-profile-traits", "profileUpdated", "profile"},
		{"send-to-auto-pilot", "sessionEnded", "CurrentTask"},
		{"create-task", "taskCreated", ""}, // legacy: the first event the widget names
	}
	for _, tt := range tests {
		t.Run(tt.typ, func(t *testing.T) {
			f := testFlow(t,
				trigger("incomingCall>w"),
				widget("w", tt.typ, `{"to":"+1444","url":"https://example.com/twiml","attributes":"{\"from\":\"{{trigger.call.From}}\"}"}`, tt.event+">,failed>,hangup>"),
			)
			rt, _ := testRuntime(Config{})
			x, _ := start(t, rt, f, Trigger{Event: TriggerCall, From: "+1222"}, StartOptions{})
			if got := x.Steps[1].Name; got != tt.event {
				t.Fatalf("event = %s, want %s", got, tt.event)
			}
			if tt.output != "" {
				if v := widgetOutput(x, "w", tt.output); v == nil || v == "" {
					t.Fatalf("widgets.w.%s is empty: %v", tt.output, widgetOutput(x, "w"))
				}
			}
		})
	}
}

func TestFlexAttributesAreRendered(t *testing.T) {
	f := testFlow(t, trigger("incomingMessage>flex"), widget("flex", "send-to-flex", `{"attributes":"{\"name\":\"{{trigger.message.From}}\"}"}`, "callComplete>"))
	rt, _ := testRuntime(Config{})
	x, _ := start(t, rt, f, Trigger{Event: TriggerMessage, From: "+1777"}, StartOptions{})
	if widgetOutput(x, "flex", "Attributes") != `{"name":"+1777"}` {
		t.Fatalf("Attributes = %v", widgetOutput(x, "flex", "Attributes"))
	}
}

func TestConnectCallToDialsAndTakesChosenOutcome(t *testing.T) {
	f := testFlow(t, trigger("incomingCall>dial"), widget("dial", "connect-call-to", `{"noun":"number","to":"{{flow.data.agent | default: '+1800'}}"}`, "callCompleted>,hangup>"))
	rt, _ := testRuntime(Config{})
	x, evs := start(t, rt, f, Trigger{Event: TriggerCall}, StartOptions{Outcomes: map[string]Outcome{"dial": {Event: "hangup", Outputs: map[string]any{"DialCallStatus": "busy"}}}})
	dialled := false
	for _, e := range evs {
		if e.Kind == EventDial && e.Text == "+1800" {
			dialled = true
		}
	}
	if !dialled {
		t.Fatalf("no dial event: %+v", evs)
	}
	if x.Steps[1].Name != "hangup" || widgetOutput(x, "dial", "DialCallStatus") != "busy" || widgetOutput(x, "dial", "DialCallSid") == nil {
		t.Fatalf("steps %s outputs %v", path(x), widgetOutput(x, "dial"))
	}
}

func TestAskOutcomesWaitsForTheCallersChoice(t *testing.T) {
	f := testFlow(t, trigger("incomingCall>pay"), widget("pay", "capture-payments", `{}`, "success>,maxFailedAttempts>,providerError>,hangup>"))
	rt, _ := testRuntime(Config{})
	x, _ := start(t, rt, f, Trigger{Event: TriggerCall}, StartOptions{AskOutcomes: true})
	if x.Waiting == nil || x.Waiting.Kind != WaitOutcome || strings.Join(x.Waiting.Choices, ",") != "success,maxFailedAttempts,providerError,payInterrupted,hangup,validationError" {
		t.Fatalf("wait = %+v", x.Waiting)
	}
	if _, err := rt.Resume(x, Input{Kind: InputOutcome, Event: "teleported"}); err == nil {
		t.Fatal("an event the widget lacks was accepted")
	}
	if _, err := rt.Resume(x, Input{Kind: InputTimeout}); err == nil {
		t.Fatal("an outcome wait timed out")
	}
	resume(t, rt, x, Input{Kind: InputOutcome, Event: "providerError", Outputs: map[string]any{"Result": "provider-error"}})
	if x.Steps[1].Name != "providerError" || widgetOutput(x, "pay", "Result") != "provider-error" || widgetOutput(x, "pay", "PaymentCardType") != "visa" {
		t.Fatalf("steps %s outputs %v", path(x), widgetOutput(x, "pay"))
	}
}

func TestOutgoingCallCarriesIntoVoiceWidgets(t *testing.T) {
	f := testFlow(t,
		trigger("incomingRequest>call"),
		widget("call", "make-outgoing-call-v2", `{"detect_answering_machine":true}`, "answered>ask,busy>,noAnswer>,failed>"),
		widget("ask", "gather-input-on-call", `{"say":"Your appointment is tomorrow. Press 1 to confirm."}`, "keypress>"),
	)
	rt, _ := testRuntime(Config{})
	x, evs := start(t, rt, f, Trigger{Event: TriggerRequest, To: "+15550001", From: "+15009"}, StartOptions{})
	if evs[1].Kind != EventDial || evs[1].Text != "+15550001" || evs[1].From != "+15009" {
		t.Fatalf("dial event = %+v", evs[1])
	}
	if widgetOutput(x, "call", "AnsweredBy") != "human" {
		t.Fatalf("outputs = %v", widgetOutput(x, "call"))
	}
	resume(t, rt, x, Input{Kind: InputPress, Text: "1"})
	if widgetOutput(x, "ask", "CallSid") != widgetOutput(x, "call", "CallSid") || widgetOutput(x, "ask", "Digits") != "1" {
		t.Fatalf("gather outputs = %v", widgetOutput(x, "ask"))
	}
}
