package ui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/engine/coverage"
	"github.com/studioflow/studioflow/model"
)

// Coverage belongs to the flow it was measured on: opening another flow,
// starting a new one or importing one hides it (no overlay, no summary in
// the status line, no untested rows in Problems), as Hide would.
func TestReplacingTheFlowHidesItsCoverage(t *testing.T) {
	path := coverFixture(t)
	// The same flow under another name: its widget names are the ones the
	// coverage counts, so stale coverage would fit it and show.
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(t.TempDir(), "support-line-copy.json")
	if err := os.WriteFile(other, data, 0o644); err != nil {
		t.Fatal(err)
	}
	for name, replace := range map[string]func(e *Editor){
		"Open":             func(e *Editor) { e.OpenPath(other) },
		"New":              func(e *Editor) { e.New() },
		"Import Flow JSON": func(e *Editor) { importFlow(t, e, string(data)) },
	} {
		t.Run(name, func(t *testing.T) {
			a := test.NewTempApp(t)
			e := newTestEditor(t, a, Options{Path: path})
			e.loadCoverageProfile(coverProfile(t, e, path))
			if on, _, _, _ := e.canvas.(editorCanvas).CoverageShown(); !on || !strings.HasPrefix(e.status.Text, "Coverage (") {
				t.Fatalf("coverage not shown before replacing the flow: overlay %v, status %q", on, e.status.Text)
			}
			before := e.doc
			replace(e)
			if e.doc == before {
				t.Fatal("the flow was not replaced")
			}
			if on, taken, never, unreached := e.canvas.(editorCanvas).CoverageShown(); on {
				t.Errorf("the overlay stays on the new flow: %d taken, %d never, %d unreached", taken, never, unreached)
			}
			if e.lastCoverage != nil {
				t.Error("the old flow's coverage is still the coverage shown")
			}
			if got, want := e.status.Text, e.fileStatus(); got != want {
				t.Errorf("status %q, want the new flow's %q", got, want)
			}
			for _, d := range e.problems.Diagnostics() {
				if d.Rule == ruleUntested {
					t.Errorf("Problems still lists the old coverage's %s: %s", d.Widget, d.Message)
				}
			}
			// An edit keeps the file's status, not a coverage summary.
			if err := e.doc.Apply(model.SetFlowField("description", "Edited")); err != nil {
				t.Fatal(err)
			}
			if got, want := e.status.Text, e.fileStatus(); got != want {
				t.Errorf("status %q after an edit, want %q", got, want)
			}
		})
	}
}

// importFlow imports text through Import Flow JSON.
func importFlow(t *testing.T, e *Editor, text string) {
	t.Helper()
	e.ImportJSON()
	e.lastJSON.entry.SetText(text)
	if !e.applyImport(e.lastJSON) {
		t.Fatalf("the import was refused: %s", e.lastJSON.status.Text)
	}
}

// A coverage run that ends after another flow replaced the one it measured
// shows nothing, not even its error; on the flow it measured it shows.
func TestCoverageOfAReplacedFlowIsNotShown(t *testing.T) {
	a := test.NewTempApp(t)
	path := coverFixture(t)
	e := newTestEditor(t, a, Options{Path: path})
	data, err := os.ReadFile(coverProfile(t, e, path))
	if err != nil {
		t.Fatal(err)
	}
	p, err := coverage.ReadProfile(data)
	if err != nil || len(p.Flows) != 1 {
		t.Fatalf("profile: %v, %d flows", err, len(p.Flows))
	}
	measured := e.doc
	e.New()
	e.coverageRan(measured, path, p.Flows[0], 5, nil)
	if on, _, _, _ := e.canvas.(editorCanvas).CoverageShown(); on || e.lastCoverage != nil {
		t.Errorf("the replaced flow's coverage shows on the new one (overlay %v)", on)
	}
	if got, want := e.status.Text, e.fileStatus(); got != want {
		t.Errorf("status %q, want the new flow's %q", got, want)
	}
	e.coverageRan(measured, path, nil, 0, errors.New("a scenario failed"))
	if top := e.win.Canvas().Overlays().Top(); top != nil {
		t.Error("the replaced flow's coverage error shows over the new flow")
	}
	e.coverageRan(e.doc, path, p.Flows[0], 5, nil)
	if on, _, _, _ := e.canvas.(editorCanvas).CoverageShown(); !on || !strings.HasPrefix(e.status.Text, "Coverage (5 scenarios") {
		t.Errorf("coverage of the flow shown: overlay %v, status %q", on, e.status.Text)
	}
}
