package simulator

import (
	"fmt"
	"maps"
	"testing"
)

// BenchmarkChangedPaths diffs the context of a step that set one widget's
// outputs against the step before, in a run that has passed 300 widgets.
func BenchmarkChangedPaths(b *testing.B) {
	widgets := map[string]any{}
	for i := range 300 {
		out := map[string]any{}
		for j := range 20 {
			out[fmt.Sprintf("field_%d", j)] = fmt.Sprintf("value %d", j)
		}
		widgets[fmt.Sprintf("widget_%d", i)] = out
	}
	before := map[string]any{"widgets": widgets, "flow": map[string]any{"variables": map[string]any{"n": int64(1)}}}
	changed := maps.Clone(widgets)
	changed["widget_7"] = map[string]any{"status_code": int64(200), "body": "{}"}
	after := map[string]any{"widgets": changed, "flow": before["flow"]}
	b.ReportAllocs()
	for b.Loop() {
		if got := changedPaths(before, after); !got[joinPath("widgets", "widget_7", "body")] {
			b.Fatal("change not found")
		}
	}
}
