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
	resume(t, rt, x, Input{Kind: InputOutcome, Event: "providerError", Outputs: map[string]any{"ErrorCode": "64005"}})
	// The outputs agree with the event chosen: no payment went through.
	if x.Steps[1].Name != "providerError" || widgetOutput(x, "pay", "Result") != "payment-connector-error" ||
		widgetOutput(x, "pay", "ErrorCode") != "64005" || widgetOutput(x, "pay", "PaymentCardType") != nil {
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

// A product widget's outputs agree with the event taken: a caller hanging up
// during Connect Call To is no completed dial with a duration, a busy
// outgoing call is not in progress, a failed payment has no card.
func TestProductOutputsAgreeWithTheOutcome(t *testing.T) {
	tests := []struct {
		typ, event string
		want       map[string]any // output → value (nil: absent)
	}{
		{"connect-call-to", "callCompleted", map[string]any{"DialCallStatus": "completed", "DialCallDuration": "42", "CallStatus": "in-progress"}},
		{"connect-call-to", "hangup", map[string]any{"DialCallStatus": "canceled", "DialCallDuration": "0", "CallStatus": "completed"}},
		{"make-outgoing-call-v2", "answered", map[string]any{"CallStatus": "in-progress"}},
		{"make-outgoing-call-v2", "busy", map[string]any{"CallStatus": "busy"}},
		{"make-outgoing-call-v2", "noAnswer", map[string]any{"CallStatus": "no-answer"}},
		{"make-outgoing-call-v1", "hangup", map[string]any{"CallStatus": "completed"}},
		{"make-outgoing-call-v1", "answeredByMachine", map[string]any{"CallStatus": "in-progress"}},
		{"enqueue-call", "failedToEnqueue", map[string]any{"QueueResult": "queue-full", "CallStatus": "in-progress"}},
		{"capture-payments", "success", map[string]any{"Result": "success", "PaymentCardType": "visa"}},
		{"capture-payments", "hangup", map[string]any{"Result": "caller-hung-up", "PaymentCardType": nil, "CallStatus": "completed"}},
		{"capture-payments", "providerError", map[string]any{"Result": "payment-connector-error", "PaymentCardType": nil, "CallStatus": "in-progress"}},
		{"look-up-profile", "noProfileFound", map[string]any{"profile": nil}},
	}
	for _, tt := range tests {
		t.Run(tt.typ+"/"+tt.event, func(t *testing.T) {
			f := testFlow(t, trigger("incomingCall>w"), widget("w", tt.typ, `{"to":"+1444"}`, tt.event+">"))
			rt, _ := testRuntime(Config{})
			x, _ := start(t, rt, f, Trigger{Event: TriggerCall}, StartOptions{Outcomes: map[string]Outcome{"w": {Event: tt.event}}})
			if x.Steps[1].Name != tt.event {
				t.Fatalf("steps %s", path(x))
			}
			for k, v := range tt.want {
				if got := widgetOutput(x, "w", k); got != v {
					t.Errorf("widgets.w.%s = %#v, want %#v (outputs %v)", k, got, v, widgetOutput(x, "w"))
				}
			}
		})
	}
}

// Run Function, like every widget whose result comes from another product,
// takes the caller's outcome (no request is made) and, with AskOutcomes,
// asks for one unless a canned response stands in for the Function.
func TestRunFunctionTakesTheCallersOutcome(t *testing.T) {
	f := testFlow(t,
		trigger("incomingMessage>fn"),
		widget("fn", "run-function", `{"url":"https://nowhere.invalid/fn"}`, "success>,fail>"),
	)
	t.Run("preset", func(t *testing.T) {
		rt, _ := testRuntime(Config{})
		x, _ := start(t, rt, f, Trigger{Event: TriggerMessage}, StartOptions{Outcomes: map[string]Outcome{"fn": {Event: "fail"}}})
		wantEnded(t, x, EndCompleted, "ended at fn on fail (outcome chosen by the caller)")
		if widgetOutput(x, "fn", "status_code") != int64(500) {
			t.Fatalf("outputs %v", widgetOutput(x, "fn"))
		}
	})
	t.Run("asked", func(t *testing.T) {
		rt, _ := testRuntime(Config{})
		x, _ := start(t, rt, f, Trigger{Event: TriggerMessage}, StartOptions{AskOutcomes: true})
		if x.Waiting == nil || x.Waiting.Kind != WaitOutcome || strings.Join(x.Waiting.Choices, ",") != "success,fail" {
			t.Fatalf("wait = %+v", x.Waiting)
		}
		resume(t, rt, x, Input{Kind: InputOutcome, Event: "success", Outputs: map[string]any{"parsed": map[string]any{"ok": true}}})
		wantEnded(t, x, EndCompleted, "ended at fn on success")
		if widgetOutput(x, "fn", "parsed", "ok") != true || widgetOutput(x, "fn", "status_code") != int64(200) {
			t.Fatalf("outputs %v", widgetOutput(x, "fn"))
		}
	})
	t.Run("asked, but a canned response stands in", func(t *testing.T) {
		rt, _ := testRuntime(Config{})
		x, _ := start(t, rt, f, Trigger{Event: TriggerMessage}, StartOptions{AskOutcomes: true,
			HTTP: map[string][]CannedResponse{"fn": {{Status: 201, ContentType: "application/json", Body: `{"id":7}`}}}})
		wantEnded(t, x, EndCompleted, "ended at fn on success")
		if widgetOutput(x, "fn", "parsed", "id") != 7 { // decoded JSON numbers are int, as Liquid reads them
			t.Fatalf("outputs %v", widgetOutput(x, "fn"))
		}
	})
}

// An outcome is never accepted and then ignored: for a widget the engine
// runs itself, or an event the caller may not pick, Start refuses it.
func TestOutcomesForWidgetsTheEngineRunsAreRefused(t *testing.T) {
	f := testFlow(t,
		trigger("incomingCall>greet"),
		widget("greet", "say-play", `{"say":"Hi"}`, "audioComplete>ask"),
		widget("ask", "send-and-wait-for-reply", `{"body":"?"}`, "incomingMessage>,timeout>,deliveryFailure>"),
		widget("http", "make-http-request", `{"url":"https://nowhere.invalid"}`, "success>,failed>"),
	)
	for _, tt := range []struct{ widget, event, want string }{
		{"greet", "hangup", "greet (a say-play widget) runs in the simulator itself"},
		{"ask", "incomingMessage", "an outcome for ask (a send-and-wait-for-reply widget) may only be deliveryFailure or timeout"},
	} {
		rt, _ := testRuntime(Config{})
		_, _, err := rt.Start(f, Trigger{Event: TriggerCall}, StartOptions{Outcomes: map[string]Outcome{tt.widget: {Event: tt.event}}})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("outcome %s=%s: Start error %v, want %q", tt.widget, tt.event, err, tt.want)
		}
	}
	// make-http-request takes one, without a request.
	g := testFlow(t, trigger("incomingMessage>http"), widget("http", "make-http-request", `{"url":"https://nowhere.invalid"}`, "success>,failed>"))
	rt, _ := testRuntime(Config{})
	x, _ := start(t, rt, g, Trigger{Event: TriggerMessage}, StartOptions{Outcomes: map[string]Outcome{"http": {Event: "failed"}}})
	wantEnded(t, x, EndCompleted, "ended at http on failed (outcome chosen by the caller)")
}

