package canvas

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/model/modeltest"
)

// BenchmarkOpenFlowView measures building the view of a generated flow and
// laying out its first frame (canvas objects made and placed, not painted).
func BenchmarkOpenFlowView(b *testing.B) {
	for _, n := range []int{200, 1000, 2000} {
		b.Run(fmt.Sprintf("widgets=%d", n), func(b *testing.B) {
			test.NewTempApp(b)
			cat := loadCatalogB(b)
			f := modeltest.GenerateFlow(n)
			for b.Loop() {
				v := NewFlowView(f, cat)
				r := v.CreateRenderer()
				r.Layout(v.ContentSize())
			}
		})
	}
}
