package schemas

import (
	"testing"

	"github.com/studioflow/studioflow/model"
)

// Validations of one catalog reuse the memory of its flow-wide tables,
// sized by the biggest flow seen: a small flow after a big one, and the
// big one again, find what validators of catalogs of their own find.
func TestFlowScratchReuseAcrossFlowSizes(t *testing.T) {
	withReference := func(n int) *model.Flow {
		doc := model.NewDocument(generatedFlow(t, n))
		// w_1 reads w_3, downstream of it: a reference the upstream index decides.
		if err := doc.Apply(model.SetProperty("w_1", "variables", []any{model.NewObject(model.Member{Key: "key", Value: "k"}, model.Member{Key: "value", Value: "{{widgets.w_3.body}}"})})); err != nil {
			t.Fatal(err)
		}
		return doc.Flow()
	}
	big, small := withReference(600), withReference(12)
	shared := loadCatalog(t)
	for _, f := range []*model.Flow{big, small, big, small} {
		v, err := NewValidator(shared)
		if err != nil {
			t.Fatal(err)
		}
		got := v.ValidateFlow(f)
		alone, err := NewValidator(loadCatalog(t))
		if err != nil {
			t.Fatal(err)
		}
		want := alone.ValidateFlow(f)
		if formatDiags(got) != formatDiags(want) {
			t.Errorf("%d widgets, shared catalog:\n%salone:\n%s", f.Len(), formatDiags(got), formatDiags(want))
		}
		refs := 0
		for _, d := range got {
			if d.Rule == RuleReference {
				refs++
			}
		}
		if refs == 0 {
			t.Errorf("%d widgets: no reference finding, want w_1's", f.Len())
		}
	}
}
