package schemas

import (
	"runtime"
	"strconv"
	"testing"
)

// Widget paths cut from the shared text read as written ones.
func TestStatePathIsTheWidgetsPointer(t *testing.T) {
	for _, i := range []int{0, 1, 9, 10, 99, 100, 999, 1000, MaxWidgets - 1, MaxWidgets, MaxWidgets + 5} {
		if got, want := statePath(i), "/states/"+strconv.Itoa(i); got != want {
			t.Errorf("statePath(%d) = %q, want %q", i, got, want)
		}
	}
}

// A flow validated by fresh validators on every core (each chunk's rules
// run by the goroutine that found its content findings, once the wiring is
// ready) gets the same findings as one validated a widget at a time, every
// time: no chunk's rules may read its content findings before they are
// known.
func TestFreshParallelValidationsMatchSerial(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("one core: the parallel path does not run")
	}
	cat := loadCatalog(t)
	f := mistakenFlow(t)
	serialValidator, err := NewValidator(cat)
	if err != nil {
		t.Fatal(err)
	}
	g := newGraph(f)
	ctx := serialValidator.widgetContext(f, newUpstreamIndex(g).leadsTo, g.targets, nil)
	var serial []Diagnostic
	serial = serialValidator.flowSchema(f, serial)
	serial = conflictRules(f, serial)
	serial = serialValidator.flowRules(f, g, serial)
	for i := 0; i < f.Len(); i++ {
		serial = serialValidator.widget(ctx, i, serial)
	}
	sortDiagnostics(serial)
	want := formatDiags(serial)
	for round := range 12 {
		v, err := NewValidator(cat)
		if err != nil {
			t.Fatal(err)
		}
		var got []Diagnostic
		for _, d := range v.ValidateFlow(f) {
			if d.Rule != RuleWidgetLimit { // a flow-size warning the serial list leaves out
				got = append(got, d)
			}
		}
		if got := formatDiags(got); got != want {
			t.Fatalf("round %d: parallel:\n%s\nserial:\n%s", round, got, want)
		}
	}
}
