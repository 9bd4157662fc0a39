package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

// problemRowOf is the Problems list's row showing widget's problem.
func problemRowOf(t *testing.T, e *Editor, widget string) *problemRow {
	t.Helper()
	for _, o := range test.LaidOutObjects(e.problems.list) {
		if r, ok := o.(*problemRow); ok && r.Visible() && r.d.Widget == widget {
			return r
		}
	}
	t.Fatalf("no row of the Problems list shows %s's problem (%v)", widget, e.problems.Diagnostics())
	return nil
}

// tipShows reports whether the tip layer draws anything.
func tipShows(e *Editor) bool {
	if e.tips.back.Visible() {
		return true
	}
	for _, l := range e.tips.lines {
		if l.Visible() {
			return true
		}
	}
	return false
}

// Hovering a problem shows its tooltip; fixing the problem (typing in the
// inspector, the pointer not moving) takes the tooltip away with it, the
// last problem's too, when the list folds. Moving over a row again shows
// the problem now there.
func TestAProblemsTooltipGoesWhenTheProblemIsFixed(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{Flow: readShared(t, "horoscope.json")})
	for i, widget := range []string{"get_horoscope", "get_compatibility", "get_celebrity_match"} {
		row := problemRowOf(t, e, widget)
		row.MouseIn(&desktop.MouseEvent{})
		if got := e.tips.Text(); !strings.HasPrefix(got, widget+": url is empty") {
			t.Fatalf("hovering %s's problem shows %q", widget, got)
		}
		e.selectWidgets([]string{widget})
		typeInto(t, e, "/properties/url", "https://example.com/"+widget)
		uiQueue(e).Run()
		for _, d := range e.problems.Diagnostics() {
			if d.Widget == widget {
				t.Fatalf("typing a URL left %s's problem: %v", widget, d)
			}
		}
		if got := e.tips.Text(); got != "" || tipShows(e) {
			t.Errorf("after %s's problem was fixed its tooltip stays (%q)", widget, got)
		}
		row.MouseMoved(&desktop.MouseEvent{})
		if left := len(e.problems.Diagnostics()); left > 0 && e.tips.Text() == "" {
			t.Errorf("with %d problem(s) left, moving over the row shows no tooltip", left)
		}
		if i == 2 && e.dock.Open() {
			t.Error("the Problems list stays open with no problems")
		}
		row.MouseOut()
	}
}
