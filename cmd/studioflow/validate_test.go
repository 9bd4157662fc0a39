package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/model/modeltest"
)

// findingLine is validate's text format: FILE: WIDGET: /json/pointer: severity: message.
var findingLine = regexp.MustCompile(`^(.+\.json): ([A-Za-z][A-Za-z0-9_-]*|\(flow\)): (/[^:]*): (error|warning): (.+)$`)

func TestValidateCleanFlowExitsZeroAndPrintsNothing(t *testing.T) {
	r := runCLI("validate", fixture(validFlow))
	if r.code != exitOK || r.stdout != "" || r.stderr != "" {
		t.Fatalf("got exit %d, stdout %q, stderr %q; want 0 and silence", r.code, r.stdout, r.stderr)
	}
}

func TestValidateWarningsOnlyExitsZero(t *testing.T) {
	path := fixture(legacyFlow)
	r := runCLI("validate", path)
	if r.code != exitOK {
		t.Fatalf("exit %d, want 0 (warnings only); stdout:\n%s", r.code, r.stdout)
	}
	got := lines(r.stdout)
	if len(got) == 0 {
		t.Fatal("no warnings printed for a flow with a retired widget type and an unreachable widget")
	}
	sawAutopilot := false
	for _, l := range got {
		m := findingLine.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("line %q is not FILE: WIDGET: /pointer: severity: message", l)
		}
		if m[1] != path || m[4] != "warning" {
			t.Errorf("line %q: want file %s and severity warning", l, path)
		}
		if m[2] == "autopilot_1" && m[3] == "/states/1/type" {
			sawAutopilot = true
		}
	}
	if !sawAutopilot {
		t.Errorf("no warning at autopilot_1's /states/1/type in:\n%s", r.stdout)
	}
}

