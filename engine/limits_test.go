package engine

import (
	"errors"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas/liquid"
)

func TestBadFlowsEndWithAReadableReason(t *testing.T) {
	tests := []struct {
		name   string
		states []string
		opts   StartOptions
		kind   string
		reason string
		steps  int
	}{
		{"dangling next", []string{
			trigger("incomingMessage>a"),
			widget("a", "send-message", `{"body":"hi"}`, "sent>SaveToAirtable"),
		}, StartOptions{}, EndFailed, `leads to "SaveToAirtable", which is not a widget`, 2},
		{"unknown widget type", []string{
			trigger("incomingMessage>a"),
			widget("a", "teleport-caller", `{}`, "beamed>"),
		}, StartOptions{}, EndFailed, `widget type "teleport-caller" is unknown`, 1},
		{"broken Liquid", []string{
			trigger("incomingMessage>a"),
			widget("a", "send-message", `{"body":"Hi\n{% if trigger.message.Body %}yes"}`, "sent>"),
		}, StartOptions{}, EndFailed, `a (send-message): property body: liquid template "Hi\n{% if trigger.message.Body %}yes", line 2: syntax error`, 1},
		{"Liquid loop over the cap", []string{
			trigger("incomingMessage>a"),
			widget("a", "set-variables", `{"variables":[{"key":"x","value":"{% for i in (1..20) %}{{i}}{% endfor %}"}]}`, "next>"),
		}, StartOptions{}, EndFailed, "15 iterations", 1},
		{"Liquid nested loops past the render budget", []string{
			trigger("incomingMessage>a"),
			widget("a", "send-message", `{"body":"`+strings.Repeat("{% for i in (1..15) %}", 8)+strings.Repeat("{% endfor %}", 8)+`"}`, "sent>"),
		}, StartOptions{}, EndFailed, "a (send-message): property body: liquid template", 1},
		{"Liquid value doubling past the memory budget", []string{
			trigger("incomingMessage>a"),
			widget("a", "set-variables", `{"variables":[{"key":"s","value":"{% assign s = 'ab' %}{% for i in (1..15) %}{% for j in (1..15) %}{% assign s = s | append: s %}{% endfor %}{% endfor %}"}]}`, "next>"),
		}, StartOptions{}, EndFailed, "1 MiB", 1},
		{"endless loop between two widgets", []string{
			trigger("incomingMessage>a"),
			widget("a", "set-variables", `{"variables":[{"key":"n","value":"{{flow.variables.n | plus: 1}}"}]}`, "next>b"),
			widget("b", "set-variables", `{}`, "next>a"),
		}, StartOptions{}, EndLimit, "at most 1000 steps", MaxSteps},
		{"same widget ten times in a row", []string{
			trigger("incomingMessage>a"),
			widget("a", "set-variables", `{}`, "next>a"),
		}, StartOptions{}, EndLimit, "same widget ran 10 times in a row", 11},
		{"unknown type with a chosen outcome runs", []string{
			trigger("incomingMessage>a"),
			widget("a", "teleport-caller", `{}`, "beamed>"),
		}, StartOptions{Outcomes: map[string]Outcome{"a": {Event: "beamed"}}}, EndCompleted, "ended at a on beamed", 2},
		{"initial state missing", []string{
			widget("Start", "trigger", `{}`, ""),
		}, StartOptions{}, EndFailed, `initial_state "Trigger"`, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rt, _ := testRuntime(Config{})
			x, _ := start(t, rt, testFlow(t, tt.states...), Trigger{Event: TriggerMessage}, tt.opts)
			wantEnded(t, x, tt.kind, tt.reason)
			if len(x.Steps) != tt.steps {
				t.Fatalf("%d steps, want %d", len(x.Steps), tt.steps)
			}
		})
	}
}

// A widget error is the execution's end reason, naming the widget; it is
// never a step under an event the widget's type does not have (send-message
// has a failed event, but its error did not take it).
func TestWidgetErrorIsTheEndReasonNotAMadeUpStep(t *testing.T) {
	rt, _ := testRuntime(Config{})
	f := testFlow(t, trigger("incomingMessage>a"), widget("a", "send-message", `{"body":"{{ 'x' | divided_by: 0 }}"}`, "sent>,failed>"))
	x, _ := start(t, rt, f, Trigger{Event: TriggerMessage}, StartOptions{})
	wantEnded(t, x, EndFailed, "a (send-message): property body")
	if x.Ended.Widget != "a" || !strings.Contains(x.Ended.Reason, "divided by 0") || !strings.Contains(x.Ended.Reason, "line 1") {
		t.Fatalf("ending = %+v", x.Ended)
	}
	for _, st := range x.Steps {
		if st.TransitionedFrom == "a" {
			t.Fatalf("the failing widget has a step: %+v", st)
		}
	}
	// The runtime keeps working after a bad flow.
	ok := testFlow(t, trigger("incomingMessage>a"), widget("a", "send-message", `{"body":"fine"}`, "sent>"))
	x, _ = start(t, rt, ok, Trigger{Event: TriggerMessage}, StartOptions{})
	wantEnded(t, x, EndCompleted, "ended at a on sent")
	var te *liquid.TemplateError
	if _, err := rt.Liquid().Render("{% if %}", nil); !errors.As(err, &te) {
		t.Fatalf("liquid error type = %T", err)
	}
}

func TestStepLimitIncludesSubflowSteps(t *testing.T) {
	child := testFlow(t,
		trigger("incomingParent>a"),
		widget("a", "set-variables", `{}`, "next>b"),
		widget("b", "set-variables", `{}`, "next>a"),
	)
	parent := testFlow(t, trigger("incomingMessage>sub"), widget("sub", "run-subflow", `{"flow_sid":"FWchild"}`, "completed>,failed>after"), widget("after", "set-variables", `{}`, "next>"))
	rt, _ := testRuntime(Config{Subflows: func(string) (*model.Flow, error) { return child, nil }})
	x, _ := start(t, rt, parent, Trigger{Event: TriggerMessage}, StartOptions{})
	wantEnded(t, x, EndLimit, "1000 steps")
	if len(x.Steps) != MaxSteps {
		t.Fatalf("%d steps, want %d", len(x.Steps), MaxSteps)
	}
}

func TestPanicInCallerCodeEndsOnlyThatExecution(t *testing.T) {
	parent := testFlow(t, trigger("incomingMessage>sub"), widget("sub", "run-subflow", `{"flow_sid":"FWboom"}`, "completed>,failed>"))
	rt, _ := testRuntime(Config{Subflows: func(string) (*model.Flow, error) { panic("resolver exploded") }})
	x, evs, err := rt.Start(parent, Trigger{Event: TriggerMessage}, StartOptions{})
	if err != nil {
		t.Fatal(err)
	}
	wantEnded(t, x, EndFailed, "internal error: resolver exploded")
	if evs[len(evs)-1].Kind != EventEnd {
		t.Fatalf("events = %+v", evs)
	}
}
