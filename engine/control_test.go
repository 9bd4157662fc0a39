package engine

import (
	"fmt"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/model"
)

func splitFlow(t *testing.T, input string, transitions string) string {
	return fmt.Sprintf(`{"name":"split","type":"split-based-on","properties":{"input":%q},"transitions":[%s]}`, input, transitions)
}

func cond(typ, value string) string {
	return fmt.Sprintf(`{"friendly_name":"If value %s %s","arguments":["{{trigger.message.Body}}"],"type":%q,"value":%q}`, typ, value, typ, value)
}

func TestSplitFirstMatchWinsAndConditionsAreANDed(t *testing.T) {
	transitions := strings.Join([]string{
		`{"event":"noMatch","next":"none"}`,
		`{"event":"match","next":"both","conditions":[` + cond("starts_with", "ye") + `,` + cond("contains", "s") + `]}`,
		`{"event":"match","next":"yish","conditions":[` + cond("starts_with", "y") + `]}`,
		`{"event":"match","next":"count","conditions":[` + cond("greater_than", "{{ 10 | times: 100 }}") + `]}`,
	}, ",")
	f := testFlow(t,
		trigger("incomingMessage>split"),
		splitFlow(t, "{{trigger.message.Body}}", transitions),
		widget("none", "set-variables", `{}`, "next>"),
		widget("both", "set-variables", `{}`, "next>"),
		widget("yish", "set-variables", `{}`, "next>"),
		widget("count", "set-variables", `{}`, "next>"),
	)
	tests := []struct{ body, want string }{
		{" YES ", "both"}, // both conditions of the first match
		{"yeah", "yish"},  // "ye" but no "s": the AND fails, the next match wins
		{"Yes", "both"},   // the first of two matching transitions
		{"900", "none"},   // 900 > 1000 is false (the limit comes from Liquid on the value side)
		{"1200", "count"},
		{"no", "none"},
	}
	for _, tt := range tests {
		rt, _ := testRuntime(Config{})
		x, _ := start(t, rt, f, Trigger{Event: TriggerMessage, Body: tt.body}, StartOptions{})
		got := x.Steps[1].TransitionedTo
		if got != tt.want {
			t.Errorf("body %q went to %s, want %s", tt.body, got, tt.want)
		}
		if x.Steps[1].Name != map[bool]string{true: "noMatch", false: "match"}[tt.want == "none"] {
			t.Errorf("body %q: step name %s", tt.body, x.Steps[1].Name)
		}
	}
}

func TestSplitWithoutArgumentsUsesInput(t *testing.T) {
	transitions := `{"event":"noMatch"},{"event":"match","next":"hit","conditions":[{"type":"regex","value":"[1-5]"}]}`
	f := testFlow(t, trigger("incomingMessage>split"), splitFlow(t, "{{trigger.message.Body}}", transitions), widget("hit", "set-variables", "", "next>"))
	for body, want := range map[string]string{"3": "hit", "6": "Ended", "35": "Ended"} {
		rt, _ := testRuntime(Config{})
		x, _ := start(t, rt, f, Trigger{Event: TriggerMessage, Body: body}, StartOptions{})
		if got := x.Steps[1].TransitionedTo; got != want {
			t.Errorf("%q: went to %s, want %s", body, got, want)
		}
	}
}

func TestSplitBadConditionFailsReadably(t *testing.T) {
	transitions := `{"event":"noMatch"},{"event":"match","next":"x","conditions":[{"friendly_name":"odd","arguments":["a"],"type":"regex","value":"(oops"}]}`
	f := testFlow(t, trigger("incomingMessage>split"), splitFlow(t, "a", transitions))
	rt, _ := testRuntime(Config{})
	x, _ := start(t, rt, f, Trigger{Event: TriggerMessage}, StartOptions{})
	wantEnded(t, x, EndFailed, `split (split-based-on): condition "odd": regex "(oops"`)
}

