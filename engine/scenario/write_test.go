package scenario

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/studioflow/studioflow/engine"
)

func ptr(s string) *string { return &s }

// Write is the one writer of scenario files: what the simulator's "Save as
// test" records (from/to, subflows, lists of canned answers, choose steps,
// passed widgets, an ending's reason, regex matchers) must read back as it was.
func TestWriteReadsBackEveryRecordedField(t *testing.T) {
	in := &Scenario{
		Name: "recorded", Trigger: "incomingCall", From: "+15550001", To: "+15550002",
		Data: map[string]any{"k": "v"}, Subflows: "subs", AskOutcomes: true,
		HTTP: map[string]CannedList{
			"fetch": {{Status: 200, ContentType: "application/json", Body: `{"a":1}`}, {Error: "timed out"}},
			"one":   {{Status: 404}},
		},
		Outcomes: map[string]OutcomeSpec{"bot": {Event: "success"}},
		Steps: []Step{
			{Expect: &Expect{Say: &Matcher{Equals: ptr("\nHello ")}}},
			{Press: ptr("1")},
			{Choose: "failed"},
			{Expect: &Expect{SMS: &Matcher{Regex: ptr(`^SID [A-Z]{2}[0-9a-f]{32}$`)}}},
			{Expect: &Expect{Passed: []string{"a", "b"}, Ended: "failed", Reason: &Matcher{Equals: ptr("no route")}}},
		},
	}
	var buf bytes.Buffer
	if err := Write(&buf, "first line\nsecond line", "flow.json", []*Scenario{in}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(buf.String(), "# first line\n# second line\n") {
		t.Errorf("header not written as comments:\n%s", buf.String())
	}
	path := filepath.Join(t.TempDir(), "s.yaml")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := Load(path)
	if err != nil {
		t.Fatalf("load what Write wrote: %v\n%s", err, buf.String())
	}
	if len(got) != 1 {
		t.Fatalf("read %d scenarios, want 1", len(got))
	}
	g := got[0]
	if g.Flow != "flow.json" || g.From != in.From || g.To != in.To || g.Subflows != in.Subflows || !g.AskOutcomes || g.Trigger != in.Trigger {
		t.Errorf("header fields read back as %+v", g)
	}
	if !reflect.DeepEqual(g.HTTP, in.HTTP) || !reflect.DeepEqual(g.Outcomes, in.Outcomes) || !reflect.DeepEqual(g.Data, in.Data) {
		t.Errorf("http %v outcomes %v data %v, want %v %v %v", g.HTTP, g.Outcomes, g.Data, in.HTTP, in.Outcomes, in.Data)
	}
	if len(g.Steps) != len(in.Steps) {
		t.Fatalf("read %d steps, want %d:\n%s", len(g.Steps), len(in.Steps), buf.String())
	}
	if s := g.Steps[0].Expect.Say; s == nil || s.Equals == nil || *s.Equals != "\nHello " {
		t.Errorf("say matcher read back as %+v", s)
	}
	if p := g.Steps[1].Press; p == nil || *p != "1" {
		t.Errorf("press read back as %v", p)
	}
	if g.Steps[2].Choose != "failed" {
		t.Errorf("choose read back as %q", g.Steps[2].Choose)
	}
	if m := g.Steps[3].Expect.SMS; m == nil || m.Regex == nil || *m.Regex != *in.Steps[3].Expect.SMS.Regex || m.Equals != nil {
		t.Errorf("regex matcher read back as %+v", m)
	}
	e := g.Steps[4].Expect
	if !reflect.DeepEqual(e.Passed, []string{"a", "b"}) || e.Ended != "failed" || e.Reason == nil || e.Reason.Equals == nil || *e.Reason.Equals != "no route" {
		t.Errorf("ending expectation read back as %+v", e)
	}
}

// One set of types reads and writes the format, so what a person wrote by
// hand (waits, not_passed, variables, context, status) survives a Write too.
func TestWriteReadsBackWaitsAndHandWrittenExpectations(t *testing.T) {
	in := &Scenario{
		Name: "by hand",
		Steps: []Step{
			{Wait: Duration(90 * time.Minute)},
			{Expect: &Expect{
				NotPassed: []string{"c"},
				Variables: map[string]Matcher{"zip": {Contains: ptr("941")}},
				Context:   map[string]Matcher{"flow.data.x": {Equals: ptr(" padded")}},
				Status:    "ended",
			}},
		},
	}
	var buf bytes.Buffer
	if err := Write(&buf, "h", "flow.json", []*Scenario{in}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "s.yaml")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := Load(path)
	if err != nil {
		t.Fatalf("load what Write wrote: %v\n%s", err, buf.String())
	}
	steps := got[0].Steps
	if len(steps) != 2 || steps[0].Wait != in.Steps[0].Wait {
		t.Fatalf("steps read back as %+v, want a wait of %v first:\n%s", steps, time.Duration(in.Steps[0].Wait), buf.String())
	}
	e := steps[1].Expect
	if e == nil || !reflect.DeepEqual(e.NotPassed, []string{"c"}) || e.Status != "ended" {
		t.Fatalf("expectation read back as %+v:\n%s", e, buf.String())
	}
	if m := e.Variables["zip"]; m.Contains == nil || *m.Contains != "941" {
		t.Errorf("variables.zip read back as %v:\n%s", m, buf.String())
	}
	if m := e.Context["flow.data.x"]; m.Equals == nil || *m.Equals != " padded" {
		t.Errorf("context matcher read back as %v:\n%s", m, buf.String())
	}
}

// Parameters read as the REST API reads them (engine.ParseParameters) are
// written as YAML numbers, and read back as the same numbers: a saved test
// replays {"n": 41} with 41, not "41".
func TestWriteKeepsParametersNumbers(t *testing.T) {
	data, err := engine.ParseParameters(`{"n": 41, "ratio": 2.5, "nested": {"count": 3}, "text": "41"}`)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, "numbers", "flow.json", []*Scenario{{Name: "n", Trigger: "incomingRequest", Data: data}}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"n: 41\n", "ratio: 2.5\n", "count: 3\n", `text: "41"`} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("written scenario lacks %q:\n%s", want, buf.String())
		}
	}
	path := filepath.Join(t.TempDir(), "n.yaml")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	back, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	// Read back as the REST API read them: the same values, of the same types.
	if !reflect.DeepEqual(map[string]any(back[0].Data), data) {
		t.Errorf("read back %#v, want %#v", back[0].Data, data)
	}
}