func TestValidateDanglingNextExitsOneAndPointsAtIt(t *testing.T) {
	path := fixture(danglingFlow)
	r := runCLI("validate", path)
	if r.code != exitFindings {
		t.Fatalf("exit %d, want 1; stdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	found := false
	for _, l := range lines(r.stdout) {
		m := findingLine.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("line %q is not FILE: WIDGET: /pointer: severity: message", l)
		}
		if m[4] == "error" && strings.Contains(m[5], "SaveRecord") && strings.HasSuffix(m[3], "/next") {
			found = true
		}
	}
	if !found {
		t.Fatalf("no error about the missing SaveRecord at a /next pointer in:\n%s", r.stdout)
	}
}

func TestValidateJSONMatchesTheTextReport(t *testing.T) {
	files := []string{fixture(legacyFlow), fixture(danglingFlow), fixture(cleanFlow)}
	text := runCLI(append([]string{"validate"}, files...)...)
	js := runCLI(append([]string{"validate", "--json"}, files...)...)
	if js.code != text.code || js.code != exitFindings {
		t.Fatalf("--json exit %d, text exit %d, want both 1", js.code, text.code)
	}
	var findings []map[string]string
	if err := json.Unmarshal([]byte(js.stdout), &findings); err != nil {
		t.Fatalf("--json output is not a JSON array of string objects: %v\n%s", err, js.stdout)
	}
	want := lines(text.stdout)
	if len(findings) != len(want) {
		t.Fatalf("--json has %d findings, text %d", len(findings), len(want))
	}
	for i, f := range findings {
		if len(f) != 5 {
			t.Errorf("finding %d has keys %v, want file, severity, widget, path, message", i, f)
		}
		widget := f["widget"]
		if widget == "" {
			widget = flowLevel
		}
		if line := fmt.Sprintf("%s: %s: %s: %s: %s", f["file"], widget, f["path"], f["severity"], f["message"]); line != want[i] {
			t.Errorf("finding %d: --json says %q, text says %q", i, line, want[i])
		}
	}
}

func TestValidateJSONWithNoFindingsIsAnEmptyArray(t *testing.T) {
	r := runCLI("validate", "--json", fixture(validFlow))
	if r.code != exitOK || strings.TrimSpace(r.stdout) != "[]" {
		t.Fatalf("exit %d, stdout %q; want 0 and []", r.code, r.stdout)
	}
}

// badInputs are files validate and fmt must refuse with exit 2 and a reason.
func badInputs(t *testing.T) []struct{ name, path, reason string } {
	deep := strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000)
	deepStates := `{"states": ` + deep + `}`
	return []struct{ name, path, reason string }{
		{"missing comma (seed 001 snippet)", filepath.Join("testdata", "seed001_twiml_redirect_snippet.json"),
			`seed001_twiml_redirect_snippet.json:4:18: malformed JSON: missing ','`},
		{"list at top level", writeTemp(t, "list.json", []byte(`[{"states": []}]`)), "not a Studio flow: a flow definition must be a JSON object"},
		{"string at top level", writeTemp(t, "string.json", []byte(`"states"`)), "not a Studio flow: a flow definition must be a JSON object"},
		{"no states", writeTemp(t, "nostates.json", []byte(`{"description": "x", "initial_state": "Trigger"}`)), `not a Studio flow: the definition has no "states" list`},
		{"states an object", writeTemp(t, "statesobj.json", []byte(`{"states": {"Trigger": {}}}`)), `not a Studio flow: /states: "states" must be a list`},
		{"widget not an object", writeTemp(t, "widgetstr.json", []byte(`{"states": ["Trigger"]}`)), "not a Studio flow: /states/0: each widget must be a JSON object"},
		{"100,000 levels of nesting", writeTemp(t, "deep.json", []byte(deep)), "malformed JSON: nesting is deeper than"},
		{"100,000 levels inside states", writeTemp(t, "deepstates.json", []byte(deepStates)), "malformed JSON: nesting is deeper than"},
		{"trailing comma", writeTemp(t, "trailing.json", []byte("{\n  \"states\": [],\n}\n")), "trailing.json:3:1: malformed JSON"},
		{"empty file", writeTemp(t, "empty.json", nil), "empty.json:1:1: malformed JSON"},
		{"not UTF-8", writeTemp(t, "latin1.json", []byte("{\"description\": \"caf\xe9\"}")), "malformed JSON: the file is not UTF-8"},
		{"over the size limit", writeTemp(t, "big.json", append([]byte(`{"states": [], "description": "`), make([]byte, model.MaxFileSize)...)),
			"file is too large: over the 10 MiB limit"},
		{"missing file", filepath.Join(t.TempDir(), "nope.json"), "nope.json: cannot read: no such file or directory"},
		{"a directory", t.TempDir(), "is a directory, not a flow file"},
	}
}

func TestBadInputGetsAReasonAndExitTwo(t *testing.T) {
	for _, tc := range badInputs(t) {
		for _, cmd := range []string{"validate", "fmt"} {
			t.Run(cmd+"/"+tc.name, func(t *testing.T) {
				r := runCLI(cmd, tc.path)
				if r.code != exitBadInput {
					t.Fatalf("exit %d, want 2; stderr:\n%s", r.code, r.stderr)
				}
				if r.stdout != "" {
					t.Errorf("stdout should be empty, got %.200q", r.stdout)
				}
				first := lines(r.stderr)
				if len(first) == 0 || !strings.Contains(first[0], tc.reason) || !strings.HasPrefix(first[0], tc.path) {
					t.Fatalf("stderr %.300q: want a first line starting with the file name and saying %q", r.stderr, tc.reason)
				}
				if n := len(first); n != 1 && !(strings.Contains(first[0], "malformed JSON") && n == 3) {
					t.Errorf("want one line (three with a JSON excerpt), got %d:\n%.500s", n, r.stderr)
				}
				for _, l := range first {
					if len(l) > 400 {
						t.Errorf("line of %d bytes: messages must stay short", len(l))
					}
				}
			})
		}
	}
}

