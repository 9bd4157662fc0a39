package scenario

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"unicode/utf8"
)

// trickyTexts are texts YAML is apt to change on the way back: block
// scalars drop a leading newline, plain scalars read "yes", "null" and "1"
// as other types and cut at ": " and " #", white space at either end goes.
var trickyTexts = []string{
	"", "\nhello", "\n\nWelcome\n", "hello\n", "hello\n\n", " lead", "trail ", "\ttab", "tab\t",
	"a\tb", "two\nlines", "\r\nwindows\r\n", "a\rb", "yes", "no", "on", "null", "~", "1", "0x1F",
	"1e3", "true", "key: value", "a # not a comment", "#start", "- item", "[x]", "{x}", "'q'",
	`"dq"`, `back\slash`, "*alias", "&anchor", "!tag", "%", "@", "`", "|", ">", "---", "...",
	"héllo wörld", "日本語", "emoji 😀", "\u00a0nbsp", "line\u2028sep", "next\u0085line", "\x00nul", "\x7fdel",
	"\ufeffbom",
}

// textScenario sets s in every text field a scenario file writes: the
// scenario's from, to, body, data, outcome outputs and canned answers, the
// step's press, say and reply, and each kind of matcher (equals, contains,
// regex) under every expectation that takes one, variables and context too.
func textScenario(s string) *Scenario {
	sc := &Scenario{
		Name: "text", Body: s, From: s, To: s,
		HTTP:     map[string]CannedList{"w": {{Status: 200, Body: s}, {Error: s}}},
		Data:     map[string]any{"d": s},
		Outcomes: map[string]OutcomeSpec{"o": {Event: "success", Outputs: map[string]any{"out": s}}},
		Steps:    []Step{{Press: ptr(s)}, {Say: ptr(s)}, {Reply: ptr(s)}},
	}
	for _, m := range []func() *Matcher{
		func() *Matcher { return &Matcher{Equals: ptr(s)} },
		func() *Matcher { return &Matcher{Contains: ptr(s)} },
		func() *Matcher { return &Matcher{Regex: ptr(regexp.QuoteMeta(s))} },
	} {
		sc.Steps = append(sc.Steps, Step{Expect: &Expect{
			Say: m(), Play: m(), Digits: m(), SMS: m(), Dial: m(), Reason: m(),
			Variables: map[string]Matcher{"v": *m()}, Context: map[string]Matcher{"c": *m()},
		}})
	}
	return sc
}

// texts lists every text of a scenario textScenario built, in one order.
func texts(sc *Scenario) []string {
	var out []string
	str := func(p *string) string {
		if p == nil {
			return "<unset>"
		}
		return *p
	}
	matcher := func(m *Matcher) string {
		if m == nil {
			return "<no matcher>"
		}
		return "equals=" + str(m.Equals) + " contains=" + str(m.Contains) + " regex=" + str(m.Regex)
	}
	out = append(out, sc.Body, sc.From, sc.To, fmt.Sprint(sc.Data["d"]), fmt.Sprint(sc.Outcomes["o"].Outputs["out"]))
	for _, c := range sc.HTTP["w"] {
		out = append(out, c.Body, c.Error)
	}
	for _, st := range sc.Steps {
		out = append(out, str(st.Press), str(st.Say), str(st.Reply))
		if e := st.Expect; e != nil {
			v, c := e.Variables["v"], e.Context["c"]
			for _, m := range []*Matcher{e.Say, e.Play, e.Digits, e.SMS, e.Dial, e.Reason, &v, &c} {
				out = append(out, matcher(m))
			}
		}
	}
	return out
}

// checkTextRoundTrip writes a scenario with s in every text field and
// reads it back: each field must hold s exactly.
func checkTextRoundTrip(t *testing.T, s string) {
	t.Helper()
	in := textScenario(s)
	var buf bytes.Buffer
	if err := Write(&buf, "texts", "flow.json", []*Scenario{in}); err != nil {
		t.Fatalf("write %q: %v", s, err)
	}
	path := filepath.Join(t.TempDir(), "s.yaml")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := Load(path)
	if err != nil {
		t.Fatalf("load what Write wrote for %q: %v\n%s", s, err, buf.String())
	}
	want, have := texts(in), texts(got[0])
	if len(have) != len(want) {
		t.Fatalf("text %q: read back %d texts, want %d\n%s", s, len(have), len(want), buf.String())
	}
	for i := range want {
		if have[i] != want[i] {
			t.Errorf("text %q: field %d read back as %q, want %q\n%s", s, i, have[i], want[i], buf.String())
			return
		}
	}
}

// Every text field reads back as written, whatever the text.
func TestWriteReadsBackTrickyTexts(t *testing.T) {
	for _, s := range trickyTexts {
		checkTextRoundTrip(t, s)
	}
}

// FuzzWriteReadsBackText checks the same for any valid UTF-8 text (a
// person's typing; text that is not UTF-8 cannot be a YAML string).
func FuzzWriteReadsBackText(f *testing.F) {
	for _, s := range trickyTexts {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			t.Skip("not UTF-8")
		}
		checkTextRoundTrip(t, s)
	})
}
