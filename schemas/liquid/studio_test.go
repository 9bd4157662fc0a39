package liquid

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// Studio-shaped templates for the behaviours builders hit (issue 18, items
// 1-9), with data shaped like the engine's context: parsed HTTP bodies,
// gather replies, flow variables. They run on a fresh clone.

func studioVars(t *testing.T, parsedJSON string) map[string]any {
	t.Helper()
	parsed, err := DecodeJSON([]byte(parsedJSON))
	if err != nil {
		t.Fatal(err)
	}
	return map[string]any{
		"widgets": map[string]any{
			"http": map[string]any{"parsed": parsed, "status_code": int64(200)},
			"menu": map[string]any{"Digits": "2", "SpeechResult": "  Yes Please "},
		},
		"flow": map[string]any{"variables": map[string]any{"count": int64(3), "reply": "1 ", "blank": "", "word": "two"}},
	}
}

func renderOK(t *testing.T, e *Engine, src string, vars map[string]any) string {
	t.Helper()
	out, err := e.Render(src, vars)
	if err != nil {
		t.Fatalf("Render(%q): %v", src, err)
	}
	return out
}

// Item 1: == empty and == blank take the reference's branch.
func TestStudioEmptyAndBlank(t *testing.T) {
	e := New(fixedNow)
	tests := []struct{ parsed, tpl, want string }{
		{`{"data": []}`, "{% if widgets.http.parsed.data == empty %}none{% else %}some{% endif %}", "none"},
		{`{"data": [1]}`, "{% if widgets.http.parsed.data == empty %}none{% else %}some{% endif %}", "some"},
		{`{"data": {}}`, "{% if widgets.http.parsed.data == empty %}none{% else %}some{% endif %}", "none"},
		{`{"data": ""}`, "{% if widgets.http.parsed.data == blank %}none{% else %}some{% endif %}", "none"},
		{`{"data": null}`, "{% if widgets.http.parsed.data == blank %}none{% else %}some{% endif %}", "none"},
		{`{}`, "{% if widgets.http.parsed.data == blank %}none{% else %}some{% endif %}", "none"},
		{`{}`, "{% if widgets.http.parsed.data == empty %}none{% else %}some{% endif %}", "some"},
		{`{"data": "x"}`, "{% if widgets.http.parsed.data != empty %}some{% endif %}", "some"},
		{`{"data": []}`, "{% unless widgets.http.parsed.data == blank %}some{% else %}none{% endunless %}", "none"},
	}
	for _, tt := range tests {
		if got := renderOK(t, e, tt.tpl, studioVars(t, tt.parsed)); got != tt.want {
			t.Errorf("%s with %s = %q, want %q", tt.tpl, tt.parsed, got, tt.want)
		}
	}
}

// Item 2: range bounds from variables, whatever their number type.
func TestStudioRangeFromVariables(t *testing.T) {
	e := New(fixedNow)
	vars := studioVars(t, `{"count": 3, "text": "2", "list": ["a", "b", "c", "d"]}`)
	for tpl, want := range map[string]string{
		"{{ widgets.http.parsed.list[flow.variables.count] }}":             "d", // an int64 index
		"{% if flow.variables.count == 3 %}three{% endif %}":               "three",
		"{{ widgets.http.status_code | minus: 100 }}":                      "100",
		"{% for i in (1..widgets.http.parsed.count) %}{{ i }}{% endfor %}": "123",
		"{% for i in (1..flow.variables.count) %}{{ i }}{% endfor %}":      "123", // an int64 from the engine
		"{% for i in (1..widgets.http.parsed.text) %}{{ i }}{% endfor %}":  "12",
		"{{ (1..flow.variables.count) | join: ',' }}":                      "1,2,3",
		"{% for i in (flow.variables.count..1) %}{{ i }}{% endfor %}":      "",
	} {
		if got := renderOK(t, e, tpl, vars); got != want {
			t.Errorf("%s = %q, want %q", tpl, got, want)
		}
	}
}

// Item 3: replies used as numbers read as Ruby reads them.
func TestStudioRepliesAsNumbers(t *testing.T) {
	e := New(fixedNow)
	vars := studioVars(t, `{}`)
	for tpl, want := range map[string]string{
		"{{ flow.variables.reply | minus: 1 }}":      "0",
		"{{ flow.variables.reply | plus: 1 }}":       "2",
		"{{ flow.variables.blank | divided_by: 2 }}": "0",
		"{{ flow.variables.word | divided_by: 2 }}":  "0",
		"{{ flow.variables.blank | modulo: 2 }}":     "0",
		"{{ flow.variables.word | round }}":          "0",
		"{{ flow.variables.blank | ceil }}":          "0",
		"{{ flow.variables.word | abs }}":            "0",
		"{{ '2.5' | times: 2 }}":                     "5.0",
		"{{ widgets.menu.Digits | plus: 1 }}":        "3",
	} {
		if got := renderOK(t, e, tpl, vars); got != want {
			t.Errorf("%s = %q, want %q", tpl, got, want)
		}
	}
	if _, err := e.Render("{{ 10 | divided_by: flow.variables.word }}", vars); err == nil || !strings.Contains(err.Error(), "divided by 0") {
		t.Errorf("dividing by a word: err = %v, want divided by 0", err)
	}
}

