package engine

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
)

// staticFailure is one reason the engine fails a step that is knowable
// before running: a flow that has it, the widget that fails, and the field
// (a JSON pointer) the validator must name.
type staticFailure struct {
	reason  string // a catalog Requirement's ID, or one of otherReasons
	name    string
	trigger string
	states  []string
	widget  string
	path    string
	// subflows are the flows run-subflow widgets find, by flow_sid.
	subflows map[string][]string
	// sameWords: the validator's message begins with the engine's (not
	// where the schema already words the finding).
	sameWords bool
	// failsAt is the widget whose step fails, when not widget (a
	// transition back to the Trigger fails at the Trigger).
	failsAt  string
	outcomes map[string]Outcome
	// ends: the engine ends the execution so (EndLimit, EndFailed) without
	// a step of the widget failing.
	ends string
}

// otherReasons are the engine's static failure reasons that are not a
// type's requirements: what a catalog entry refuses, and the engine's own.
var otherReasons = []string{"refuses/call", "refuses/subflow", "trigger/transition-back", "type/unknown", "liquid/syntax", "split/regex", "split/unknown-type", "type/legacy-without-events", "limit/loop", "next/missing", "initial/missing"}

const (
	subflowSID = "FW00000000000000000000000000000001"
	sent       = "sent>,failed>"
)

