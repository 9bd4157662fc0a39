package schemas

import (
	"hash/maphash"
	"testing"

	"github.com/studioflow/studioflow/model"
)

// Widgets whose JSON differs in any way the validator can see get
// different cache keys; the same JSON parsed twice gets the same key.
func TestContentHashSeesEveryDifference(t *testing.T) {
	seed := maphash.MakeSeed()
	texts := []string{
		`{"a": 60}`, `{"a": 60.0}`, `{"a": "60"}`, `{"a": [60]}`,
		`{"a": "b", "c": "d"}`, `{"c": "d", "a": "b"}`, `{"a": "bc", "": "d"}`, `{"ab": "c", "": "d"}`,
		`{"a": null}`, `{"a": false}`, `{"a": true}`, `{"a": {}}`, `{"a": []}`, `{}`,
		`{"a": ["b", "c"]}`, `{"a": ["bc"]}`, `{"a": [["b"], "c"]}`, `{"a": [["b", "c"]]}`,
	}
	seen := map[uint64]string{}
	for _, text := range texts {
		v, err := model.ParseValue([]byte(text))
		if err != nil {
			t.Fatal(err)
		}
		again, _ := model.ParseValue([]byte(text))
		h := hashValue(seed, 1, v)
		if hashValue(seed, 1, again) != h {
			t.Errorf("%s: two parses hash differently", text)
		}
		if other, dup := seen[h]; dup {
			t.Errorf("%s and %s get the same key", text, other)
		}
		seen[h] = text
	}
}

// Merging the flow rules' findings into the per-widget ones (in widget
// order) gives exactly what a stable sort of both would.
func TestMergeDiagnosticsIsTheStableSort(t *testing.T) {
	d := func(path, msg string) Diagnostic { return Diagnostic{Path: path, Message: msg} }
	flow := []Diagnostic{d("/states/7", "f1"), d("/flags", "f2"), d("/states/2/name", "f3"), d("/states/7/x", "f4"), d("/states/40", "f5")}
	widgets := []Diagnostic{d("/states/0/a", "w1"), d("/states/2", "w2"), d("/states/2/b", "w3"), d("/states/7", "w4"), d("/states/9", "w5")}
	for _, ws := range [][]Diagnostic{widgets, {widgets[3], widgets[0]}, nil} {
		want := append(append([]Diagnostic(nil), flow...), ws...)
		sortDiagnostics(want)
		got := mergeDiagnostics(append([]Diagnostic(nil), flow...), append([]Diagnostic(nil), ws...))
		if formatDiags(got) != formatDiags(want) {
			t.Errorf("merged:\n%ssorted:\n%s", formatDiags(got), formatDiags(want))
		}
	}
}

// ValidateWidget keeps a flow's graph between calls, but not past a change
// to it: a reference becomes upstream once a wire makes it so, and stops
// being upstream when the wire goes.
func TestValidateWidgetFollowsRewiring(t *testing.T) {
	v := newTestValidator(t)
	f := generatedFlow(t, 30)
	doc := model.NewDocument(f)
	// w_10 (set-variables, after w_9) reads w_20, downstream of it.
	if err := doc.Apply(model.SetProperty("w_10", "variables", []any{model.NewObject(model.Member{Key: "key", Value: "k"}, model.Member{Key: "value", Value: "{{widgets.w_20.body}}"})})); err != nil {
		t.Fatal(err)
	}
	refs := func() int {
		n := 0
		for _, d := range v.ValidateWidget(doc.Flow(), "w_10") {
			if d.Rule == RuleReference {
				n++
			}
		}
		return n
	}
	if refs() != 1 {
		t.Fatalf("w_20 is downstream of w_10: want one reference warning")
	}
	// A wire from w_20 back to w_10 puts w_20 upstream of it.
	if err := doc.Apply(model.Connect("w_20", 0, "w_10")); err != nil {
		t.Fatal(err)
	}
	if n := refs(); n != 0 {
		t.Errorf("w_20 now leads to w_10: %d reference warnings, want none", n)
	}
	if _, err := doc.Undo(); err != nil {
		t.Fatal(err)
	}
	if n := refs(); n != 1 {
		t.Errorf("after undo: %d reference warnings, want one", n)
	}
}

// The cache remembers widgets without findings (in its set of clean keys)
// and widgets with findings alike, by the lot and one by one.
func TestContentCacheRemembersCleanAndFound(t *testing.T) {
	c := newContentCache()
	found := []Diagnostic{{Severity: Error, Path: "/properties/x", Message: "m"}}
	c.putAll([]uint64{1, 2, 3}, [][]Diagnostic{nil, found, {}}, nil)
	values := make([][]Diagnostic, 4)
	ok := make([]bool, 4)
	c.getAll([]uint64{1, 2, 3, 4}, values, ok)
	if !ok[0] || !ok[1] || !ok[2] || ok[3] {
		t.Fatalf("found %v, want the three remembered keys only", ok)
	}
	if len(values[0]) != 0 || len(values[2]) != 0 || len(values[1]) != 1 || values[1][0].Message != "m" {
		t.Errorf("values %v, want the findings of key 2 only", values)
	}
	s := generatedFlow(t, 3).StateAt(1)
	computed := 0
	compute := func(*model.State) []Diagnostic { computed++; return found }
	for range 2 {
		if got := c.findings(s, compute); len(got) != 1 {
			t.Errorf("findings %v, want the computed one", got)
		}
	}
	if computed != 1 {
		t.Errorf("computed %d times, want once", computed)
	}
}
