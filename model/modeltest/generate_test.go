package modeltest_test

import (
	"testing"

	"github.com/studioflow/studioflow/model/modeltest"
	"github.com/studioflow/studioflow/schemas"
)

func TestGeneratedFlowIsClean(t *testing.T) {
	cat, err := schemas.Load()
	if err != nil {
		t.Fatal(err)
	}
	v, err := schemas.NewValidator(cat)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{2, 7, 100, 1000} {
		f := modeltest.GenerateFlow(n)
		if f.Len() != n {
			t.Fatalf("GenerateFlow(%d) has %d widgets", n, f.Len())
		}
		for _, d := range v.ValidateFlow(f) {
			t.Errorf("GenerateFlow(%d): %s %s %s: %s", n, d.Severity, d.Widget, d.Path, d.Message)
		}
	}
}
