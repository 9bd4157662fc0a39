package flowmerge

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/model/flowdiff"
)

// The base is flowdiff's test IVR (written for those tests).
const baseFile = "../flowdiff/testdata/ivr.json"

func baseTree(t *testing.T) map[string]any {
	t.Helper()
	data, err := os.ReadFile(baseFile)
	if err != nil {
		t.Fatal(err)
	}
	var d map[string]any
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatal(err)
	}
	return d
}

func flowOf(t *testing.T, d map[string]any) *model.Flow {
	t.Helper()
	data, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	f, err := model.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func widget(d map[string]any, name string) map[string]any {
	for _, s := range d["states"].([]any) {
		if w := s.(map[string]any); w["name"] == name {
			return w
		}
	}
	panic("no widget " + name)
}

func props(d map[string]any, name string) map[string]any {
	return widget(d, name)["properties"].(map[string]any)
}

func transition(d map[string]any, name string, i int) map[string]any {
	return widget(d, name)["transitions"].([]any)[i].(map[string]any)
}

func renameIn(d map[string]any, old, new string) {
	widget(d, old)["name"] = new
	for _, s := range d["states"].([]any) {
		for _, tr := range s.(map[string]any)["transitions"].([]any) {
			if tm := tr.(map[string]any); tm["next"] == old {
				tm["next"] = new
			}
		}
	}
}

func removeWidget(d map[string]any, name string) {
	var keep []any
	for _, s := range d["states"].([]any) {
		if s.(map[string]any)["name"] != name {
			keep = append(keep, s)
		}
	}
	d["states"] = keep
}

// merge3 merges two edits of the base.
func merge3(t *testing.T, ours, theirs func(d map[string]any)) (*Result, *model.Flow) {
	t.Helper()
	b, o, th := baseTree(t), baseTree(t), baseTree(t)
	ours(o)
	theirs(th)
	r, err := Merge(flowOf(t, b), flowOf(t, o), flowOf(t, th))
	if err != nil {
		t.Fatal(err)
	}
	// The result is always a flow in canonical form.
	again, err := model.Parse(r.Flow.Marshal())
	if err != nil {
		t.Fatalf("merged flow does not parse: %v", err)
	}
	if string(again.Marshal()) != string(r.Flow.Marshal()) {
		t.Error("merged flow is not in canonical form")
	}
	return r, flowOf(t, b)
}

// expect checks the merge is clean and equals the base with both edits.
func expectClean(t *testing.T, r *Result, both func(d map[string]any)) {
	t.Helper()
	if !r.Clean() {
		t.Fatalf("conflicts: %+v", r.Conflicts)
	}
	if r.Flow.Root().Has(model.ConflictsKey) {
		t.Error("a clean merge wrote " + model.ConflictsKey)
	}
	want := baseTree(t)
	both(want)
	if d := flowdiff.Compare(flowOf(t, want), r.Flow); !d.Same() {
		var b strings.Builder
		flowdiff.WriteText(&b, d)
		t.Errorf("merged flow differs from both edits applied:\n%s", b.String())
	}
}

func TestEditsToDifferentWidgetsMerge(t *testing.T) {
	ours := func(d map[string]any) { props(d, "menu")["timeout"] = 8 }
	theirs := func(d map[string]any) { props(d, "bye")["say"] = "Bye now" }
	r, _ := merge3(t, ours, theirs)
	expectClean(t, r, func(d map[string]any) { ours(d); theirs(d) })
}

func TestEditsToDifferentPropertiesOfOneWidgetMerge(t *testing.T) {
	ours := func(d map[string]any) { props(d, "menu")["timeout"] = 8 }
	theirs := func(d map[string]any) {
		props(d, "menu")["say"] = "Press 1 for sales."
		props(d, "menu")["offset"] = map[string]any{"x": 100, "y": 260}
	}
	r, _ := merge3(t, ours, theirs)
	expectClean(t, r, func(d map[string]any) { ours(d); theirs(d) })
}

func TestOffsetsMergeByCoordinate(t *testing.T) {
	ours := func(d map[string]any) { props(d, "route")["offset"] = map[string]any{"x": 300, "y": 450} }
	theirs := func(d map[string]any) { props(d, "route")["offset"] = map[string]any{"x": 100, "y": 500} }
	r, _ := merge3(t, ours, theirs)
	expectClean(t, r, func(d map[string]any) { props(d, "route")["offset"] = map[string]any{"x": 300, "y": 500} })
}

func TestRenameOnOneSideKeepsTheOtherSidesEditsAndTransitions(t *testing.T) {
	ours := func(d map[string]any) {
		renameIn(d, "menu", "main_menu")
		props(d, "route")["input"] = "{{widgets.main_menu.Digits}}"
	}
	theirs := func(d map[string]any) {
		props(d, "menu")["timeout"] = 9
		// A new widget of theirs points at the widget by its old name.
		d["states"] = append(d["states"].([]any), map[string]any{"name": "again", "type": "say-play",
			"transitions": []any{map[string]any{"event": "audioComplete", "next": "menu"}},
			"properties":  map[string]any{"offset": map[string]any{"x": 500, "y": 500}, "say": "Again: {{widgets.menu.Digits}}", "loop": 1}})
		transition(d, "route", 0)["next"] = "again"
	}
	r, _ := merge3(t, ours, theirs)
	expectClean(t, r, func(d map[string]any) {
		theirs(d)
		renameIn(d, "menu", "main_menu")
		props(d, "route")["input"] = "{{widgets.main_menu.Digits}}"
		// Liquid is merged as written (Studio does not rewrite it on a rename either).
	})
}

func TestAddedWidgetsAndTransitionsOnBothSidesMerge(t *testing.T) {
	ours := func(d map[string]any) {
		d["states"] = append(d["states"].([]any), map[string]any{"name": "a", "type": "say-play", "transitions": []any{},
			"properties": map[string]any{"offset": map[string]any{"x": 1, "y": 1}, "say": "A"}})
		transition(d, "bye", 0)["next"] = "a"
	}
	theirs := func(d map[string]any) {
		w := widget(d, "route")
		w["transitions"] = append(w["transitions"].([]any), map[string]any{"event": "match", "next": "bye", "conditions": []any{
			map[string]any{"friendly_name": "If value equal_to 0", "arguments": []any{"{{widgets.menu.Digits}}"}, "type": "equal_to", "value": "0"}}})
	}
	r, _ := merge3(t, ours, theirs)
	expectClean(t, r, func(d map[string]any) { ours(d); theirs(d) })
}

func TestDeletionOfAnUntouchedWidgetMerges(t *testing.T) {
	ours := func(d map[string]any) {
		removeWidget(d, "support")
		transition(d, "route", 2)["next"] = "sales"
	}
	theirs := func(d map[string]any) { props(d, "sales")["url"] = "https://support-1234-prod.twil.io/sales" }
	r, _ := merge3(t, ours, theirs)
	expectClean(t, r, func(d map[string]any) { ours(d); theirs(d) })
}

// conflictOf runs a merge expected to conflict once and returns the conflict.
func conflictOf(t *testing.T, ours, theirs func(d map[string]any)) (model.Conflict, *Result) {
	t.Helper()
	r, _ := merge3(t, ours, theirs)
	if len(r.Conflicts) != 1 {
		t.Fatalf("conflicts = %+v, want one", r.Conflicts)
	}
	recorded := r.Flow.Conflicts()
	if len(recorded) != 1 || recorded[0].Widget != r.Conflicts[0].Widget || recorded[0].Path != r.Conflicts[0].Path {
		t.Errorf("recorded conflicts = %+v, want %+v", recorded, r.Conflicts)
	}
	return r.Conflicts[0], r
}

func TestSamePropertyChangedBothWaysConflicts(t *testing.T) {
	c, r := conflictOf(t,
		func(d map[string]any) { props(d, "menu")["timeout"] = 8 },
		func(d map[string]any) { props(d, "menu")["timeout"] = 12 })
	if c.Widget != "menu" || c.Path != "properties.timeout" || !c.HasOurs || !c.HasTheirs ||
		c.Ours != json.Number("8") || c.Theirs != json.Number("12") || c.Base != json.Number("5") {
		t.Errorf("conflict = %+v", c)
	}
	if v, _ := r.Flow.State("menu").Property("timeout"); v != json.Number("8") {
		t.Errorf("the flow holds timeout %v, want ours (8) in place", v)
	}
	desc := c.Describe()
	for _, want := range []string{`widget "menu"`, "properties.timeout", "ours has 8", "theirs has 12", "base had 5"} {
		if !strings.Contains(desc, want) {
			t.Errorf("description %q lacks %q", desc, want)
		}
	}
}

func TestTransitionRewiredBothWaysConflicts(t *testing.T) {
	c, _ := conflictOf(t,
		func(d map[string]any) { transition(d, "route", 1)["next"] = "support" },
		func(d map[string]any) { transition(d, "route", 1)["next"] = "bye" })
	if c.Widget != "route" || c.Path != `transitions[match "If value equal_to 1"].next` {
		t.Errorf("conflict = %+v", c)
	}
}

func TestRenamedBothWaysConflicts(t *testing.T) {
	c, r := conflictOf(t,
		func(d map[string]any) { renameIn(d, "bye", "goodbye") },
		func(d map[string]any) { renameIn(d, "bye", "farewell") })
	if c.Path != "name" || c.Ours != "goodbye" || c.Theirs != "farewell" {
		t.Errorf("conflict = %+v", c)
	}
	// References follow the name the flow keeps, so the flow stays whole.
	if next, _ := r.Flow.State("support").Next("audioComplete"); next != "goodbye" {
		t.Errorf("support leads to %q, want goodbye", next)
	}
}

func TestDeletedAndChangedConflicts(t *testing.T) {
	c, r := conflictOf(t,
		func(d map[string]any) {
			removeWidget(d, "support")
			transition(d, "route", 2)["next"] = "sales"
		},
		func(d map[string]any) { props(d, "support")["loop"] = 2 })
	if c.Widget != "support" || c.Path != "" || c.HasOurs || !c.HasTheirs {
		t.Errorf("conflict = %+v", c)
	}
	if r.Flow.State("support") == nil {
		t.Error("the widget they changed was dropped")
	}
}

func TestSettingChangedBothWaysConflicts(t *testing.T) {
	c, _ := conflictOf(t,
		func(d map[string]any) { d["description"] = "Ours" },
		func(d map[string]any) { d["description"] = "Theirs" })
	if c.Widget != "" || c.Path != "description" {
		t.Errorf("conflict = %+v", c)
	}
}

func TestSameWidgetAddedDifferentlyConflicts(t *testing.T) {
	add := func(say string) func(d map[string]any) {
		return func(d map[string]any) {
			d["states"] = append(d["states"].([]any), map[string]any{"name": "extra", "type": "say-play", "transitions": []any{},
				"properties": map[string]any{"offset": map[string]any{"x": 1, "y": 1}, "say": say}})
		}
	}
	c, _ := conflictOf(t, add("one"), add("two"))
	if c.Widget != "extra" || c.Path != "properties.say" || c.HasBase {
		t.Errorf("conflict = %+v", c)
	}
}