func TestSetVariablesCounterIdiom(t *testing.T) {
	// Studio's own counter, with hyphens so that only the number is left.
	counter := `{%- if flow.variables.count -%}\n {{flow.variables.count | plus: 1}}\n{%- else -%}\n 1\n{%- endif -%}`
	f := testFlow(t,
		trigger("incomingRequest>count"),
		widget("count", "set-variables", `{"variables":[{"index":"0","key":"count","value":"`+counter+`"},{"key":"label","value":"n={{flow.variables.count}}"},{"key":"obj","type":"json","value":"{\"a\": [1, 2]}"}]}`, "next>split"),
		splitFlow(t, "{{flow.variables.count}}", `{"event":"noMatch","next":"count"},{"event":"match","conditions":[{"type":"equal_to","arguments":["{{flow.variables.count}}"],"value":"3"}]}`),
	)
	rt, _ := testRuntime(Config{})
	x, _ := start(t, rt, f, Trigger{Event: TriggerRequest}, StartOptions{})
	wantEnded(t, x, EndCompleted, "ended at split on match")
	vars := x.Variables()
	// label renders with count as it was when the widget was entered:
	// "Variables get set at the end of a Step".
	if vars["count"] != int64(3) || vars["label"] != "n=2" {
		t.Fatalf("variables = %#v", vars)
	}
	if a, _ := lookup(vars, "obj", "a").([]any); len(a) != 2 {
		t.Fatalf("json variable = %#v", vars["obj"])
	}
}

func TestSubflow(t *testing.T) {
	child := testFlow(t,
		trigger("incomingParent>ask"),
		widget("ask", "gather-input-on-call", `{"say":"Hi {{trigger.parent.parameters.name}}, caller {{trigger.call.From}}"}`, "keypress>save"),
		widget("save", "set-variables", `{"variables":[{"key":"choice","value":"{{widgets.ask.Digits}}"},{"key":"from_parent","value":"{{trigger.parent.execution_sid}}"}]}`, "next>"),
	)
	parent := testFlow(t,
		trigger("incomingCall>sub"),
		widget("sub", "run-subflow", `{"flow_sid":"FW00000000000000000000000000000001","flow_revision":"LatestPublished","parameters":[{"key":"name","value":"{{trigger.call.From}}!"}]}`, "completed>after,failed>"),
		widget("after", "say-play", `{"say":"You chose {{widgets.sub.choice}}"}`, "audioComplete>"),
	)
	resolver := func(sid string) (*model.Flow, error) {
		if sid == "FW00000000000000000000000000000001" {
			return child, nil
		}
		return nil, fmt.Errorf("no flow %s", sid)
	}
	rt, _ := testRuntime(Config{Subflows: resolver})
	x, _ := start(t, rt, parent, Trigger{Event: TriggerCall, From: "+1999"}, StartOptions{})
	if x.Waiting == nil || x.At() != "ask" {
		t.Fatalf("parent should wait in the subflow's gather: %+v at %q", x.Waiting, x.At())
	}
	if x.Transcript[0].Text != "Hi +1999!, caller +1999" {
		t.Fatalf("subflow prompt = %q", x.Transcript[0].Text)
	}
	resume(t, rt, x, Input{Kind: InputPress, Text: "2"})
	wantEnded(t, x, EndCompleted, "ended at after")
	if widgetOutput(x, "sub", "choice") != int64(2) || widgetOutput(x, "sub", "from_parent") != x.SID {
		t.Fatalf("widgets.sub = %v", widgetOutput(x, "sub"))
	}
	if x.Transcript[len(x.Transcript)-1].Text != "You chose 2" {
		t.Fatalf("transcript = %+v", x.Transcript)
	}
	var subStep *Step
	for _, s := range x.Steps {
		if s.TransitionedFrom == "sub" {
			subStep = s
		}
	}
	nested := 0
	for _, s := range x.Steps {
		if s.ParentStepSID != nil {
			nested++
			if *s.ParentStepSID != subStep.SID {
				t.Errorf("subflow step %s names parent %s, want %s", s.TransitionedFrom, *s.ParentStepSID, subStep.SID)
			}
		}
	}
	if nested != 3 { // Trigger, ask, save
		t.Fatalf("%d subflow steps, want 3: %s", nested, path(x))
	}

	missing := testFlow(t, trigger("incomingCall>sub"), widget("sub", "run-subflow", `{"flow_sid":"FW404"}`, "completed>,failed>"))
	x, _ = start(t, rt, missing, Trigger{Event: TriggerCall}, StartOptions{})
	if x.Steps[1].Name != "failed" || !strings.Contains(x.Steps[1].Detail, "FW404") {
		t.Fatalf("missing subflow: %s / %q", path(x), x.Steps[1].Detail)
	}
}