func staticFailures() []staticFailure {
	msg := func(typ, props string) []string {
		return []string{trigger("incomingMessage>w"), widget("w", typ, props, sent+",incomingMessage>,timeout>,deliveryFailure>")}
	}
	http := func(typ, props string) []string {
		return []string{trigger("incomingRequest>w"), widget("w", typ, props, "success>,failed>,fail>,return>,timeout>")}
	}
	subflow := func(props string) []string {
		return []string{trigger("incomingMessage>w"), widget("w", "run-subflow", props, "completed>,failed>")}
	}
	child := []string{trigger("incomingParent>done"), widget("done", "set-variables", `{"variables":[{"key":"ok","value":"1"}]}`, "next>")}
	var out []staticFailure
	for _, typ := range []string{"send-message", "send-and-wait-for-reply"} {
		out = append(out,
			staticFailure{reason: typ + "/body", name: "empty body", trigger: TriggerMessage, states: msg(typ, `{"body":"  ","from":"+1999"}`), widget: "w", path: "/states/1/properties/body", sameWords: true},
			staticFailure{reason: typ + "/from", name: "cleared from", trigger: TriggerMessage, states: msg(typ, `{"body":"Hi","from":""}`), widget: "w", path: "/states/1/properties/from", sameWords: true},
		)
	}
	out = append(out, staticFailure{reason: "send-message/to", name: "empty to", trigger: TriggerMessage, states: msg("send-message", `{"body":"Hi","from":"+1999","to":""}`), widget: "w", path: "/states/1/properties/to", sameWords: true})
	out = append(out,
		staticFailure{reason: "make-http-request/url", name: "empty URL", trigger: TriggerRequest, states: http("make-http-request", `{"url":"","method":"GET"}`), widget: "w", path: "/states/1/properties/url", sameWords: false},
		staticFailure{reason: "make-http-request/url", name: "not a URL", trigger: TriggerRequest, states: http("make-http-request", `{"url":"example.com/api","method":"GET"}`), widget: "w", path: "/states/1/properties/url", sameWords: true},
		staticFailure{reason: "make-http-request/url", name: "not http, whatever the Liquid renders", trigger: TriggerRequest, states: http("make-http-request", `{"url":"ftp://{{flow.data.host}}/x","method":"GET"}`), widget: "w", path: "/states/1/properties/url"},
		staticFailure{reason: "make-http-request/method", name: "a method Studio does not send", trigger: TriggerRequest, states: http("make-http-request", `{"url":"https://example.com","method":"DELETE"}`), widget: "w", path: "/states/1/properties/method"},
		staticFailure{reason: "make-http-request/add_twilio_auth", name: "Twilio credentials to another host", trigger: TriggerRequest, states: http("make-http-request", `{"url":"https://example.com/x","method":"POST","add_twilio_auth":true}`), widget: "w", path: "/states/1/properties/url", sameWords: true},
		staticFailure{reason: "run-function/url", name: "empty URL", trigger: TriggerRequest, states: http("run-function", `{"url":""}`), widget: "w", path: "/states/1/properties/url", sameWords: true},
		staticFailure{reason: "run-function-v2/url", name: "not a URL", trigger: TriggerRequest, states: http("run-function-v2", `{"url":"my-function"}`), widget: "w", path: "/states/1/properties/url", sameWords: true},
		staticFailure{reason: "add-twiml-redirect/url", name: "empty URL", trigger: TriggerRequest, states: http("add-twiml-redirect", `{"url":""}`), widget: "w", path: "/states/1/properties/url", sameWords: false},
		staticFailure{reason: "run-subflow/flow_sid", name: "no subflow chosen", trigger: TriggerMessage, states: subflow(`{"flow_sid":""}`), widget: "w", path: "/states/1/properties/flow_sid", subflows: map[string][]string{subflowSID: child}, sameWords: false},
		staticFailure{reason: "run-subflow/flow_sid", name: "a computed flow_sid", trigger: TriggerMessage, states: subflow(`{"flow_sid":"{{flow.data.sid}}"}`), widget: "w", path: "/states/1/properties/flow_sid", subflows: map[string][]string{subflowSID: child}, sameWords: false},
		staticFailure{reason: "run-subflow/flow_sid", name: "a subflow that cannot be found", trigger: TriggerMessage, states: subflow(`{"flow_sid":"FW99999999999999999999999999999999"}`), widget: "w", path: "/states/1/properties/flow_sid", subflows: map[string][]string{subflowSID: child}, sameWords: true},
		staticFailure{reason: "run-subflow/parameters", name: "a parameter without a name", trigger: TriggerMessage, states: subflow(`{"flow_sid":"` + subflowSID + `","parameters":[{"key":"","value":"1"}]}`), widget: "w", path: "/states/1/properties/parameters/0/key", subflows: map[string][]string{subflowSID: child}, sameWords: true},
		staticFailure{reason: "set-variables/variables", name: "a variable without a name", trigger: TriggerMessage, states: []string{trigger("incomingMessage>w"), widget("w", "set-variables", `{"variables":[{"key":"a","value":"1"},{"key":" ","value":"2"}]}`, "next>")}, widget: "w", path: "/states/1/properties/variables/1/key", sameWords: true},
		staticFailure{reason: "set-variables/variables", name: "JSON that is not", trigger: TriggerMessage, states: []string{trigger("incomingMessage>w"), widget("w", "set-variables", `{"variables":[{"key":"a","value":"{oops","type":"json"}]}`, "next>")}, widget: "w", path: "/states/1/properties/variables/0/value", sameWords: true},

		staticFailure{reason: "refuses/call", name: "Say/Play reachable only from Incoming Message", trigger: TriggerMessage,
			states: []string{trigger("incomingMessage>hi"), widget("hi", "set-variables", `{}`, "next>w"), widget("w", "say-play", `{"say":"Hello"}`, "audioComplete>,hangup>")},
			widget: "w", path: "/states/2", sameWords: true},
		staticFailure{reason: "refuses/call", name: "Gather from the REST API", trigger: TriggerRequest,
			states: []string{trigger("incomingRequest>w"), widget("w", "gather-input-on-call", `{"say":"Press 1"}`, "keypress>,speech>,timeout>,hangup>")},
			widget: "w", path: "/states/1", sameWords: true},
		staticFailure{reason: "refuses/call", name: "a voice Virtual Agent in a conversation", trigger: TriggerConversation,
			states: []string{trigger("incomingConversationMessage>w"), widget("w", "connect-virtual-agent-v2", `{"channel":"voice"}`, "completed>,failed>")},
			widget: "w", path: "/states/1", sameWords: true},
		staticFailure{reason: "refuses/call", name: "Connect Call To after an unanswered outgoing call", trigger: TriggerRequest,
			states: []string{trigger("incomingRequest>call"), widget("call", "make-outgoing-call-v2", `{"to":"+1555","from":"+1999"}`, "answered>,busy>,noAnswer>,failed>w"), widget("w", "connect-call-to", `{"to":"+1800","noun":"number"}`, "callCompleted>,hangup>")},
			widget: "w", path: "/states/2", sameWords: true, outcomes: map[string]Outcome{"call": {Event: "failed"}}},
		staticFailure{reason: "refuses/subflow", name: "a subflow that runs a subflow", trigger: TriggerMessage,
			states:   []string{trigger("incomingMessage>w"), widget("w", "run-subflow", `{"flow_sid":"`+subflowSID+`"}`, "completed>,failed>")},
			subflows: map[string][]string{subflowSID: {trigger("incomingParent>inner"), widget("inner", "run-subflow", `{"flow_sid":"`+subflowSID+`"}`, "completed>,failed>")}},
			widget:   "inner", path: "/states/1", sameWords: true},
		staticFailure{reason: "trigger/transition-back", name: "a transition back to the Trigger", trigger: TriggerMessage,
			states: []string{trigger("incomingMessage>w"), widget("w", "set-variables", `{}`, "next>Trigger")}, widget: "w", path: "/states/1/transitions/0/next", failsAt: "Trigger"},
		staticFailure{reason: "type/unknown", name: "a type nobody knows", trigger: TriggerMessage,
			states: []string{trigger("incomingMessage>w"), widget("w", "send-pigeon", `{}`, "")}, widget: "w", path: "/states/1/type"},
		staticFailure{reason: "split/regex", name: "a regex that does not compile", trigger: TriggerMessage,
			states: []string{trigger("incomingMessage>w"),
				`{"name":"w","type":"split-based-on","properties":{"input":"{{trigger.message.Body}}"},"transitions":[{"event":"noMatch"},{"event":"match","conditions":[{"friendly_name":"digits","arguments":["{{trigger.message.Body}}"],"type":"regex","value":"[0-9"}]}]}`},
			widget: "w", path: "/states/1/transitions/1/conditions/0/value"},
		staticFailure{reason: "split/unknown-type", name: "a condition type Studio lacks", trigger: TriggerMessage,
			states: []string{trigger("incomingMessage>w"),
				`{"name":"w","type":"split-based-on","properties":{"input":"{{trigger.message.Body}}"},"transitions":[{"event":"noMatch"},{"event":"match","conditions":[{"friendly_name":"x","arguments":["{{trigger.message.Body}}"],"type":"equals","value":"1"}]}]}`},
			widget: "w", path: "/states/1/transitions/1/conditions/0/type"},
		staticFailure{reason: "type/legacy-without-events", name: "a legacy widget with no transitions", trigger: TriggerMessage,
			states: []string{trigger("incomingMessage>w"), widget("w", "create-task", `{}`, "")}, widget: "w", path: "/states/1/type"},
		staticFailure{reason: "limit/loop", name: "Set Variables leading to itself", trigger: TriggerMessage,
			states: []string{trigger("incomingMessage>w"), widget("w", "set-variables", `{}`, "next>w")}, widget: "w", path: "/states/1/transitions/0/next", ends: EndLimit},
		staticFailure{reason: "limit/loop", name: "two widgets leading round to each other", trigger: TriggerMessage,
			states: []string{trigger("incomingMessage>w"), widget("w", "set-variables", `{}`, "next>v"), widget("v", "set-variables", `{}`, "next>w")}, widget: "w", path: "/states/1/transitions/0/next", ends: EndLimit},
		staticFailure{reason: "next/missing", name: "a transition to a widget that is not there", trigger: TriggerMessage,
			states: []string{trigger("incomingMessage>w"), widget("w", "set-variables", `{}`, "next>gone")}, widget: "w", path: "/states/1/transitions/0/next", ends: EndFailed},
		staticFailure{reason: "initial/missing", name: "initial_state naming no widget", trigger: TriggerMessage,
			states: []string{widget("Start", "trigger", `{}`, "incomingMessage>w"), widget("w", "set-variables", `{}`, "next>")}, widget: "", path: "/initial_state", ends: EndFailed},
		staticFailure{reason: "liquid/syntax", name: "an unterminated if", trigger: TriggerMessage,
			states: []string{trigger("incomingMessage>w"), widget("w", "send-message", `{"body":"{% if flow.data.vip %}Hi","from":"+1999","to":"+1555"}`, sent)}, widget: "w", path: "/states/1/properties/body"},
	)
	return out
}

