package schemas

import (
	"strings"
	"testing"

	"github.com/studioflow/studioflow/model"
)

func TestRecordedMergeConflictsAreErrors(t *testing.T) {
	f := model.NewBlankFlow()
	doc := f.Root().Clone()
	doc.Set(model.ConflictsKey, []any{model.Conflict{Widget: "Trigger", Path: "properties.offset.x",
		Base: model.Int(0), HasBase: true, Ours: model.Int(10), HasOurs: true, Theirs: model.Int(20), HasTheirs: true}.Object()})
	withConflict, err := model.FromObject(doc)
	if err != nil {
		t.Fatal(err)
	}
	v := newTestValidator(t)
	var found []Diagnostic
	for _, d := range v.ValidateFlow(withConflict) {
		if d.Rule == RuleConflict {
			found = append(found, d)
		}
	}
	if len(found) != 1 || found[0].Severity != Error || found[0].Widget != "Trigger" ||
		!strings.Contains(found[0].Message, "ours has 10") || !strings.Contains(found[0].Message, "theirs has 20") {
		t.Errorf("conflict diagnostics = %+v", found)
	}
	for _, d := range v.ValidateFlow(f) {
		if d.Rule == RuleConflict {
			t.Errorf("a flow without conflicts got %+v", d)
		}
	}
}
