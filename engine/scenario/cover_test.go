package scenario

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/engine/coverage"
	"github.com/studioflow/studioflow/schemas"
)

func loadTestCatalog(t *testing.T) *schemas.Catalog {
	t.Helper()
	cat, err := schemas.Load()
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// support-line.yaml leaves some branches of support-line.json untaken on
// purpose; coverage must name exactly those.
func TestCoverageCountsEachBranchAndNamesTheOnesNeverTaken(t *testing.T) {
	cat := loadTestCatalog(t)
	set := coverage.NewSet(cat)
	var out strings.Builder
	file := filepath.Join("testdata", "cover", "support-line.yaml")
	if status := RunFiles([]string{file}, &out, Options{Catalog: cat, Coverage: set}); status != 0 {
		t.Fatalf("status %d\n%s", status, out.String())
	}
	flows := set.Flows()
	if len(flows) != 1 {
		t.Fatalf("%d flows covered, want 1", len(flows))
	}
	f := flows[0]
	if f.Path != filepath.Join("testdata", "cover", "support-line.json") {
		t.Errorf("path %q", f.Path)
	}
	var never []string
	for _, b := range f.NeverTaken() {
		never = append(never, b.String())
	}
	want := []string{
		"menu  speech → agent",
		`route  noMatch → goodbye`,
		`route  match "sales again" → sales`,
		"order_no  speech → (end)",
		"order_no  timeout → goodbye",
		"lookup  failed → sorry",
		"sorry  audioComplete → (end)",
		"agent  audioComplete → (end)",
	}
	if !slices.Equal(never, want) {
		t.Errorf("never taken:\n%s\nwant:\n%s", strings.Join(never, "\n"), strings.Join(want, "\n"))
	}
	// The two conditions leading to sales are told apart: "sales" was taken.
	if !f.Taken("route", "match", 2) || f.Taken("route", "match", 4) {
		t.Errorf("route's conditions: sales taken %v, sales again taken %v", f.Taken("route", "match", 2), f.Taken("route", "match", 4))
	}
	// Only the wired trigger event counts: incomingCall.
	taken, total := f.Transitions()
	if total != 18 || taken != 10 {
		t.Errorf("transitions %d/%d, want 10/18", taken, total)
	}
	if r, n := f.WidgetsReached(); r != 8 || n != 10 || f.Reached("sorry") || f.Reached("agent") || !f.Reached("lookup") {
		t.Errorf("widgets %d/%d; sorry reached %v, agent reached %v", r, n, f.Reached("sorry"), f.Reached("agent"))
	}

	var report strings.Builder
	set.WriteReport(&report)
	for _, line := range []string{"  widgets: 8/10 (80%)", "  transitions: 10/18 (56%)", "  never taken:", `    route  match "sales again" → sales`} {
		if !strings.Contains(report.String(), line+"\n") {
			t.Errorf("report lacks %q:\n%s", line, report.String())
		}
	}
}

func TestCoverprofileRoundTrips(t *testing.T) {
	cat := loadTestCatalog(t)
	set := coverage.NewSet(cat)
	var out strings.Builder
	RunFiles([]string{filepath.Join("testdata", "cover", "support-line.yaml")}, &out, Options{Catalog: cat, Coverage: set})
	path := filepath.Join(t.TempDir(), "cover.json")
	if err := set.WriteProfile(path); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := json.Unmarshal(data, &raw); err != nil || raw["format"] != coverage.ProfileFormat {
		t.Fatalf("profile %v: %s", err, data)
	}
	p, err := coverage.ReadProfile(data)
	if err != nil {
		t.Fatal(err)
	}
	f := p.Flows[0]
	if taken, total := f.Transitions(); taken != 10 || total != 18 || !f.Reached("status") || f.Reached("agent") {
		t.Errorf("read back %d/%d", taken, total)
	}
	if _, err := coverage.ReadProfile([]byte(`{"format":"other"}`)); err == nil {
		t.Error("a profile of another format was accepted")
	}
}

// Over the examples, every flow is covered in part, and taken plus never
// taken is every branch.
func TestCoverageOfTheExamples(t *testing.T) {
	cat := loadTestCatalog(t)
	set := coverage.NewSet(cat)
	paths, _ := filepath.Glob(filepath.Join("examples", "*.yaml"))
	var out strings.Builder
	if status := RunFiles(paths, &out, Options{Catalog: cat, Coverage: set, HTTPClient: refuseClient()}); status != 0 {
		t.Fatalf("status %d\n%s", status, out.String())
	}
	if len(set.Flows()) != 6 {
		t.Fatalf("%d flows", len(set.Flows()))
	}
	for _, f := range set.Flows() {
		taken, total := f.Transitions()
		if taken == 0 || taken+len(f.NeverTaken()) != total || !f.Reached("Trigger") {
			t.Errorf("%s: %d/%d, %d never taken", f.Path, taken, total, len(f.NeverTaken()))
		}
	}
}

func refuseClient() *http.Client { return &http.Client{Transport: refuseNetwork{}} }

func TestCoverageBesideRunsTheScenariosThatNameTheFlow(t *testing.T) {
	flow := filepath.Join("testdata", "cover", "support-line.json")
	c, ran, err := CoverageBeside(flow, Options{Catalog: loadTestCatalog(t), HTTPClient: refuseClient()})
	if err != nil || c == nil {
		t.Fatalf("%v %v", c, err)
	}
	// support-line.yaml (3) and mixed.yaml (2) name it.
	if ran != 5 {
		t.Errorf("%d scenarios ran, want 5", ran)
	}
	if taken, total := c.Transitions(); taken != 10 || total != 18 {
		t.Errorf("%d/%d", taken, total)
	}
	// route's transition 3 ("sales again", index 4) is counted and never taken; the trigger's unwired incomingMessage is not counted.
	if taken, counted := c.Port("route", 3, "match"); !counted || taken {
		t.Errorf("route/3: taken %v counted %v", taken, counted)
	}
	if taken, counted := c.Port("menu", 0, "keypress"); !counted || !taken {
		t.Errorf("menu/0: taken %v counted %v", taken, counted)
	}
	if _, counted := c.Port("Trigger", 0, "incomingMessage"); counted {
		t.Error("an unwired trigger event is counted")
	}
	if c, _, err := CoverageBeside(filepath.Join("testdata", "invalid.yaml"), Options{}); err != nil || c != nil {
		t.Errorf("a file no scenario names: %v %v", c, err)
	}
}

// A subflow's steps count for the subflow's own file, found as run-subflow
// finds it; its French branch is left untaken on purpose.
func TestCoverageCountsASubflowAgainstItsOwnFile(t *testing.T) {
	cat := loadTestCatalog(t)
	set := coverage.NewSet(cat)
	var out strings.Builder
	if status := RunFiles([]string{filepath.Join("testdata", "cover", "callback.yaml")}, &out, Options{Catalog: cat, Coverage: set}); status != 0 {
		t.Fatalf("status %d\n%s", status, out.String())
	}
	parent := set.Flow(filepath.Join("testdata", "cover", "callback.json"))
	sub := set.Flow(filepath.Join("testdata", "cover", "FW00000000000000000000000000000001-greeting.json"))
	if parent == nil || sub == nil {
		t.Fatalf("flows covered: %d", len(set.Flows()))
	}
	if taken, total := parent.Transitions(); taken != 3 || total != 4 {
		t.Errorf("parent %d/%d", taken, total)
	}
	if taken, total := sub.Transitions(); taken != 3 || total != 5 || !sub.Taken("check", "noMatch", 0) || sub.Taken("check", "match", 2) || sub.Reached("say_fr") || !sub.Reached("say_en") {
		t.Errorf("subflow %d/%d, never taken %v", taken, total, sub.NeverTaken())
	}
	// The subflow's widgets are not counted in the parent, which has none of those names.
	if parent.Reached("check") {
		t.Error("a subflow widget counted in the parent")
	}
}
