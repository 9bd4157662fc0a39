package flowmerge

import (
	"strings"
	"testing"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/model/flowdiff"
)

func TestParsePath(t *testing.T) {
	segs, err := parsePath(`transitions[match "If value equal_to 1.5 [x]"].next`)
	if err != nil {
		t.Fatal(err)
	}
	if len(segs) != 2 || segs[0].key != "transitions" || segs[0].sel != `match "If value equal_to 1.5 [x]"` || segs[1].key != "next" || segs[1].hasSel {
		t.Errorf("segments = %+v", segs)
	}
	segs, err = parsePath("properties.parameters[key=a.b].value")
	if err != nil || len(segs) != 3 || segs[1].key != "parameters" || segs[1].sel != "key=a.b" || segs[2].key != "value" {
		t.Errorf("segments = %+v, %v", segs, err)
	}
	if _, err := parsePath("properties.to[2"); err == nil {
		t.Error("a cut path parsed")
	}
}

// resolveAll settles every conflict of r with side and checks the result
// equals want (the base with edits applied).
func resolveAll(t *testing.T, r *Result, side Side) *model.Flow {
	t.Helper()
	f := r.Flow
	for len(f.Conflicts()) > 0 {
		var err error
		if f, err = Resolve(f, 0, side); err != nil {
			t.Fatal(err)
		}
	}
	if f.Root().Has(model.ConflictsKey) {
		t.Error("resolving every conflict left " + model.ConflictsKey)
	}
	return f
}

func expectFlow(t *testing.T, got *model.Flow, edit func(d map[string]any)) {
	t.Helper()
	want := baseTree(t)
	edit(want)
	if d := flowdiff.Compare(flowOf(t, want), got); !d.Same() {
		var b strings.Builder
		flowdiff.WriteText(&b, d)
		t.Errorf("resolved flow differs:\n%s", b.String())
	}
}

func TestResolveEachKindBothWays(t *testing.T) {
	for _, tc := range []struct {
		name         string
		ours, theirs func(d map[string]any)
		afterOurs    func(d map[string]any)
		afterTheirs  func(d map[string]any)
	}{
		{
			name:   "property",
			ours:   func(d map[string]any) { props(d, "menu")["timeout"] = 8 },
			theirs: func(d map[string]any) { props(d, "menu")["timeout"] = 12 },
		},
		{
			name:   "transition",
			ours:   func(d map[string]any) { transition(d, "route", 1)["next"] = "support" },
			theirs: func(d map[string]any) { transition(d, "route", 1)["next"] = "bye" },
		},
		{
			name:   "setting",
			ours:   func(d map[string]any) { d["flags"] = map[string]any{"allow_concurrent_calls": false} },
			theirs: func(d map[string]any) { d["flags"] = map[string]any{"allow_concurrent_calls": "no"} },
		},
		{
			name:   "parameter",
			ours:   func(d map[string]any) { props(d, "sales")["parameters"].([]any)[0].(map[string]any)["value"] = "a" },
			theirs: func(d map[string]any) { props(d, "sales")["parameters"].([]any)[0].(map[string]any)["value"] = "b" },
		},
		{
			name: "deleted and changed",
			ours: func(d map[string]any) {
				removeWidget(d, "support")
				transition(d, "route", 2)["next"] = "sales"
			},
			theirs: func(d map[string]any) { props(d, "support")["loop"] = 2 },
			// Taking theirs keeps their widget beside our rewiring.
			afterTheirs: func(d map[string]any) {
				props(d, "support")["loop"] = 2
				transition(d, "route", 2)["next"] = "sales"
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, _ := merge3(t, tc.ours, tc.theirs)
			if r.Clean() {
				t.Fatal("no conflict to resolve")
			}
			expectFlow(t, resolveAll(t, r, Ours), tc.ours)
			after := tc.afterTheirs
			if after == nil {
				after = tc.theirs
			}
			expectFlow(t, resolveAll(t, r, Theirs), after)
		})
	}
}

func TestResolveOneOfSeveral(t *testing.T) {
	r, _ := merge3(t,
		func(d map[string]any) { props(d, "menu")["timeout"] = 8; props(d, "bye")["say"] = "A" },
		func(d map[string]any) { props(d, "menu")["timeout"] = 12; props(d, "bye")["say"] = "B" })
	if len(r.Conflicts) != 2 {
		t.Fatalf("conflicts = %d, want 2", len(r.Conflicts))
	}
	f, err := Resolve(r.Flow, 1, Theirs)
	if err != nil {
		t.Fatal(err)
	}
	left := f.Conflicts()
	if len(left) != 1 || left[0].Path != r.Conflicts[0].Path {
		t.Errorf("left = %+v", left)
	}
	if r.Conflicts[1].Path != "properties.say" {
		t.Fatalf("second conflict = %+v", r.Conflicts[1])
	}
	if v, _ := f.State("bye").Property("say"); v != "B" {
		t.Errorf("say = %v, want theirs (B)", v)
	}
	if _, err := Resolve(f, 5, Ours); err == nil {
		t.Error("resolving a conflict that is not there succeeded")
	}
}