// Set Variables keeps what the template renders. Studio's tip: without
// hyphens the counter leaves blank lines, "which would cause the integer to
// be treated as a string"; a value that is exactly a number is a number.
func TestSetVariablesKeepsWhatTheTemplateRenders(t *testing.T) {
	tests := []struct {
		name, value string
		want        any
	}{
		{"a whole number", "42", int64(42)},
		{"a negative number", "-7", int64(-7)},
		{"a decimal", "2.5", 2.5},
		{"a counter tag with hyphens", `{%- if flow.variables.none -%}\n 9\n{%- else -%}\n 1\n{%- endif -%}`, int64(1)},
		{"a counter tag without hyphens keeps its blank lines and is text", `{% if flow.variables.none %}\n9\n{% else %}\n1\n{% endif %}`, "\n1\n"},
		{"a number with a space around it is text", " 42", " 42"},
		{"a quoted number is text, quotes and all", `\"42\"`, `"42"`},
		{"a leading zero is text", "007", "007"},
		{"a phone number is text", "+15551234567", "+15551234567"},
		{"a decimal ending in zero prints differently, so it is text", "1.50", "1.50"},
		{"an exponent is text", "1e3", "1e3"},
		{"words are text, spaces kept", "  two words  ", "  two words  "},
		{"nothing is the empty text", "{{flow.variables.none}}", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := testFlow(t,
				trigger("incomingRequest>set"),
				widget("set", "set-variables", `{"variables":[{"key":"v","value":"`+tt.value+`"}]}`, "next>"),
			)
			rt, _ := testRuntime(Config{})
			x, _ := start(t, rt, f, Trigger{Event: TriggerRequest}, StartOptions{})
			wantEnded(t, x, EndCompleted, "ended at set")
			if got := x.Variables()["v"]; got != tt.want {
				t.Fatalf("flow.variables.v = %#v, want %#v", got, tt.want)
			}
		})
	}
}

// The same counter without hyphens, as Studio's tip warns: it still counts
// (Liquid's plus reads the number inside the blank lines), but the variable
// keeps the blank lines and is text, not an integer.
func TestSetVariablesCounterWithoutHyphensIsText(t *testing.T) {
	counter := `{% if flow.variables.count %}\n {{flow.variables.count | plus: 1}}\n{% else %}\n 1\n{% endif %}`
	f := testFlow(t,
		trigger("incomingRequest>count"),
		widget("count", "set-variables", `{"variables":[{"key":"count","value":"`+counter+`"}]}`, "next>split"),
		splitFlow(t, "{{flow.variables.count}}", `{"event":"noMatch","next":"count"},{"event":"match","conditions":[{"type":"equal_to","arguments":["{{flow.variables.count}}"],"value":"3"}]}`),
	)
	rt, _ := testRuntime(Config{})
	x, _ := start(t, rt, f, Trigger{Event: TriggerRequest}, StartOptions{})
	wantEnded(t, x, EndCompleted, "ended at split on match")
	if got := x.Variables()["count"]; got != "\n 3\n" {
		t.Fatalf("count = %#v, want the text \"\\n 3\\n\"", got)
	}
}

// The pairs of one Set Variables widget do not see each other: each renders
// with the variables as they were when the widget was entered, and the last
// pair of a key wins.
func TestSetVariablesPairsSeeTheVariablesOfBeforeTheStep(t *testing.T) {
	f := testFlow(t,
		trigger("incomingRequest>first"),
		widget("first", "set-variables", `{"variables":[{"key":"a","value":"1"},{"key":"b","value":"[{{flow.variables.a}}]"}]}`, "next>second"),
		widget("second", "set-variables", `{"variables":[{"key":"a","value":"{{flow.variables.a | plus: 1}}"},{"key":"c","value":"a={{flow.variables.a}}"},{"key":"a","value":"9"}]}`, "next>"),
	)
	rt, _ := testRuntime(Config{})
	x, _ := start(t, rt, f, Trigger{Event: TriggerRequest}, StartOptions{})
	vars := x.Variables()
	if vars["b"] != "[]" || vars["c"] != "a=1" || vars["a"] != int64(9) {
		t.Fatalf("variables = %#v, want b=[] (a was not set yet), c=a=1 and a=9", vars)
	}
}