// testValidator is the test catalog and a validator of it.
func testValidator(t *testing.T) (*schemas.Catalog, *schemas.Validator) {
	t.Helper()
	cat, err := testCatalog()
	if err != nil {
		t.Fatal(err)
	}
	val, err := schemas.NewValidator(cat)
	if err != nil {
		t.Fatal(err)
	}
	return cat, val
}

// Every reason the engine fails a step that is knowable before running is
// reported by the validator, at the widget and the field concerned; and
// the engine does fail the step there. The walk covers every requirement of
// every catalog type (the engine checks those at run time and the validator
// statically, from the same catalog entry) and every other reason.
func TestValidatorReportsEveryStaticFailureTheEngineHits(t *testing.T) {
	cat, val := testValidator(t)
	covered := map[string]bool{}
	for _, c := range staticFailures() {
		covered[c.reason] = true
		t.Run(c.reason+"/"+c.name, func(t *testing.T) {
			subflows := map[string]*model.Flow{}
			for sid, states := range c.subflows {
				subflows[sid] = testFlow(t, states...)
			}
			find := func(sid string) (*model.Flow, error) {
				if f, ok := subflows[sid]; ok {
					return f, nil
				}
				return nil, fmt.Errorf("no flow %s", sid)
			}
			f := testFlow(t, c.states...)
			validated := f
			if c.widget == "inner" {
				validated = subflows[subflowSID]
			}
			v := val.WithSubflows(func(sid string) error { _, err := find(sid); return err })
			diag, found := diagnosticAt(v.ValidateFlow(validated), c.widget, c.path)
			if !found {
				t.Fatalf("the validator does not report %s at %s; it reports:\n%s", c.widget, c.path, describeDiagnostics(v.ValidateFlow(validated)))
			}
			rt, _ := testRuntime(Config{Subflows: find})
			x, evs := start(t, rt, f, Trigger{Event: c.trigger, From: "+1555"}, StartOptions{Outcomes: c.outcomes})
			failsAt := c.widget
			if c.failsAt != "" {
				failsAt = c.failsAt
			}
			failedWith, ok := failedStep(evs, failsAt)
			if c.ends != "" {
				if x.Ended == nil || x.Ended.Kind != c.ends {
					t.Fatalf("the engine did not end %s; ended %+v", c.ends, x.Ended)
				}
				return
			}
			if !ok {
				t.Fatalf("the engine did not fail %s; steps %s, ended %+v", c.widget, path(x), x.Ended)
			}
			if c.sameWords && !strings.HasPrefix(diag.Message, failedWith) {
				t.Errorf("the validator says %q,\nthe engine %q", diag.Message, failedWith)
			}
		})
	}
	for _, w := range cat.Types() {
		for _, r := range w.Requirements() {
			if !covered[r.ID] {
				t.Errorf("requirement %s of %s has no case here", r.ID, w.Type)
			}
			if !slices.Contains(eventNames(w), r.Event) && r.Event != "" {
				t.Errorf("requirement %s fails with %q, which is not an event of %s", r.ID, r.Event, w.Type)
			}
		}
	}
	for _, reason := range otherReasons {
		if !covered[reason] {
			t.Errorf("reason %s has no case here", reason)
		}
	}
}

