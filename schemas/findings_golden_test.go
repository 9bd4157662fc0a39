package schemas

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/internal/corpus"
	"github.com/studioflow/studioflow/internal/testflows"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/model/modeltest"
)

var updateFindings = flag.Bool("update-findings", false, "rewrite testdata/findings from the validator's current output")

// goldenFlows are the flows whose findings must not change when the
// validator gets faster: generated ones (clean and broken in many ways),
// the shared real exports and ../shared/bench's generated flows when
// present.
func goldenFlows(t *testing.T) map[string]*model.Flow {
	flows := map[string]*model.Flow{
		"generated-700":      generatedFlow(t, 700),
		"modeltest-2000":     modeltest.GenerateFlow(2000),
		"generated-broken":   mistakenFlow(t),
		"modeltest-over-max": modeltest.GenerateFlow(2001),
	}
	for _, path := range testflows.Paths() {
		flows["fixture-"+strings.TrimSuffix(filepath.Base(path), ".json")] = parseFile(t, path)
	}
	if files, err := filepath.Glob(filepath.Join(corpus.FlowsDir(), "*.json")); err == nil {
		for _, path := range files {
			flows["shared-"+strings.TrimSuffix(filepath.Base(path), ".json")] = parseFile(t, path)
		}
	}
	gen := filepath.Join(corpus.Root(), "bench", "genflow.py")
	if _, err := os.Stat(gen); err == nil {
		if _, err := exec.LookPath("python3"); err == nil {
			for _, n := range []int{1000, 2000} {
				out := filepath.Join(t.TempDir(), "flow.json")
				if err := exec.Command("python3", gen, fmt.Sprint(n), out).Run(); err != nil {
					t.Fatalf("genflow %d: %v", n, err)
				}
				flows[fmt.Sprintf("genflow-%d", n)] = parseFile(t, out)
			}
		}
	}
	return flows
}

// mistakenFlow is a 1500-widget generated flow with many kinds of mistakes
// spread over it, so that every layer of the validator has findings.
func mistakenFlow(t *testing.T) *model.Flow {
	f := generatedFlow(t, 1500)
	doc := model.NewDocument(f)
	name := func(i int) string { return f.StateAt(i).Name() }
	var ops []model.Op
	for i, k := 1, 0; i < 1400; i, k = i+23, k+1 {
		w := name(i)
		variant := k % 3
		switch f.StateAt(i).Type() {
		case "gather-input-on-call":
			ops = append(ops, [][]model.Op{
				{model.SetProperty(w, "timeout", "soon")},
				{model.SetProperty(w, "say", "{% if %}broken"), model.SetProperty(w, "loop", -3)},
				{model.SetProperty(w, "speech_timeout", 7), model.SetProperty(w, "stop_gather", "yes")},
			}[variant]...)
		case "split-based-on":
			ops = append(ops, [][]model.Op{
				{model.SetProperty(w, "input", "{{widgets."+name(i+1)+".Digits | nofilter}}")},
				{model.DeleteProperty(w, "input")},
				{model.SetProperty(w, "input", "{{widgets.nowhere}}"), model.SetProperty(w, "offset", "here")},
			}[variant]...)
		case "send-message":
			ops = append(ops, [][]model.Op{
				{model.SetProperty(w, "body", "{{widgets.nowhere.body}} and {{widgets."+name(i+5)+".Digits}}")},
				{model.DeleteProperty(w, "to"), model.SetProperty(w, "from", "")},
				{model.SetProperty(w, "body", 42), model.SetProperty(w, "media_url", []any{"x"})},
			}[variant]...)
		case "make-http-request":
			ops = append(ops, [][]model.Op{
				{model.DeleteProperty(w, "url"), model.SetProperty(w, "method", "FETCH")},
				{model.SetProperty(w, "parameters", "none")},
				{model.SetProperty(w, "url", "not a url {{"), model.SetProperty(w, "content_type", "text/nonsense")},
			}[variant]...)
		case "set-variables":
			ops = append(ops, [][]model.Op{
				{model.SetProperty(w, "variables", "not a list")},
				{model.SetProperty(w, "variables", []any{"loose"})},
				{model.DeleteProperty(w, "offset")},
			}[variant]...)
		case "run-function":
			ops = append(ops, [][]model.Op{
				{model.SetProperty(w, "unknown_property", 12)},
				{model.DeleteProperty(w, "url"), model.SetProperty(w, "function_sid", "nope")},
				{model.SetProperty(w, "parameters", []any{map[string]any{"key": 1}})},
			}[variant]...)
		default:
			ops = append(ops, [][]model.Op{
				{model.SetProperty(w, "voice", "robot"), model.SetProperty(w, "loop", "twice")},
				{model.DeleteProperty(w, "say")},
				{model.SetProperty(w, "say", "{{ flow.variables.count | plus: }}"), model.SetProperty(w, "language", 5)},
			}[variant]...)
		}
	}
	ops = append(ops, model.Disconnect(name(1450), 0))
	applied := 0
	for _, op := range ops {
		if doc.Apply(op) == nil { // a widget without that property stays as it is
			applied++
		}
	}
	if applied < len(ops)/2 {
		t.Fatalf("only %d of %d mistakes applied", applied, len(ops))
	}
	return doc.Flow()
}

// Findings of the golden flows, exactly: rewrite with -update-findings
// only when a change of wording or rule is meant.
func TestFindingsGolden(t *testing.T) {
	v := newTestValidator(t)
	for name, f := range goldenFlows(t) {
		got := formatDiags(v.ValidateFlow(f))
		// Validating again (everything remembered) must say the same.
		if again := formatDiags(v.ValidateFlow(f)); again != got {
			t.Errorf("%s: a second validation differs:\n%s\nfirst:\n%s", name, again, got)
		}
		path := filepath.Join("testdata", "findings", name+".txt")
		if *updateFindings {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%s: no golden (run with -update-findings): %v", name, err)
			continue
		}
		if got != string(want) {
			t.Errorf("%s: findings changed:\n%s", name, firstDifference(string(want), got))
		}
	}
}

func firstDifference(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return fmt.Sprintf("line %d (of %d wanted, %d got)\nwant: %s\ngot:  %s", i+1, len(w), len(g), a, b)
		}
	}
	return "same lines"
}
