package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/engine/coverage"
	"github.com/studioflow/studioflow/engine/scenario"
	"github.com/studioflow/studioflow/schemas"
)

func coverFixture(t *testing.T) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("..", "engine", "scenario", "testdata", "cover", "support-line.json"))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestCoverageFromAProfileOverlaysTheCanvas(t *testing.T) {
	a := test.NewTempApp(t)
	path := coverFixture(t)
	e := newTestEditor(t, a, Options{Path: path})
	e.loadCoverageProfile(coverProfile(t, e, path))
	on, taken, never, unreached := e.canvas.(editorCanvas).CoverageShown()
	// 18 counted transitions: 10 taken; order_no's speech is not a wire
	// (no next) but is still marked; sorry and agent are unreached.
	if !on || taken != 10 || never != 8 || unreached != 2 {
		t.Errorf("overlay on %v: %d taken, %d never, %d unreached", on, taken, never, unreached)
	}
	if !strings.Contains(e.status.Text, "transitions 10/18 (56%), 8 never taken") {
		t.Errorf("status %q", e.status.Text)
	}
	// The uncovered transitions, each going to its widget and transition.
	e.ShowUncovered()
	if top := e.win.Canvas().Overlays().Top(); top == nil {
		t.Fatal("no list of uncovered transitions")
	} else {
		e.win.Canvas().Overlays().Remove(top)
	}
	for _, b := range e.lastCoverage.NeverTaken() {
		if b.Widget == "route" && b.Index == 4 {
			e.goToTransition(b)
		}
	}
	if e.inspector.Shown() != "route" || e.win.Canvas().Focused() != e.inspector.field("/transitions/3") {
		t.Errorf("going to route's \"sales again\": shown %q, focus %v (rows %v)", e.inspector.Shown(), e.win.Canvas().Focused(), rowPaths(e.inspector))
	}
	e.HideCoverage()
	if on, _, _, _ := e.canvas.(editorCanvas).CoverageShown(); on {
		t.Error("the overlay is still on after Hide")
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, []byte(`{"format":"x"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	e.loadCoverageProfile(bad) // an error dialog, no overlay
	if on, _, _, _ := e.canvas.(editorCanvas).CoverageShown(); on {
		t.Error("a bad profile turned the overlay on")
	}
}

func TestShowCoverageRunsTheScenariosBesideTheFlow(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{Path: coverFixture(t)})
	done := make(chan struct{})
	e.showCoverage(func() { close(done) })
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("the scenarios beside the flow did not finish")
	}
	if want := "Coverage (5 scenarios beside the flow): transitions 10/18"; !strings.HasPrefix(e.status.Text, want) {
		t.Fatalf("status %q, want %q…", e.status.Text, want)
	}
	if on, taken, _, _ := e.canvas.(editorCanvas).CoverageShown(); !on || taken != 10 {
		t.Errorf("overlay on %v, %d taken", on, taken)
	}
}

// While coverage is shown, the Problems panel lists each transition no test
// takes as an info row after the validator's findings; choosing a row goes
// to its widget and focuses the transition; hiding coverage removes them.
func TestProblemsListUncoveredTransitionsWhileCoverageIsShown(t *testing.T) {
	a := test.NewTempApp(t)
	path := coverFixture(t)
	e := newTestEditor(t, a, Options{Path: path})
	validated := len(e.problems.Diagnostics())
	set := coverage.NewSet(e.cat)
	var out strings.Builder
	scenario.RunFiles([]string{filepath.Join(filepath.Dir(path), "support-line.yaml")}, &out, scenario.Options{Catalog: e.cat, Coverage: set})
	profile := filepath.Join(t.TempDir(), "cover.json")
	if err := set.WriteProfile(profile); err != nil {
		t.Fatal(err)
	}
	e.loadCoverageProfile(profile)

	never := e.lastCoverage.NeverTaken()
	listed := e.problems.Diagnostics()
	if len(never) == 0 || len(listed) != validated+len(never) {
		t.Fatalf("Problems lists %d rows: %d findings + %d uncovered transitions expected", len(listed), validated, len(never))
	}
	row := -1
	for i, d := range listed[validated:] {
		if d.Severity != schemas.Info || d.Widget != never[i].Widget || !strings.HasPrefix(d.Message, "no test takes this transition") {
			t.Errorf("row %d: %+v for %s", validated+i, d, never[i])
		}
		if never[i].Widget == "route" && never[i].Index == 4 {
			row = validated + i
		}
	}
	if want := "8 transitions never taken by the tests"; !strings.Contains(e.problems.summary.Text, want) || !strings.Contains(e.dock.barText.Text, want) {
		t.Errorf("summary %q, bar %q: want %q", e.problems.summary.Text, e.dock.barText.Text, want)
	}
	if len(e.Diagnostics()) != validated {
		t.Errorf("the uncovered transitions leaked into the validator's findings: %d", len(e.Diagnostics()))
	}
	if row < 0 {
		t.Fatalf("no row for route's fourth transition among %v", never)
	}
	e.problems.Choose(row)
	if e.inspector.Shown() != "route" || e.win.Canvas().Focused() != e.inspector.field("/transitions/3") {
		t.Errorf("choosing the row: shown %q, focus %v", e.inspector.Shown(), e.win.Canvas().Focused())
	}

	e.HideCoverage()
	if n := len(e.problems.Diagnostics()); n != validated {
		t.Errorf("after hiding coverage Problems lists %d rows, want %d", n, validated)
	}
}