// What can run is not reported: Liquid the validator cannot render, a voice
// widget after an answered outgoing call or reached by a call, a message
// with media and no body, a conversation Virtual Agent.
func TestValidatorLeavesAloneWhatTheEngineRuns(t *testing.T) {
	_, val := testValidator(t)
	for name, tc := range map[string]struct {
		trigger string
		states  []string
	}{
		"body from Liquid": {TriggerMessage, []string{trigger("incomingMessage>w"), widget("w", "send-message", `{"body":"{{trigger.message.Body}}","from":"+1999","to":"+1555"}`, sent)}},
		"media, no body":   {TriggerMessage, []string{trigger("incomingMessage>w"), widget("w", "send-message", `{"body":"","media_url":"https://example.com/a.png","from":"+1999","to":"+1555"}`, sent)}},
		"say after answered": {TriggerRequest, []string{trigger("incomingRequest>call"), widget("call", "make-outgoing-call-v2", `{"to":"+1555","from":"+1999"}`, "answered>w,busy>"),
			widget("w", "say-play", `{"say":"Hi"}`, "audioComplete>")}},
		"say on a call":                 {TriggerCall, []string{trigger("incomingCall>w"), widget("w", "say-play", `{"say":"Hi"}`, "audioComplete>")}},
		"virtual agent in conversation": {TriggerConversation, []string{trigger("incomingConversationMessage>w"), widget("w", "connect-virtual-agent-v2", `{"channel":"conversations"}`, "completed>,failed>")}},
		"URL from Liquid":               {TriggerRequest, []string{trigger("incomingRequest>w"), widget("w", "make-http-request", `{"url":"{{flow.data.url}}","method":"GET"}`, "success>,failed>")}},
	} {
		t.Run(name, func(t *testing.T) {
			f := testFlow(t, tc.states...)
			for _, d := range val.ValidateFlow(f) {
				if d.Widget == "w" && d.Severity == schemas.Error || d.Rule == schemas.RuleRequirement || d.Rule == schemas.RuleEntry {
					t.Errorf("reported: %s %s %s", d.Severity, d.Path, d.Message)
				}
			}
			rt, _ := testRuntime(Config{})
			var opts StartOptions // the outgoing call answers; the request gets a reply
			if f.State("call") != nil {
				opts.Outcomes = map[string]Outcome{"call": {Event: "answered"}}
			}
			if f.State("w").Type() == "make-http-request" {
				opts.HTTP = map[string][]CannedResponse{"w": {{Body: "ok"}}}
			}
			_, evs, err := rt.Start(f, Trigger{Event: tc.trigger, From: "+1555", Body: "hello"}, opts)
			if err != nil {
				t.Fatal(err)
			}
			if detail, failed := failedStep(evs, "w"); failed {
				t.Errorf("the engine failed w: %s", detail)
			}
		})
	}
}

