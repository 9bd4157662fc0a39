package engine

import (
	"encoding/json"
	"math/big"
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
		`{"a":1} {}`: "line 1, column 9: unexpected '{' after the end of the JSON document",
		`{"a":}`:     "not JSON",
	} {
		if _, err := ParseParameters(text); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseParameters(%q) = %v, want %q", text, err, want)
		}
	}
}

// An integer too big for 64 bits keeps its value from Parameters to the
// context and the text rendered (a float64 made 12345678901234567890 into
// 12345678901234567000, printed "1.2345678901234567e+19"), and so do one in
// an HTTP response and one a Set Variables stores; floats print as Liquid
// prints them. All of it survives a snapshot and a restore.
func TestParametersKeepIntegersOfAnySize(t *testing.T) {
	const bigText = "12345678901234567890"
	params, err := ParseParameters(`{"a": ` + bigText + `, "neg": [-98765432109876543210], "f": 1e21, "g": 20.0, "n": 5}`)
	if err != nil {
		t.Fatal(err)
	}
	if b, ok := params["a"].(*big.Int); !ok || b.String() != bigText {
		t.Fatalf("a = %#v, want the *big.Int %s", params["a"], bigText)
	}
	if params["n"] != int64(5) || params["f"] != 1e21 || params["g"] != 20.0 {
		t.Fatalf("parameters = %#v", params)
	}
	f := testFlow(t,
		trigger("incomingRequest>http"),
		widget("http", "make-http-request", `{"method":"GET","url":"https://example.com/id"}`, "success>set,failed>"),
		widget("set", "set-variables", `{"variables":[{"key":"next","value":"{{flow.data.a | plus: 1}}"}]}`, "next>ask"),
		widget("ask", "send-and-wait-for-reply", `{"from":"+1555","body":"{{flow.data.a}} {{flow.variables.next}} {{widgets.http.parsed.id | minus: 1}} {{flow.data.neg[0]}} {{flow.data.f}} {{flow.data.g}}"}`,
			"incomingMessage>bye,timeout>,deliveryFailure>"),
		widget("bye", "send-message", `{"from":"+1555","to":"+1666","body":"{{flow.variables.next | minus: flow.data.a}} {{widgets.http.parsed.id}}"}`, "sent>,failed>"),
	)
	opts := StartOptions{HTTP: map[string][]CannedResponse{"http": {{Status: 200, ContentType: "application/json", Body: `{"id":98765432109876543210}`}}}}
	rt, _ := testRuntime(Config{})
	x, _ := start(t, rt, f, Trigger{Event: TriggerRequest, To: "+1666", Parameters: params}, opts)
	want := bigText + " 12345678901234567891 98765432109876543209 -98765432109876543210 1.0e+21 20.0"
	if got := x.Transcript[len(x.Transcript)-1].Text; got != want {
		t.Fatalf("sent %q, want %q (path %s)", got, want, path(x))
	}
	if next, ok := lookup(x.Context(), "flow", "variables", "next").(*big.Int); !ok || next.String() != "12345678901234567891" {
		t.Errorf("Set Variables stored %#v, want the number 12345678901234567891", lookup(x.Context(), "flow", "variables", "next"))
	}
	ctx, err := json.Marshal(x.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"a":` + bigText, `"next":12345678901234567891`, `"id":98765432109876543210`} {
		if !strings.Contains(string(ctx), want) {
			t.Errorf("the context as JSON lacks %s: %s", want, ctx)
		}
	}
	snap, err := x.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	rt2, _ := testRuntime(Config{})
	restored, err := rt2.Restore(f, snap)
	if err != nil {
		t.Fatal(err)
	}
	resume(t, rt2, restored, Input{Kind: InputMessage, Text: "ok"})
	if got := restored.Transcript[len(restored.Transcript)-1].Text; got != "1 98765432109876543210" {
		t.Errorf("after the restore sent %q", got)
	}
	back, err := DecodeContext(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if b, ok := lookup(back, "flow", "data", "a").(*big.Int); !ok || b.String() != bigText {
		t.Errorf("DecodeContext read flow.data.a as %#v", lookup(back, "flow", "data", "a"))
	}
}

// Parameters giving a key twice are refused, the key and both places named
// (which value Studio keeps would be a guess), in nested objects too; so
// is a number the engine cannot hold, with its key.
func TestParseParametersRefusesDuplicateKeysAndNumbersItCannotHold(t *testing.T) {
	for text, want := range map[string]string{
		`{"a":1,"a":2}`:                                      `line 1, column 8: member "a" appears twice in this object (first at line 1, column 2)`,
		"{\"a\": {\"b\": 1,\n  \"b\": 2}}":                   `line 2, column 3: member "b" appears twice in this object (first at line 1, column 8)`,
		`{"list":[{"k":1,"k":1}]}`:                           `member "k" appears twice`,
		`{"a":{"b":[1,1` + strings.Repeat("0", 1000) + `]}}`: "the integer at a.b[1] has 1001 digits; Studioflow reads integers of up to 1000",
		`{"x":1e400}`:                                        "the number 1e400 at x is out of range",
	} {
		_, err := ParseParameters(text)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseParameters(%.60q) = %v, want %q", text, err, want)
		}
		if err != nil && strings.Contains(want, "appears twice") && strings.HasPrefix(err.Error(), "not JSON") {
			t.Errorf("a key given twice is valid JSON, not %q", err)
		}
	}
	// The largest integer the engine holds is read.
	if _, err := ParseParameters(`{"a":-` + strings.Repeat("9", 1000) + `}`); err != nil {
		t.Errorf("1000 digits: %v", err)
	}
}