// Keyword arguments may come before positional ones, as in Ruby Liquid.
func TestStudioKeywordArgumentsInAnyOrder(t *testing.T) {
	e := New(fixedNow)
	for tpl, want := range map[string]string{
		`{{ false | default: allow_false: true, "bar" }}`:  "false",
		`{{ false | default: allow_false: false, "bar" }}`: "bar",
		`{{ nil | default: "bar", allow_false: true }}`:    "bar",
	} {
		if got := renderOK(t, e, tpl, nil); got != want {
			t.Errorf("%s = %q, want %q", tpl, got, want)
		}
	}
}

// Item 4: and/or group from the right, as in the reference.
func TestStudioAndOrGroupFromTheRight(t *testing.T) {
	e := New(fixedNow)
	vars := map[string]any{"a": false, "b": false, "c": true}
	// Left grouping would read (a and b) or c, which is true.
	if got := renderOK(t, e, "{% if a and b or c %}yes{% else %}no{% endif %}", vars); got != "no" {
		t.Errorf("a and b or c = %q, want no (a and (b or c))", got)
	}
	if got := renderOK(t, e, "{% if c or a and b %}yes{% else %}no{% endif %}", vars); got != "yes" {
		t.Errorf("c or a and b = %q, want yes", got)
	}
}

// Item 5: split on a space works as Ruby's does.
func TestStudioSplitOnSpace(t *testing.T) {
	e := New(fixedNow)
	vars := studioVars(t, `{}`)
	if got := renderOK(t, e, "{{ widgets.menu.SpeechResult | split: ' ' | first }}", vars); got != "Yes" {
		t.Errorf("first word = %q, want Yes", got)
	}
	if got := renderOK(t, e, "{{ widgets.menu.SpeechResult | split: ' ' | size }}", vars); got != "2" {
		t.Errorf("word count = %q, want 2", got)
	}
}

// Item 6: numbers print as Ruby prints them.
func TestStudioNumbers(t *testing.T) {
	e := New(fixedNow)
	vars := studioVars(t, `{"price": 20.0, "cost": 19.99, "n": 9.0, "big": 12345678901}`)
	for tpl, want := range map[string]string{
		"{{ widgets.http.parsed.price }}":                   "20.0",
		"{{ widgets.http.parsed.cost | times: 100 }}":       "1999.0",
		"{{ widgets.http.parsed.n | divided_by: 2 }}":       "4.5",
		"{{ 9 | divided_by: 2 }}":                           "4",
		"{{ widgets.http.parsed.cost | round: 1 }}":         "20.0",
		"{{ widgets.http.parsed.big | plus: 1 }}":           "12345678902",
		"{{ 0.1 | plus: 0.2 }}":                             "0.3",
		"{% assign x = widgets.http.parsed.price %}{{ x }}": "20.0",
	} {
		if got := renderOK(t, e, tpl, vars); got != want {
			t.Errorf("%s = %q, want %q", tpl, got, want)
		}
	}
}

// Item 7: objects iterate and print the same way every time: parsed JSON
// in document order, Go maps in key order; printed as Ruby prints a hash.
func TestStudioObjectsAreDeterministic(t *testing.T) {
	e := New(fixedNow)
	vars := studioVars(t, `{"zeta": 1, "alpha": {"b": 2.5, "a": null}, "mid": "m"}`)
	vars["flow"].(map[string]any)["data"] = map[string]any{"k3": 3, "k1": 1, "k2": 2, "k4": 4, "k5": 5, "k6": 6}
	loop := "{% for p in widgets.http.parsed %}{{ p[0] }}={{ p[1] }};{% endfor %}"
	mapLoop := "{% for p in flow.data %}{{ p[0] }}{% endfor %}"
	for i := 0; i < 30; i++ {
		if got := renderOK(t, e, loop, vars); got != `zeta=1;alpha={"b"=>2.5, "a"=>nil};mid=m;` {
			t.Fatalf("iteration %d: %q", i, got)
		}
		if got := renderOK(t, e, mapLoop, vars); got != "k1k2k3k4k5k6" {
			t.Fatalf("map iteration %d: %q", i, got)
		}
	}
	if got := renderOK(t, e, "{{ widgets.http.parsed.alpha }}", vars); got != `{"b"=>2.5, "a"=>nil}` {
		t.Errorf("printed object = %q", got)
	}
	if got := renderOK(t, e, "{{ widgets.http.parsed | to_json }}", vars); got != `{"zeta":1,"alpha":{"b":2.5,"a":null},"mid":"m"}` {
		t.Errorf("to_json = %q", got)
	}
}

