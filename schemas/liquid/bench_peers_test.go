package liquid

import (
	"testing"

	"github.com/studioflow/studioflow/internal/benchpeer"
)

// BenchmarkPeerRender: every template of the spec benchpeers writes,
// rendered once per run with its variables, templates parsed once (the
// engine's cache), as liquidjs renders them in cmd/benchpeers/liquid-render.js.
func BenchmarkPeerRender(b *testing.B) {
	spec := benchpeer.LiquidFile(b)
	e := New(nil)
	b.ReportAllocs()
	benchpeer.Run(b, func(start func()) {
		start()
		for _, t := range spec.Templates {
			if _, err := e.Render(t, spec.Vars); err != nil {
				b.Fatal(err)
			}
		}
	})
}