func TestMalformedJSONShowsTheLineWithACaretUnderTheSpot(t *testing.T) {
	path := filepath.Join("testdata", "flow_with_seed001_gather_snippet.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// The pasted snippet misses the comma after "event": "speech".
	wantLine := 0
	for i, l := range lines(string(data)) {
		if strings.TrimSpace(l) == `"event": "speech"` {
			wantLine = i + 1
		}
	}
	if wantLine == 0 {
		t.Fatal(`fixture has no "event": "speech" line`)
	}
	r := runCLI("validate", path)
	got := lines(r.stderr)
	if r.code != exitBadInput || len(got) != 3 {
		t.Fatalf("exit %d, stderr:\n%s\nwant exit 2 and three lines", r.code, r.stderr)
	}
	wantPrefix := fmt.Sprintf("%s:%d:%d: malformed JSON: ", path, wantLine, len(`"event": "speech"`)+1)
	if !strings.HasPrefix(got[0], wantPrefix) {
		t.Errorf("first line %q, want it to start %q", got[0], wantPrefix)
	}
	if got[1] != `"event": "speech"` {
		t.Errorf("excerpt %q, want the offending line", got[1])
	}
	if caret := strings.Index(got[2], "^"); caret != len(`"event": "speech"`) {
		t.Errorf("caret at column %d of %q, want right after the value", caret+1, got[2])
	}
}

func TestExcerptOfAHugeLineStaysShort(t *testing.T) {
	data := []byte(`{"states": [` + strings.Repeat(`{"a": 1}, `, 50_000) + `{"a": 1} 2]}`)
	offset := len(data) - 3
	got := lines(excerptAt(data, offset, excerptWidth))
	if len(got) != 2 {
		t.Fatalf("excerpt %q, want text and caret lines", got)
	}
	if n := len([]rune(got[0])); n > excerptWidth+2 {
		t.Errorf("excerpt line has %d characters, want at most %d", n, excerptWidth+2)
	}
	caret := []rune(got[1])
	text := []rune(got[0])
	if len(caret) > len(text) || text[len(caret)-1] != '2' {
		t.Errorf("caret does not sit under the offending '2':\n%s\n%s", got[0], got[1])
	}
}

func TestTwentyThousandWidgetsAreReportedOverStudiosLimit(t *testing.T) {
	path := writeTemp(t, "huge.json", modeltest.Generate(20_000))
	r := runCLI("validate", path)
	if r.code != exitFindings {
		t.Fatalf("exit %d, want 1; stderr %q", r.code, r.stderr)
	}
	got := lines(r.stdout)
	if len(got) == 0 {
		t.Fatal("nothing reported")
	}
	m := findingLine.FindStringSubmatch(got[0])
	if m == nil || m[2] != flowLevel || m[3] != "/states" || m[4] != "error" || !strings.Contains(m[5], "20000 widgets") {
		t.Fatalf("first finding %q, want a flow-level error at /states about 20000 widgets", got[0])
	}
}

// A file far larger than the limit, offered through a FIFO, is refused as too large after
// reading just past the limit: the reader's memory is bounded by the limit,
// not by the file.
func TestReadingStopsJustPastTheSizeLimit(t *testing.T) {
	path, consumed := modeltest.OversizedStream(t)
	r := runCLI("validate", path)
	if r.code != exitBadInput || !strings.Contains(r.stderr, "file is too large") {
		t.Fatalf("exit %d, stderr %q; want 2 and too large", r.code, r.stderr)
	}
	if n := consumed(); n > model.MaxFileSize+(1<<20) {
		t.Fatalf("the reader took %d bytes, want about the %d byte limit", n, model.MaxFileSize)
	}
}

func TestValidateReportsEveryFileAndTheWorstExitCode(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.json")
	r := runCLI("validate", fixture(danglingFlow), missing, fixture(legacyFlow))
	if r.code != exitBadInput {
		t.Fatalf("exit %d, want 2 (one file unreadable)", r.code)
	}
	if !strings.Contains(r.stdout, "SaveRecord") || !strings.Contains(r.stdout, "autopilot_1") {
		t.Errorf("the readable files' findings are missing:\n%s", r.stdout)
	}
	if !strings.Contains(r.stderr, missing+": cannot read") {
		t.Errorf("stderr %q does not name the unreadable file", r.stderr)
	}
}

func TestValidateUsageErrors(t *testing.T) {
	for _, args := range [][]string{{"validate"}, {"validate", "--bogus", "x.json"}, {"validate", "--json"}} {
		r := runCLI(args...)
		if r.code != exitBadInput || !strings.Contains(r.stderr, "usage: studioflow validate") {
			t.Errorf("%v: exit %d, stderr %q; want 2 and the usage", args, r.code, r.stderr)
		}
	}
}

func BenchmarkValidateTwentyThousandWidgets(b *testing.B) {
	path := filepath.Join(b.TempDir(), "huge.json")
	if err := os.WriteFile(path, modeltest.Generate(20_000), 0o644); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if r := runCLI("validate", path); r.code != exitFindings {
			b.Fatalf("exit %d", r.code)
		}
	}
}

