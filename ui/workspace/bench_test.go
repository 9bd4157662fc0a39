package workspace

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/studio"
)

// BenchmarkHomeRefresh500Flows reloads and lists a workspace of 500 flows,
// as the home does after every change.
func BenchmarkHomeRefresh500Flows(b *testing.B) {
	test.NewTempApp(b)
	store := openStore(b)
	clk := newClock()
	def := readFlow(b, astrologyFlow)
	for i := range 500 {
		if _, err := studio.CreateFlow(store, validator(b), fmt.Sprintf("Flow %03d", i), def, "", clk.now()); err != nil {
			b.Fatal(err)
		}
	}
	w := test.NewTempWindow(b, nil)
	h := NewHome(store, validator(b), w)
	w.SetContent(h.Content())
	w.Resize(fyne.NewSize(1280, 800))
	b.ResetTimer()
	for b.Loop() {
		h.Refresh()
	}
}

// BenchmarkOpenExecution reads an execution with its steps and revision and
// builds its view.
func BenchmarkOpenExecution(b *testing.B) {
	test.NewTempApp(b)
	store := openStore(b)
	f, err := studio.CreateFlow(store, validator(b), "Standby", readFlow(b, vaccineFlow), "", newClock().now())
	if err != nil {
		b.Fatal(err)
	}
	x := recordRun(b, store, f.SID)
	cat := validator(b).Catalog()
	b.ResetTimer()
	for b.Loop() {
		if _, err := NewExecutionView(store, cat, f.SID, x.SID); err != nil {
			b.Fatal(err)
		}
	}
}
