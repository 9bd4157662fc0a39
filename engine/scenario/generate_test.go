package scenario

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/engine/coverage"
	"github.com/studioflow/studioflow/internal/corpus"
	"github.com/studioflow/studioflow/internal/testflows"
)

// runGenerated loads the files written into dir and runs every scenario:
// each must pass (its expectations are what the flow did) and together they
// must take what the generator says they take.
func runGenerated(t *testing.T, dir string) *coverage.Set {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	cat := loadTestCatalog(t)
	set := coverage.NewSet(cat)
	var out strings.Builder
	if status := RunFiles(files, &out, Options{Catalog: cat, Coverage: set, HTTPClient: refuseClient()}); status != 0 {
		t.Fatalf("generated scenarios do not pass (status %d):\n%s", status, out.String())
	}
	return set
}

func TestGenerateTakesEveryTakeableTransitionAndSaysWhyNotTheRest(t *testing.T) {
	flow := filepath.Join("testdata", "cover", "support-line.json")
	dir := t.TempDir()
	var out strings.Builder
	if status := GenerateFiles(dir, []string{flow}, &out, GenerateOptions{Catalog: loadTestCatalog(t)}); status != 0 {
		t.Fatalf("status %d\n%s", status, out.String())
	}
	report := out.String()
	for _, want := range []string{
		"  transitions: 17/18 (94%)\n",
		"    order_no  speech → (end): the speech transition is not connected, so the gather does not listen for speech\n",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("report lacks %q:\n%s", want, report)
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, "support-line.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	// The contact's actions solve the split: 1 (sales), 2 (support), 7
	// (matches_any_of 7,8), a key matching nothing; a canned 500 fails lookup.
	for _, want := range []string{`press: "1"`, `press: "2"`, `press: "7"`, `press: "0"`, "say: hello", "silence: true", "status: 500", "flow: " + filepath.ToSlash(filepath.Join("..", ""))} {
		if !strings.Contains(text, want) {
			t.Errorf("generated file lacks %q:\n%s", want, text)
		}
	}
	set := runGenerated(t, dir)
	f := set.Flows()[0]
	if taken, total := f.Transitions(); taken != 17 || total != 18 {
		t.Errorf("running the generated scenarios takes %d/%d", taken, total)
	}
	if never := f.NeverTaken(); len(never) != 1 || never[0].Widget != "order_no" || never[0].Event != "speech" {
		t.Errorf("never taken: %v", never)
	}
}

// On every shared flow, the generated scenarios pass and take what the
// generator reported; the test logs, per flow, the coverage and each
// transition not reached with its reason.
func TestGenerateOnTheSharedFlows(t *testing.T) {
	real, _ := filepath.Glob(filepath.Join(corpus.FlowsDir(), "*.json"))
	flows := append(testflows.Paths(), real...)
	cat := loadTestCatalog(t)
	for _, flow := range flows {
		t.Run(filepath.Base(flow), func(t *testing.T) {
			dir := t.TempDir()
			gen, err := Generate(flow, GenerateOptions{Catalog: cat})
			if err != nil {
				t.Fatal(err)
			}
			taken, total := gen.Coverage.Transitions()
			var b strings.Builder
			fmt.Fprintf(&b, "transitions: %d/%d (%s), %d scenarios, %d runs\n", taken, total, coverage.Percent(taken, total), len(gen.Scenarios), gen.Runs)
			for _, u := range gen.Unreached {
				fmt.Fprintf(&b, "  %s: %s\n", u.Branch, u.Reason)
			}
			t.Log(b.String())
			if len(gen.Scenarios) == 0 {
				return
			}
			if _, err := writeGenerated(dir, flow, gen); err != nil {
				t.Fatal(err)
			}
			set := runGenerated(t, dir)
			f := set.Flows()[0]
			if got, _ := f.Transitions(); got != taken {
				t.Errorf("the generated scenarios take %d transitions, the generator said %d", got, taken)
			}
		})
	}
}
