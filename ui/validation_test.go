package ui

import (
	"slices"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
)

// TestFullValidationRunsOffTheUIGoroutineAndKeepsLaterEdits drives the
// background path by hand: results come back through a queue that the test
// drains, as fyne.Do would on the UI goroutine.
func TestFullValidationRunsOffTheUIGoroutineAndKeepsLaterEdits(t *testing.T) {
	cat := loadCatalog(t)
	val, err := schemas.NewValidator(cat)
	if err != nil {
		t.Fatal(err)
	}
	f, names := flowWith(t, cat, "run-subflow", "say-play")
	doc := model.NewDocument(f)
	queue := make(uiLoop, 8)
	var shown []schemas.Diagnostic
	updates := 0
	live := newLiveValidation(val, func(ds []schemas.Diagnostic) { shown = ds; updates++ }, queue)
	doc.Subscribe(live.changed)
	live.reset(doc)
	if !live.running {
		t.Fatal("the first validation did not start in the background")
	}

	// While it runs: a structural change (queued for one more run) and a
	// keystroke in run-subflow's SID (validated at once).
	if err := doc.Apply(model.Connect("Trigger", 1, names[1])); err != nil {
		t.Fatal(err)
	}
	if err := doc.Apply(model.Disconnect("Trigger", 1)); err != nil {
		t.Fatal(err)
	}
	if err := doc.Apply(model.SetProperty(names[0], "flow_sid", "FW0123456789abcdef0123456789abcdef")); err != nil {
		t.Fatal(err)
	}
	if !live.again {
		t.Error("structural changes during a run did not ask for one more")
	}
	(<-queue)() // the first result: stale, but the SID edit is re-checked on top
	for _, d := range shown {
		if d.Widget == names[0] && strings.HasSuffix(d.Path, "/flow_sid") {
			t.Errorf("the stale result brought back %q", d.Message)
		}
	}
	if !live.running {
		t.Fatal("the queued run did not start")
	}
	(<-queue)()
	if live.running || live.again {
		t.Error("validation still running after the queued run")
	}
	want := val.ValidateFlow(doc.Flow())
	if len(shown) != len(want) {
		t.Fatalf("%d diagnostics shown, a full validation gives %d", len(shown), len(want))
	}
	for i := range want {
		if shown[i] != want[i] {
			t.Errorf("diagnostic %d: %v, want %v", i, shown[i], want[i])
		}
	}
	if updates != 3 {
		t.Errorf("%d updates of the views, want 3 (two runs and one keystroke)", updates)
	}
}

// Renaming the variable a Set Variables sets changes what other widgets
// read: their findings follow at once, not at the next change to the graph.
func TestEditingASetVariablesRevalidatesTheWidgetsThatReadIt(t *testing.T) {
	e := provenanceEditor(t)
	unset := func() bool {
		return slices.ContainsFunc(e.live.Diagnostics(), func(d schemas.Diagnostic) bool {
			return d.Widget == "lookup" && strings.Contains(d.Message, "flow.variables.choice, but no Set Variables widget sets choice")
		})
	}
	if unset() {
		t.Fatal("before the edit, lookup's choice is reported unset")
	}
	renamed, err := model.ParseValue([]byte(`[{"key": "picked", "value": "{{widgets.menu.Digits}}"}, {"key": "lang", "value": "en"}]`))
	if err != nil {
		t.Fatal(err)
	}
	if err := e.doc.Apply(model.SetProperty("keep_choice", "variables", renamed)); err != nil {
		t.Fatal(err)
	}
	if !unset() {
		t.Errorf("after keep_choice stopped setting choice, lookup's findings are %v", e.live.Diagnostics())
	}
	e.Undo()
	if unset() {
		t.Error("after undo, lookup's choice is still reported unset")
	}
}
