package simulator

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	fynetest "fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/engine"
)

// Steps arriving one at a time are measured once each: the Steps table
// keeps its columns' longest widths and measures only the new row's cells
// (a long run re-measured every row for every event), and the widths are
// those a fit of all rows at once gives.
func TestStepColumnsMeasureOnlyTheStepsAdded(t *testing.T) {
	fynetest.NewTempApp(t)
	calls := 0
	counting := func(s string, size float32, style fyne.TextStyle) fyne.Size {
		calls++
		return fyne.MeasureText(s, size, style)
	}
	v := newStepLog(nil)
	v.fit.measure = counting
	rv := &runView{}
	v.reset(rv)
	calls = 0
	const steps = 200
	for i := range steps {
		rv.steps = append(rv.steps, &engine.Step{
			DateCreated:      time.Date(2024, 6, 3, 16, 0, i%60, 0, time.UTC),
			TransitionedFrom: "widget_" + strings.Repeat("x", i%37),
			TransitionedTo:   fmt.Sprintf("next_%d", i),
			Type:             "say-play",
			Name:             "audioComplete",
		})
		v.add()
	}
	t.Logf("%d steps added one by one: %d texts measured", steps, calls)
	if limit := steps * len(stepColumns); calls > limit {
		t.Errorf("%d steps added one by one measured %d texts, want at most %d (one per cell)", steps, calls, limit)
	}

	all := newStepLog(nil)
	all.reset(rv)
	for col := range stepColumns {
		if got, want := v.fit.natural[col], all.fit.natural[col]; got != want {
			t.Errorf("column %s is %v wide after steps one by one, %v after all at once", stepColumns[col].title, got, want)
		}
	}
	// Another run shown measures its own rows afresh: the columns narrow.
	v.reset(&runView{steps: rv.steps[:1]})
	if v.fit.natural[1] >= all.fit.natural[1] {
		t.Errorf("the Widget column stayed %v wide for a run whose widget name is short", v.fit.natural[1])
	}
}
