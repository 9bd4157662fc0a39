package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
	"github.com/studioflow/studioflow/ui/kbd"
)

// conflictedFlow is a blank flow with two recorded merge conflicts.
func conflictedFlow(t *testing.T) *model.Flow {
	t.Helper()
	root := model.NewBlankFlow().Root().Clone()
	root.Set(model.ConflictsKey, []any{
		model.Conflict{Widget: "", Path: "description", Base: "A New Flow", HasBase: true,
			Ours: "Ours", HasOurs: true, Theirs: "Theirs", HasTheirs: true}.Object(),
		model.Conflict{Widget: "Trigger", Path: "properties.offset.x", Base: model.Int(0), HasBase: true,
			Ours: model.Int(10), HasOurs: true, Theirs: model.Int(20), HasTheirs: true}.Object(),
	})
	root.Set("description", "Ours")
	f, err := model.FromObject(root)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// conflictButton finds a visible button of the conflicts panel whose text
// starts with prefix, in row i.
func conflictButton(t *testing.T, e *Editor, prefix string, i int) *kbd.Button {
	t.Helper()
	n := 0
	for _, o := range test.LaidOutObjects(e.conflicts.Object()) {
		if b, ok := o.(*kbd.Button); ok && b.Visible() && strings.HasPrefix(b.Text, prefix) {
			if n == i {
				return b
			}
			n++
		}
	}
	t.Fatalf("no %q button %d in the conflicts panel", prefix, i)
	return nil
}

func TestConflictsPanelResolvesEachConflictUndoably(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{Flow: conflictedFlow(t)})
	if !e.conflicts.Object().Visible() || len(e.conflicts.Conflicts()) != 2 {
		t.Fatalf("panel visible %v with %d conflicts", e.conflicts.Object().Visible(), len(e.conflicts.Conflicts()))
	}
	hasConflictError := func() bool {
		for _, d := range e.Diagnostics() {
			if d.Rule == schemas.RuleConflict && d.Severity == schemas.Error {
				return true
			}
		}
		return false
	}
	if !hasConflictError() {
		t.Error("the Problems list does not report the conflicts")
	}

	// The first row's buttons show both sides.
	theirs := conflictButton(t, e, "Take theirs", 0)
	if theirs.Text != "Take theirs: Theirs" || conflictButton(t, e, "Keep ours", 0).Text != "Keep ours: Ours" {
		t.Errorf("buttons: %q / %q", theirs.Text, conflictButton(t, e, "Keep ours", 0).Text)
	}
	test.Tap(theirs)
	if e.doc.Flow().Description() != "Theirs" || len(e.conflicts.Conflicts()) != 1 {
		t.Fatalf("after taking theirs: description %q, %d conflicts left", e.doc.Flow().Description(), len(e.conflicts.Conflicts()))
	}
	test.Tap(conflictButton(t, e, "Keep ours", 0))
	if x, _, _ := e.doc.Flow().Trigger().Offset(); x != 10 {
		t.Errorf("after keeping ours: x = %v, want 10", x)
	}
	if len(e.conflicts.Conflicts()) != 0 || e.conflicts.Object().Visible() || e.doc.Flow().Root().Has(model.ConflictsKey) {
		t.Error("with every conflict resolved the panel or the marker stays")
	}
	if hasConflictError() {
		t.Error("the conflict errors stay after resolving")
	}

	// Each pick is one undoable edit.
	if _, err := e.doc.Undo(); err != nil {
		t.Fatal(err)
	}
	if len(e.conflicts.Conflicts()) != 1 || !e.conflicts.Object().Visible() {
		t.Errorf("undo did not bring the last conflict back")
	}
}

// Each conflict names what both sides started from, and many conflicts
// scroll inside the panel instead of pushing the canvas off the window.
func TestConflictsPanelShowsTheBaseAndScrollsManyConflicts(t *testing.T) {
	root := model.NewBlankFlow().Root().Clone()
	var list []any
	for i := 0; i < 6; i++ {
		list = append(list, model.Conflict{Widget: "Trigger", Path: fmt.Sprintf("properties.offset.x%d", i),
			Base: model.Int(0), HasBase: true, Ours: model.Int(10), HasOurs: true, Theirs: model.Int(20), HasTheirs: true}.Object())
	}
	list = append(list, model.Conflict{Widget: "Trigger", Path: "properties.note",
		Ours: "mine", HasOurs: true, Theirs: "yours", HasTheirs: true}.Object())
	root.Set(model.ConflictsKey, list)
	f, err := model.FromObject(root)
	if err != nil {
		t.Fatal(err)
	}
	test.NewTempApp(t)
	c := NewConflicts()
	c.SetDocument(model.NewDocument(f))
	var labels []string
	for _, o := range test.LaidOutObjects(c.Object()) {
		if b, ok := o.(*kbd.Button); ok && b.Importance == widget.LowImportance {
			labels = append(labels, b.Text)
		}
	}
	if len(labels) != 7 || labels[0] != "Trigger · properties.offset.x0 (was 0)" || labels[6] != "Trigger · properties.note (new on both sides)" {
		t.Errorf("conflict names: %q", labels)
	}
	rows := c.rows.MinSize().Height
	if shown := c.Object().MinSize().Height; shown >= rows/2 {
		t.Errorf("the panel asks for %v of height for rows %v high: it does not scroll", shown, rows)
	}
}
