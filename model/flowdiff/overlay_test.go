package flowdiff

import (
	"strings"
	"testing"
)

func TestOverlayShowsGhostsAndMarksEveryChange(t *testing.T) {
	old, nw := pairOf(t, func(d map[string]any) {
		d["description"] = "Changed"
		var states []any
		for _, s := range d["states"].([]any) {
			if s.(map[string]any)["name"] != "support" {
				states = append(states, s)
			}
		}
		d["states"] = states
		transitions(d, "route")[2].(map[string]any)["next"] = "sales"
		widget(d, "bye")["name"] = "goodbye"
		transitions(d, "sales")[0].(map[string]any)["next"] = "goodbye"
		transitions(d, "sales")[1].(map[string]any)["next"] = "goodbye"
		props(d, "menu")["offset"] = map[string]any{"x": 150, "y": 200}
	})
	d := Compare(old, nw)
	overlay, marks := Overlay(old, nw, d)
	if overlay.Len() != nw.Len()+1 || overlay.State("support") == nil {
		t.Fatalf("overlay has %d widgets, want the new %d and the ghost of support", overlay.Len(), nw.Len())
	}
	// The ghost's wire follows the rename.
	if next, _ := overlay.State("support").Next("audioComplete"); next != "goodbye" {
		t.Errorf("ghost leads to %q, want goodbye", next)
	}
	var kinds []string
	for _, m := range marks {
		kinds = append(kinds, m.Kind+":"+m.Widget)
	}
	want := "settings:|moved:menu|changed:route|renamed:goodbye|removed:support"
	if strings.Join(kinds, "|") != want {
		t.Errorf("marks = %s, want %s", strings.Join(kinds, "|"), want)
	}
	for _, m := range marks {
		if m.Widget == "route" && (len(m.Wires) != 1 || m.Wires[0] != 2 || !strings.Contains(m.Text, "became  … --> sales")) {
			t.Errorf("route's mark = %+v", m)
		}
	}
}
