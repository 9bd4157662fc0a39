package engine

import (
	"strings"
	"testing"
)

// Parameters read from JSON keep whole numbers whole: they print as they
// were written, take plus as integers and compare equal to their text in a
// split (encoding/json's float64 printed 5 as "5.0").
func TestParametersKeepWholeNumbers(t *testing.T) {
	params, err := ParseParameters(`{"n": 5, "ratio": 2.50, "nested": {"count": 3}}`)
	if err != nil {
		t.Fatal(err)
	}
	// Numbers as the engine and a saved scenario's YAML take them, not
	// json.Number (which the YAML writer would quote).
	if params["n"] != int64(5) || params["ratio"] != 2.5 || lookup(params, "nested", "count") != int64(3) {
		t.Fatalf("parameters = %#v", params)
	}
	f := testFlow(t,
		trigger("incomingRequest>split"),
		`{"name":"split","type":"split-based-on","properties":{"input":"{{flow.data.n}}"},"transitions":[{"event":"noMatch","next":"no"},
			{"event":"match","next":"yes","conditions":[{"friendly_name":"5","arguments":["{{flow.data.n}}"],"type":"equal_to","value":"5"}]}]}`,
		widget("yes", "set-variables", `{"variables":[{"key":"text","value":"n={{flow.data.n}} next={{flow.data.n | plus: 1}} ratio={{flow.data.ratio}} count={{flow.data.nested.count}}"}]}`, "next>"),
		widget("no", "set-variables", `{"variables":[{"key":"text","value":"no match"}]}`, "next>"),
	)
	rt, _ := testRuntime(Config{})
	x, _ := start(t, rt, f, Trigger{Event: TriggerRequest, To: "+1555", Parameters: params}, StartOptions{})
	want := "n=5 next=6 ratio=2.5 count=3"
	if got := lookup(x.Context(), "flow", "variables", "text"); got != want {
		t.Fatalf("flow.variables.text = %v, want %q (path %s)", got, want, path(x))
	}
}

func TestParseParametersRefusesWhatIsNotAnObject(t *testing.T) {
	for text, want := range map[string]string{
		``:           "the text is empty",
		`null`:       "null is not an object",
		`[1,2]`:      "a JSON array, not an object",
		`"name"`:     "a JSON string, not an object",
		`{"a":1} {}`: "more text follows the object",
		`{"a":}`:     "not JSON",
	} {
		if _, err := ParseParameters(text); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseParameters(%q) = %v, want %q", text, err, want)
		}
	}
}

// A whole number too big for an int64 stays exact, as its text: a float64
// rounded 12345678901234567890 and printed it as 1.2345678901234567e+19, so
// a split comparing an ID took the wrong branch. Scenario files' data give
// Parameters through ParameterValues too.
func TestParametersKeepBigWholeNumbersExact(t *testing.T) {
	params, err := ParseParameters(`{"id": 12345678901234567890, "neg": -9223372036854775809, "max": 9223372036854775807, "e": 1e3, "huge": 1e400, "list": [18446744073709551616]}`)
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]any{"id": "12345678901234567890", "neg": "-9223372036854775809", "max": int64(9223372036854775807), "e": 1000.0, "huge": "1e400"} {
		if params[k] != want {
			t.Errorf("%s = %#v, want %#v", k, params[k], want)
		}
	}
	if l, _ := params["list"].([]any); len(l) != 1 || l[0] != "18446744073709551616" {
		t.Errorf("list = %#v", params["list"])
	}
	f := testFlow(t,
		trigger("incomingRequest>split"),
		`{"name":"split","type":"split-based-on","properties":{"input":"{{flow.data.id}}"},"transitions":[{"event":"noMatch","next":"no"},
			{"event":"match","next":"yes","conditions":[{"friendly_name":"id","arguments":["{{flow.data.id}}"],"type":"equal_to","value":"12345678901234567890"}]}]}`,
		widget("yes", "set-variables", `{"variables":[{"key":"text","value":"id={{flow.data.id}}"}]}`, "next>"),
		widget("no", "set-variables", `{"variables":[{"key":"text","value":"no match"}]}`, "next>"),
	)
	rt, _ := testRuntime(Config{})
	x, _ := start(t, rt, f, Trigger{Event: TriggerRequest, To: "+1555", Parameters: params}, StartOptions{})
	if got := lookup(x.Context(), "flow", "variables", "text"); got != "id=12345678901234567890" {
		t.Fatalf("flow.variables.text = %v (path %s)", got, path(x))
	}
}