// Whatever the bytes, a file that does not parse gets a short report: one
// line, or three with an excerpt of the offending line, none of them long.
func FuzzDescribeLoadError(f *testing.F) {
	f.Add([]byte(`{"states": [1 2]}`))
	f.Add([]byte("{\n\t\"states\": [\n\t\t{\"name\": \"a\"\n\"type\": 1}]}"))
	f.Add([]byte(strings.Repeat("[", 300)))
	f.Add([]byte("caf\xe9"))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := model.Parse(data)
		if err == nil {
			return
		}
		msg := describeLoadError("f.json", data, err)
		got := lines(msg)
		if len(got) != 1 && len(got) != 3 {
			t.Fatalf("%d lines:\n%s", len(got), msg)
		}
		if !strings.HasPrefix(got[0], "f.json") {
			t.Fatalf("first line %q does not name the file", got[0])
		}
		for _, l := range got[1:] {
			if n := len([]rune(l)); n > 2*excerptWidth+2 {
				t.Fatalf("excerpt line of %d characters", n)
			}
		}
	})
}

// validate finds subflows where run does, among the file's neighbours: a
// Run Subflow naming a flow that is not there is reported at its flow_sid
// (a warning: the widget takes Failed), and is not once the subflow's file
// is written.
func TestValidateReportsASubflowItCannotFind(t *testing.T) {
	const sid = "FW0123456789abcdef0123456789abcdef"
	parent := writeTemp(t, "parent.json", []byte(`{"description":"parent","initial_state":"Trigger","flags":{"allow_concurrent_calls":true},"states":[
  {"name":"Trigger","type":"trigger","properties":{"offset":{"x":0,"y":0}},"transitions":[{"event":"incomingMessage","next":"sub"}]},
  {"name":"sub","type":"run-subflow","properties":{"flow_sid":"`+sid+`","flow_revision":"LatestPublished","offset":{"x":0,"y":200}},"transitions":[{"event":"completed"},{"event":"failed"}]}]}`))
	r := runCLI("validate", parent)
	want := parent + ": sub: /states/1/properties/flow_sid: warning: the subflow " + sid + " cannot be found"
	if r.code != exitOK || !strings.HasPrefix(r.stdout, want) {
		t.Fatalf("exit %d, stdout:\n%s\nwant a line beginning %q", r.code, r.stdout, want)
	}
	child := `{"description":"child","initial_state":"Trigger","flags":{"allow_concurrent_calls":true},"states":[
  {"name":"Trigger","type":"trigger","properties":{"offset":{"x":0,"y":0}},"transitions":[{"event":"incomingParent"}]}]}`
	if err := os.WriteFile(filepath.Join(filepath.Dir(parent), sid+".json"), []byte(child), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := runCLI("validate", parent); r.code != exitOK || r.stdout != "" {
		t.Fatalf("with the subflow beside it: exit %d, stdout:\n%s", r.code, r.stdout)
	}
}