// Item 8: a timestamp with an explicit offset keeps it, even when the
// offset is the host's own (it used to be read as Pacific wall-clock time).
func TestStudioDateWithTheHostsOwnOffset(t *testing.T) {
	e := New(fixedNow)
	pacific, _ := time.LoadLocation(StudioTimeZone)
	at := time.Date(2024, 7, 4, 12, 0, 0, 0, time.Local)
	for _, stamp := range []string{
		at.Format("2006-01-02T15:04:05-07:00"),
		at.Format("2006-01-02 15:04:05 -0700"),
		at.In(time.FixedZone("", 2*3600)).Format(time.RFC3339),
		at.UTC().Format(time.RFC3339),
	} {
		want := at.In(pacific).Format("2006-01-02 15:04")
		got := renderOK(t, e, "{{ t | date: '%Y-%m-%d %H:%M' }}", map[string]any{"t": stamp})
		if got != want {
			t.Errorf("date of %q = %q, want %q (Pacific)", stamp, got, want)
		}
	}
	// Without a zone, Studio reads Pacific wall-clock time.
	if got := renderOK(t, e, "{{ '2024-01-15 09:00' | date: '%H:%M %z' }}", nil); got != "09:00 -0800" {
		t.Errorf("zone-less date = %q", got)
	}
}

type explodingValue struct{ v any }

func (x explodingValue) ToLiquid() any { panic(x.v) }

// Item 9: a panic inside the library becomes a clear error, never a stack
// trace in the message the builder reads.
func TestStudioLibraryPanicIsAClearError(t *testing.T) {
	e := New(fixedNow)
	for _, v := range []any{"boom", errors.New("kaboom")} {
		_, err := e.Render("Hi {{ widgets.bad.value | upcase }}", map[string]any{"widgets": map[string]any{"bad": map[string]any{"value": explodingValue{v}}}})
		var te *TemplateError
		if !errors.As(err, &te) {
			t.Fatalf("err = %v, want a TemplateError", err)
		}
		msg := err.Error()
		if !strings.Contains(msg, "widgets.bad.value") || strings.Contains(msg, "goroutine") || strings.Contains(msg, ".go:") || strings.Contains(msg, "stacktrace") || strings.Contains(msg, "\n") {
			t.Errorf("message %q should name the expression and carry no stack trace", msg)
		}
	}
}

// The engine's context is Go maps and lists with int64 numbers; the
// library reads them as Liquid values without the whole context being
// converted for each render.
func TestStudioContextValuesFromGo(t *testing.T) {
	e := New(fixedNow)
	vars := map[string]any{"m": map[string]any{"l": []any{int64(1), int64(2)}, "i": int64(-1), "n": map[string]any{"z": true, "a": nil}}}
	for tpl, want := range map[string]string{
		"{{ m.l[m.i] }}":                        "2",
		"{{ m.l.first }}{{ m.l.last }}":         "12",
		"{{ m.l.size }}/{{ m.size }}":           "2/3",
		"{% for x in m.l %}{{ x }}{% endfor %}": "12",
		"{{ m }}":                               `{"i"=>-1, "l"=>[1, 2], "n"=>{"a"=>nil, "z"=>true}}`,
		"{{ m.l | join: '-' }}":                 "1-2",
		"{% assign k = m.n %}{{ k.z }}":         "true",
		"{% if m.l contains 2 %}yes{% endif %}": "yes",
		"{{ m['l'][0] | plus: 1 }}":             "2",
	} {
		if got := renderOK(t, e, tpl, vars); got != want {
			t.Errorf("%s = %q, want %q", tpl, got, want)
		}
	}
}

// to_json writes JSON as Ruby does: floats keep ".0", HTML characters and
// non-ASCII text stay as they are, objects keep their order.
func TestStudioToJSON(t *testing.T) {
	e := New(fixedNow)
	vars := studioVars(t, `{"price": 20.0, "note": "<b>Café & \"tea\"</b>\n", "list": [1, 2.5, null, true], "z": {"b": 1, "a": 2}}`)
	got := renderOK(t, e, "{{ widgets.http.parsed | to_json }}", vars)
	want := `{"price":20.0,"note":"<b>Café & \"tea\"</b>\n","list":[1,2.5,null,true],"z":{"b":1,"a":2}}`
	if got != want {
		t.Errorf("to_json = %s\nwant      %s", got, want)
	}
	if got := renderOK(t, e, "{{ flow.variables | to_json }}", vars); got != `{"blank":"","count":3,"reply":"1 ","word":"two"}` {
		t.Errorf("to_json of a Go map = %s", got)
	}
}