func diagnosticAt(diags []schemas.Diagnostic, widget, path string) (schemas.Diagnostic, bool) {
	for _, d := range diags {
		if d.Widget == widget && d.Path == path {
			return d, true
		}
	}
	return schemas.Diagnostic{}, false
}

func describeDiagnostics(diags []schemas.Diagnostic) string {
	var b strings.Builder
	for _, d := range diags {
		fmt.Fprintf(&b, "  %s %s %s %s: %s\n", d.Severity, d.Rule, d.Widget, d.Path, d.Message)
	}
	return b.String()
}

// failedStep finds where widget failed and says why: the error that ended
// the execution at it (such a widget has no step), or the step that left it
// on its failure event. Subflows' steps and endings are among evs.
func failedStep(evs []Event, widget string) (string, bool) {
	for _, e := range evs {
		switch {
		case e.Kind == EventEnd && e.Ending != nil && e.Ending.Kind == EndFailed && e.Ending.Widget == widget:
			reason := e.Ending.Reason
			if _, after, found := strings.Cut(reason, "): "); found {
				reason = after // "w (say-play): …"
			}
			return reason, true
		case e.Kind == EventStep && e.Step != nil && e.Step.TransitionedFrom == widget:
			switch e.Step.Name {
			case "failed", "fail", "deliveryFailure":
				if e.Step.Detail != "" {
					return e.Step.Detail, true
				}
			}
		}
	}
	return "", false
}

func eventNames(w schemas.WidgetType) []string {
	var out []string
	for _, e := range w.Events() {
		out = append(out, e.Name)
	}
	return out
}
