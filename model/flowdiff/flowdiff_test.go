package flowdiff

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/model"
)

// base reads the test IVR (written for these tests) as a plain JSON tree.
func base(t *testing.T) map[string]any {
	t.Helper()
	data, err := os.ReadFile("testdata/ivr.json")
	if err != nil {
		t.Fatal(err)
	}
	var d map[string]any
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatal(err)
	}
	return d
}

func toFlow(t *testing.T, d map[string]any) *model.Flow {
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
		w := s.(map[string]any)
		if w["name"] == name {
			return w
		}
	}
	panic("no widget " + name)
}

func props(d map[string]any, name string) map[string]any {
	return widget(d, name)["properties"].(map[string]any)
}

func transitions(d map[string]any, name string) []any {
	return widget(d, name)["transitions"].([]any)
}

// pairOf returns the base flow and a copy changed by edit.
func pairOf(t *testing.T, edit func(d map[string]any)) (*model.Flow, *model.Flow) {
	t.Helper()
	old := base(t)
	nw := base(t)
	edit(nw)
	return toFlow(t, old), toFlow(t, nw)
}

func text(t *testing.T, d *Diff) string {
	t.Helper()
	var b strings.Builder
	if err := WriteText(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestSameFlowHasNoDifferences(t *testing.T) {
	old, nw := pairOf(t, func(map[string]any) {})
	d := Compare(old, nw)
	if !d.Same() {
		t.Fatalf("a flow compared with itself differs:\n%s", text(t, d))
	}
	if got := text(t, d); got != "" {
		t.Errorf("text of no differences = %q, want nothing", got)
	}
}

func TestRenameIsOneChangeAndReferencesFollow(t *testing.T) {
	old, nw := pairOf(t, func(d map[string]any) {
		widget(d, "menu")["name"] = "main_menu"
		for _, s := range d["states"].([]any) {
			for _, tr := range s.(map[string]any)["transitions"].([]any) {
				tm := tr.(map[string]any)
				if tm["next"] == "menu" {
					tm["next"] = "main_menu"
				}
			}
		}
		// Liquid references follow too.
		props(d, "route")["input"] = "{{widgets.main_menu.Digits}}"
		for _, tr := range transitions(d, "route")[1:] {
			c := tr.(map[string]any)["conditions"].([]any)[0].(map[string]any)
			c["arguments"] = []any{"{{widgets.main_menu.Digits}}"}
		}
		params := props(d, "sales")["parameters"].([]any)
		params[1].(map[string]any)["value"] = "{{widgets.main_menu.Digits}}"
		props(d, "support")["say"] = strings.ReplaceAll(props(d, "support")["say"].(string), "widgets.menu.", "widgets.main_menu.")
	})
	d := Compare(old, nw)
	if len(d.Renamed) != 1 || d.Renamed[0] != (Rename{Old: "menu", New: "main_menu", Type: "gather-input-on-call"}) {
		t.Fatalf("renamed = %+v, want menu → main_menu", d.Renamed)
	}
	if len(d.Added) != 0 || len(d.Removed) != 0 {
		t.Errorf("a rename shows as added %v / removed %v", d.Added, d.Removed)
	}
	if len(d.Changed) != 0 {
		t.Errorf("references that followed the rename show as changes:\n%s", text(t, d))
	}
}

func TestRenameWithAnEditIsStillARename(t *testing.T) {
	old, nw := pairOf(t, func(d map[string]any) {
		w := widget(d, "bye")
		w["name"] = "goodbye"
		props(d, "goodbye")["say"] = "Goodbye and thanks"
		for _, n := range []string{"sales", "support"} {
			for _, tr := range transitions(d, n) {
				tr.(map[string]any)["next"] = "goodbye"
			}
		}
	})
	d := Compare(old, nw)
	if len(d.Renamed) != 1 || d.Renamed[0].Old != "bye" || d.Renamed[0].New != "goodbye" {
		t.Fatalf("renamed = %+v, want bye → goodbye", d.Renamed)
	}
	if len(d.Changed) != 1 || d.Changed[0].Widget != "goodbye" || d.Changed[0].OldName != "bye" ||
		len(d.Changed[0].Properties) != 1 || d.Changed[0].Properties[0].Path != "say" {
		t.Errorf("changed = %+v, want goodbye's say only", d.Changed)
	}
}

func TestDifferentWidgetIsNotARename(t *testing.T) {
	old, nw := pairOf(t, func(d map[string]any) {
		w := widget(d, "bye")
		w["name"] = "farewell"
		props(d, "farewell")["say"] = "See you"
		props(d, "farewell")["loop"] = 3
		props(d, "farewell")["offset"] = map[string]any{"x": 900, "y": 900}
		props(d, "farewell")["voice"] = "alice"
	})
	d := Compare(old, nw)
	if len(d.Renamed) != 0 || len(d.Added) != 1 || len(d.Removed) != 1 {
		t.Errorf("renamed %v added %v removed %v; want a removal and an addition", d.Renamed, d.Added, d.Removed)
	}
}

func TestOffsetOnlyMoveIsLayout(t *testing.T) {
	old, nw := pairOf(t, func(d map[string]any) {
		props(d, "route")["offset"] = map[string]any{"x": 400, "y": 450}
	})
	d := Compare(old, nw)
	if len(d.Moved) != 1 || d.Moved[0].Widget != "route" || *d.Moved[0].From != (Point{100, 450}) || *d.Moved[0].To != (Point{400, 450}) {
		t.Fatalf("moved = %+v", d.Moved)
	}
	if d.Same() || !d.SameIgnoringLayout() || len(d.Changed) != 0 {
		t.Errorf("an offset-only move: Same %v, SameIgnoringLayout %v, changed %v", d.Same(), d.SameIgnoringLayout(), d.Changed)
	}
	if !d.WithoutLayout().Same() {
		t.Error("WithoutLayout still differs")
	}
	if got := text(t, d); !strings.Contains(got, "route: (100, 450) → (400, 450)") {
		t.Errorf("text = %q", got)
	}
}

func TestRewiredTransition(t *testing.T) {
	old, nw := pairOf(t, func(d map[string]any) {
		transitions(d, "route")[1].(map[string]any)["next"] = "support"
	})
	d := Compare(old, nw)
	if len(d.Changed) != 1 || len(d.Changed[0].Transitions) != 1 {
		t.Fatalf("changed = %+v", d.Changed)
	}
	tc := d.Changed[0].Transitions[0]
	if tc.Kind != TransitionRewired || tc.OldNext != "sales" || tc.NewNext != "support" || tc.Label != "If value equal_to 1" {
		t.Errorf("transition change = %+v", tc)
	}
	want := `rewired: route --match "If value equal_to 1"--> sales  became  … --> support`
	if got := text(t, d); !strings.Contains(got, want) {
		t.Errorf("text = %q, want it to contain %q", got, want)
	}
}

func TestReorderedTransitionsOfAWidgetAreNoChange(t *testing.T) {
	old, nw := pairOf(t, func(d map[string]any) {
		tr := transitions(d, "menu")
		tr[0], tr[2] = tr[2], tr[0]
	})
	if d := Compare(old, nw); !d.Same() {
		t.Errorf("reordering a gather's transitions differs:\n%s", text(t, d))
	}
}

func TestReorderedSplitConditionsAreReported(t *testing.T) {
	old, nw := pairOf(t, func(d map[string]any) {
		tr := transitions(d, "route")
		tr[1], tr[2] = tr[2], tr[1]
	})
	d := Compare(old, nw)
	if len(d.Changed) != 1 || len(d.Changed[0].Transitions) != 1 || d.Changed[0].Transitions[0].Kind != TransitionReordered {
		t.Fatalf("changed = %+v", d.Changed)
	}
	if got := d.Changed[0].Transitions[0].Order; strings.Join(got, "|") != "If value equal_to 2|If value equal_to 1" {
		t.Errorf("order = %q", got)
	}
}

func TestAddedAndRemovedConditions(t *testing.T) {
	old, nw := pairOf(t, func(d map[string]any) {
		w := widget(d, "route")
		tr := w["transitions"].([]any)
		tr = append(tr[:2:2], map[string]any{"event": "match", "next": "bye", "conditions": []any{
			map[string]any{"friendly_name": "If value equal_to 9", "arguments": []any{"{{widgets.menu.Digits}}"}, "type": "equal_to", "value": "9"},
		}})
		w["transitions"] = tr // the "2 → support" condition is gone, "9 → bye" is new
	})
	d := Compare(old, nw)
	if len(d.Changed) != 1 {
		t.Fatalf("changed = %+v", d.Changed)
	}
	kinds := map[string]TransitionChange{}
	for _, tc := range d.Changed[0].Transitions {
		kinds[tc.Kind] = tc
	}
	if a := kinds[TransitionAdded]; a.Label != "If value equal_to 9" || a.NewNext != "bye" {
		t.Errorf("added = %+v", a)
	}
	if r := kinds[TransitionRemoved]; r.Label != "If value equal_to 2" || r.OldNext != "support" {
		t.Errorf("removed = %+v", r)
	}
	if len(d.Changed[0].Transitions) != 2 {
		t.Errorf("transitions = %+v, want one added and one removed", d.Changed[0].Transitions)
	}
}

func TestEditedConditionValue(t *testing.T) {
	old, nw := pairOf(t, func(d map[string]any) {
		c := transitions(d, "route")[2].(map[string]any)["conditions"].([]any)[0].(map[string]any)
		c["value"] = "3"
		c["friendly_name"] = "If value equal_to 3"
	})
	d := Compare(old, nw)
	if len(d.Changed) != 1 || len(d.Changed[0].Transitions) != 1 {
		t.Fatalf("changed = %+v", d.Changed)
	}
	tc := d.Changed[0].Transitions[0]
	if tc.Kind != TransitionConditions || len(tc.Conditions) != 2 {
		t.Fatalf("transition change = %+v, want the condition's value and name", tc)
	}
	paths := tc.Conditions[0].Path + " " + tc.Conditions[1].Path
	if !strings.Contains(paths, "conditions[0].value") || !strings.Contains(paths, "conditions[0].friendly_name") {
		t.Errorf("condition paths = %s", paths)
	}
}

func TestLongTextIsDiffedByWord(t *testing.T) {
	old, nw := pairOf(t, func(d map[string]any) {
		p := props(d, "menu")
		p["say"] = strings.Replace(p["say"].(string), "press 2 for support", "press 2 for technical support", 1)
	})
	d := Compare(old, nw)
	c := d.Changed[0].Properties[0]
	if c.Path != "say" || c.TextUnit != "word" {
		t.Fatalf("change = %+v", c)
	}
	if got := wordEdits(c.Text); !strings.Contains(got, "for {+technical +}support") {
		t.Errorf("word diff = %q", got)
	}
	assertRebuilds(t, c)
}

func TestLiquidIsDiffedByLine(t *testing.T) {
	old, nw := pairOf(t, func(d map[string]any) {
		p := props(d, "support")
		p["say"] = strings.Replace(p["say"].(string), "Your call may be recorded.", "Your call will be recorded.", 1)
	})
	d := Compare(old, nw)
	c := d.Changed[0].Properties[0]
	if c.TextUnit != "line" {
		t.Fatalf("change = %+v", c)
	}
	got := text(t, d)
	if !strings.Contains(got, "- Your call may be recorded.") || !strings.Contains(got, "+ Your call will be recorded.") {
		t.Errorf("text = %q", got)
	}
	assertRebuilds(t, c)
}

// assertRebuilds checks a text diff gives back both texts.
func assertRebuilds(t *testing.T, c Change) {
	t.Helper()
	var o, n strings.Builder
	for _, e := range c.Text {
		if e.Op != "+" {
			o.WriteString(e.Text)
		}
		if e.Op != "-" {
			n.WriteString(e.Text)
		}
	}
	if o.String() != c.Old || n.String() != c.New {
		t.Errorf("edits rebuild %q / %q, want %q / %q", o.String(), n.String(), c.Old, c.New)
	}
}

func TestParametersComparedByKey(t *testing.T) {
	old, nw := pairOf(t, func(d map[string]any) {
		p := props(d, "sales")
		params := p["parameters"].([]any)
		params[0], params[1] = params[1], params[0]
		params[0].(map[string]any)["value"] = "{{widgets.menu.Digits | strip}}"
		p["parameters"] = append(params, map[string]any{"key": "lang", "value": "en"})
	})
	d := Compare(old, nw)
	var paths []string
	for _, c := range d.Changed[0].Properties {
		paths = append(paths, c.Kind+" "+c.Path)
	}
	want := "changed parameters[key=choice].value|added parameters[key=lang]"
	if strings.Join(paths, "|") != want {
		t.Errorf("changes = %q, want %q", paths, want)
	}
}

func TestFlowSettings(t *testing.T) {
	old, nw := pairOf(t, func(d map[string]any) {
		d["flags"] = map[string]any{"allow_concurrent_calls": false}
		d["description"] = "Sales and support line"
	})
	d := Compare(old, nw)
	got := text(t, d)
	for _, want := range []string{"flow settings:", "flags.allow_concurrent_calls: true → false", `description: "Support line" → "Sales and support line"`} {
		if !strings.Contains(got, want) {
			t.Errorf("text lacks %q:\n%s", want, got)
		}
	}
}

func TestAddedAndRemovedWidgets(t *testing.T) {
	old, nw := pairOf(t, func(d map[string]any) {
		var states []any
		for _, s := range d["states"].([]any) {
			if s.(map[string]any)["name"] != "support" {
				states = append(states, s)
			}
		}
		states = append(states, map[string]any{"name": "to_agent", "type": "send-to-flex", "transitions": []any{},
			"properties": map[string]any{"offset": map[string]any{"x": 600, "y": 700}, "workflow": "WW0123456789abcdef0123456789abcdef", "channel": "TC0123456789abcdef0123456789abcdef"}})
		d["states"] = states
		transitions(d, "route")[2].(map[string]any)["next"] = "to_agent"
	})
	d := Compare(old, nw)
	if len(d.Added) != 1 || d.Added[0] != (WidgetRef{"to_agent", "send-to-flex"}) {
		t.Errorf("added = %+v", d.Added)
	}
	if len(d.Removed) != 1 || d.Removed[0] != (WidgetRef{"support", "say-play"}) {
		t.Errorf("removed = %+v", d.Removed)
	}
	got := text(t, d)
	for _, want := range []string{"+ to_agent (send-to-flex)", "- support (say-play)", "--> support  became  … --> to_agent"} {
		if !strings.Contains(got, want) {
			t.Errorf("text lacks %q:\n%s", want, got)
		}
	}
}

func TestMemberOrderIsNoChange(t *testing.T) {
	oldData, err := os.ReadFile("testdata/ivr.json")
	if err != nil {
		t.Fatal(err)
	}
	old, err := model.Parse(oldData)
	if err != nil {
		t.Fatal(err)
	}
	nw := toFlow(t, base(t)) // encoding/json sorts the members
	if d := Compare(old, nw); !d.Same() {
		t.Errorf("member order alone differs:\n%s", text(t, d))
	}
}