func TestSendAndWaitTimeoutOutcomeSkipsTheWait(t *testing.T) {
	f := testFlow(t, trigger("incomingMessage>ask"), widget("ask", "send-and-wait-for-reply", `{"body":"Still there?"}`, "incomingMessage>,timeout>,deliveryFailure>"))
	rt, _ := testRuntime(Config{})
	x, _ := start(t, rt, f, Trigger{Event: TriggerMessage}, StartOptions{Outcomes: map[string]Outcome{"ask": {Event: "timeout"}}})
	wantEnded(t, x, EndCompleted, "ended at ask on timeout")
	if widgetOutput(x, "ask", "outbound", "Body") != "Still there?" {
		t.Fatalf("outputs %v", widgetOutput(x, "ask"))
	}
}

// An outgoing call answered through the simulator's outcome buttons is the
// call the next voice widgets act on, as when its outcome is preset.
func TestOutgoingCallAnsweredByChoiceCarriesIntoVoiceWidgets(t *testing.T) {
	f := testFlow(t,
		trigger("incomingRequest>call"),
		widget("call", "make-outgoing-call-v2", `{}`, "answered>ask,busy>,noAnswer>,failed>"),
		widget("ask", "gather-input-on-call", `{"say":"Press 1 to confirm."}`, "keypress>"),
	)
	rt, _ := testRuntime(Config{})
	x, _ := start(t, rt, f, Trigger{Event: TriggerRequest, To: "+15550001"}, StartOptions{AskOutcomes: true})
	resume(t, rt, x, Input{Kind: InputOutcome, Event: "answered"})
	if x.At() != "ask" || x.Ended != nil {
		t.Fatalf("after answered: at %q, ended %+v", x.At(), x.Ended)
	}
	resume(t, rt, x, Input{Kind: InputPress, Text: "1"})
	if widgetOutput(x, "ask", "CallSid") != widgetOutput(x, "call", "CallSid") || widgetOutput(x, "ask", "CallStatus") != "in-progress" {
		t.Fatalf("gather outputs = %v", widgetOutput(x, "ask"))
	}
}

// A hangup on a voice call ends the call whatever the widget: a type whose
// events are open (the legacy create-task) or one the catalog does not know
// takes the catalog's call-ended event as the known voice types do, and the
// voice widget after it stops.
func TestHangupOfOpenAndUnknownTypesEndsTheCall(t *testing.T) {
	for _, typ := range []string{"create-task", "a-widget-studio-added-later"} {
		f := testFlow(t,
			trigger("incomingCall>task"),
			widget("task", typ, `{}`, "hangup>note"),
			widget("note", "set-variables", `{"variables":[{"key":"hung","value":"yes"}]}`, "next>bye"),
			widget("bye", "say-play", `{"say":"Bye"}`, "audioComplete>"),
		)
		rt, _ := testRuntime(Config{})
		x, _ := start(t, rt, f, Trigger{Event: TriggerCall}, StartOptions{Outcomes: map[string]Outcome{"task": {Event: "hangup"}}})
		if x.Ended == nil || !strings.Contains(x.Ended.Reason, "hung up") || x.Variables()["hung"] != "yes" {
			t.Errorf("%s: hangup then a voice widget: ended %+v at %q, variables %v", typ, x.Ended, x.At(), x.Variables())
		}
	}
}
