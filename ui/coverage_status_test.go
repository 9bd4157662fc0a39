package ui

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/engine/coverage"
	"github.com/studioflow/studioflow/engine/scenario"
	"github.com/studioflow/studioflow/model"
)

// The coverage summary stays in the status line while coverage is shown,
// through edits; once it is hidden, an edit brings back the file's summary.
func TestCoverageSummaryStaysInTheStatusLineThroughEdits(t *testing.T) {
	a := test.NewTempApp(t)
	path := coverFixture(t)
	e := newTestEditor(t, a, Options{Path: path})
	e.loadCoverageProfile(coverProfile(t, e, path))
	shown := e.status.Text
	if !strings.HasPrefix(shown, "Coverage (") {
		t.Fatalf("status %q once coverage is shown", shown)
	}
	if err := e.doc.Apply(model.SetProperty("status", "say", "Your order is on its way.")); err != nil {
		t.Fatal(err)
	}
	if got := e.status.Text; got != shown {
		t.Errorf("status %q after an edit, want the coverage summary %q", got, shown)
	}
	if e.state.Text != "Unsaved changes" {
		t.Errorf("state %q after an edit", e.state.Text)
	}
	e.HideCoverage()
	if err := e.doc.Apply(model.SetProperty("status", "say", "Shipped.")); err != nil {
		t.Fatal(err)
	}
	if got, want := e.status.Text, e.fileStatus(); got != want {
		t.Errorf("status %q after an edit with coverage hidden, want the file's %q", got, want)
	}
}

// coverProfile runs the scenarios beside the coverage fixture and writes
// their profile.
func coverProfile(t *testing.T, e *Editor, path string) string {
	t.Helper()
	set := coverage.NewSet(e.cat)
	var out strings.Builder
	scenario.RunFiles([]string{filepath.Join(filepath.Dir(path), "support-line.yaml")}, &out, scenario.Options{Catalog: e.cat, Coverage: set})
	profile := filepath.Join(t.TempDir(), "cover.json")
	if err := set.WriteProfile(profile); err != nil {
		t.Fatal(err)
	}
	return profile
}
