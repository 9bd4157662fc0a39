package canvas

import (
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	fynecanvas "fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

func TestCoverageOverlayDashesNeverTakenWiresAndDimsUnreachedWidgets(t *testing.T) {
	test.NewTempApp(t)
	f := readFlow(t, filepath.Join("..", "engine", "scenario", "testdata", "cover", "support-line.json"))
	e, r, w := openEditor(t, f, fyne.NewSize(900, 700))
	showAll(e, w)
	e.SetCoverage(&Coverage{
		Taken:      []WireRef{{From: "menu", Transition: 0}, {From: "route", Transition: 1}},
		NeverTaken: []WireRef{{From: "menu", Transition: 1}, {From: "lookup", Transition: 1}},
		Unreached:  []string{"agent", "sorry"},
	})
	r.Refresh()
	if on, taken, never, unreached := e.CoverageShown(); !on || taken != 2 || never != 2 || unreached != 2 {
		t.Fatalf("shown %v %d %d %d", on, taken, never, unreached)
	}
	if r.cover.nDash < 4 {
		t.Fatalf("%d dashes for two never-taken wires", r.cover.nDash)
	}
	for _, d := range r.cover.dashes[:r.cover.nDash] {
		if d.StrokeColor != warningColor {
			t.Fatalf("a dash in %v, want the warning colour", d.StrokeColor)
		}
	}
	if r.cover.nDim != 2 {
		t.Errorf("%d widgets dimmed, want agent and sorry", r.cover.nDim)
	}
	objs := r.Objects()
	drawn := func(o fyne.CanvasObject) bool {
		for _, x := range objs {
			if x == o {
				return true
			}
		}
		return false
	}
	if !drawn(r.cover.dims[0]) || !drawn(r.cover.dashes[0]) {
		t.Error("the overlay's shapes are not among the objects drawn")
	}
	// A taken wire is solid in the taken colour.
	solid := 0
	for _, ws := range r.wireShapes {
		for _, c := range ws.curves {
			if c.StrokeColor == takenColor && drawn(c) {
				solid++
			}
		}
	}
	if solid == 0 {
		t.Error("no taken wire is drawn solid in the taken colour")
	}
	writeShot(t, w, "coverage-overlay")

	e.SetCoverage(nil)
	r.Refresh()
	if on, _, _, _ := e.CoverageShown(); on || r.cover.nDash != 0 || r.cover.nDim != 0 {
		t.Errorf("after clearing: on %v, %d dashes, %d veils", on, r.cover.nDash, r.cover.nDim)
	}
	var _ *fynecanvas.Line = r.cover.dashes[0]
}
