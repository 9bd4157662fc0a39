package engine

import (
	"encoding/json"
	"strings"
	"testing"
)

// A parsed response keeps the order of its members, as in Studio (Ruby
// hashes keep insertion order): a loop over it and printing it follow the
// response, not Go's map order or sorted keys, and a waiting execution
// keeps that order across a snapshot and restore.
func orderFlow(t *testing.T) string {
	t.Helper()
	return flowText(t, testFlow(t,
		trigger("incomingMessage>http"),
		widget("http", "make-http-request", `{"method":"GET","url":"https://example.invalid/x"}`, "success>show,failed>"),
		widget("show", "set-variables", `{"variables":[`+
			`{"key":"keys","value":"{% for p in widgets.http.parsed %}{{p[0]}} {% endfor %}"},`+
			`{"key":"printed","value":"{{widgets.http.parsed}}"},`+
			`{"key":"json","value":"{\"b\":1,\"a\":{\"y\":2,\"x\":3}}","type":"json"}]}`, "next>ask"),
		widget("ask", "send-and-wait-for-reply", `{"body":"Again?"}`, "incomingMessage>again,timeout>"),
		widget("again", "set-variables", `{"variables":[`+
			`{"key":"keys_after","value":"{% for p in widgets.http.parsed %}{{p[0]}} {% endfor %}"},`+
			`{"key":"json_after","value":"{% for p in flow.variables.json.a %}{{p[0]}}{% endfor %}{{flow.variables.json | to_json}}"}]}`, "next>"),
	))
}

func TestParsedResponseKeepsItsMemberOrder(t *testing.T) {
	f, err := parseFlowText(orderFlow(t))
	if err != nil {
		t.Fatal(err)
	}
	opts := StartOptions{HTTP: map[string][]CannedResponse{
		"http": {{Status: 200, ContentType: "application/json", Body: `{"zeta":1,"alpha":2,"mid":3}`}},
	}}
	check := func(t *testing.T, rt *Runtime, x *Execution) {
		t.Helper()
		resume(t, rt, x, Input{Kind: InputMessage, Text: "yes"})
		wantEnded(t, x, EndCompleted, "")
		vars := x.Variables()
		want := map[string]string{
			"keys":       "zeta alpha mid ",
			"printed":    `{"zeta"=>1, "alpha"=>2, "mid"=>3}`,
			"keys_after": "zeta alpha mid ",
			"json_after": `yx{"b":1,"a":{"y":2,"x":3}}`,
		}
		for k, w := range want {
			if got := text(vars[k]); got != w {
				t.Errorf("%s = %q, want %q", k, got, w)
			}
		}
		if got := text(widgetOutput(x, "http", "parsed")); got != `{"zeta":1,"alpha":2,"mid":3}` {
			t.Errorf("parsed as JSON = %s", got)
		}
	}
	t.Run("uninterrupted", func(t *testing.T) {
		rt, _ := testRuntime(Config{})
		x, _ := start(t, rt, f, Trigger{Event: TriggerMessage}, opts)
		check(t, rt, x)
	})
	t.Run("snapshot and restore while waiting", func(t *testing.T) {
		rt, _ := testRuntime(Config{})
		x, _ := start(t, rt, f, Trigger{Event: TriggerMessage}, opts)
		if x.Waiting == nil {
			t.Fatalf("not waiting: %s", path(x))
		}
		snap, err := x.Snapshot()
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(snap), `"zeta"`) {
			t.Fatalf("snapshot lacks the response: %s", snap)
		}
		rt2, _ := testRuntime(Config{})
		restored, err := rt2.Restore(f, snap)
		if err != nil {
			t.Fatal(err)
		}
		check(t, rt2, restored)
	})
}

// Run Function merges each response into what earlier runs left: a member
// already there keeps its place, a new one goes last.
func TestRunFunctionMergeKeepsMemberOrder(t *testing.T) {
	g := testFlow(t,
		trigger("incomingMessage>fn"),
		widget("fn", "run-function", `{"url":"https://example.invalid/fn"}`, "success>count,fail>"),
		widget("count", "set-variables", `{"variables":[{"key":"n","value":"{{flow.variables.n | plus: 1}}"},{"key":"k","value":"{% for p in widgets.fn.parsed %}{{p[0]}}={{p[1]}} {% endfor %}"}]}`, "next>split"),
		splitFlow(t, "{{flow.variables.n}}", `{"event":"noMatch"},{"event":"match","next":"fn","conditions":[{"type":"less_than","arguments":["{{flow.variables.n}}"],"value":"2"}]}`),
	)
	rt, _ := testRuntime(Config{})
	x, _ := start(t, rt, g, Trigger{Event: TriggerMessage}, StartOptions{HTTP: map[string][]CannedResponse{
		"fn": {{Status: 200, ContentType: "application/json", Body: `{"z":1,"b":2}`}, {Status: 200, ContentType: "application/json", Body: `{"c":3,"b":4}`}},
	}})
	if got := text(x.Variables()["k"]); got != "z=1 b=4 c=3 " {
		t.Fatalf("k after the merge = %q (%s)", got, path(x))
	}
}

// A context written as JSON and read back with DecodeContext keeps the
// order of what came from outside; the engine's own maps read back as maps.
func TestDecodeContextKeepsMemberOrder(t *testing.T) {
	parsed, err := decodeJSON(`{"zeta":1,"alpha":{"y":2,"x":3},"mid":[{"b":1,"a":2}],"sorted":{"a":1,"b":2}}`)
	if err != nil {
		t.Fatal(err)
	}
	ctx := map[string]any{"widgets": map[string]any{"http": map[string]any{"parsed": parsed, "status_code": int64(200)}}}
	data, err := json.Marshal(ctx)
	if err != nil {
		t.Fatal(err)
	}
	back, err := DecodeContext(data)
	if err != nil {
		t.Fatal(err)
	}
	again, err := json.Marshal(back)
	if err != nil {
		t.Fatal(err)
	}
	if string(again) != string(data) {
		t.Errorf("read back and written again:\n%s\nwant\n%s", again, data)
	}
	if _, isMap := lookup(back, "widgets", "http").(map[string]any); !isMap {
		t.Errorf("the engine's map came back as %T", lookup(back, "widgets", "http"))
	}
	if keys, _ := Keys(lookup(back, "widgets", "http", "parsed")); strings.Join(keys, " ") != "zeta alpha mid sorted" {
		t.Errorf("parsed keys = %v", keys)
	}
	if _, err := DecodeContext([]byte(`[1]`)); err == nil {
		t.Error("a list read as a context")
	}
}
