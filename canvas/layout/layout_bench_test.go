package layout

import (
	"fmt"
	"testing"
)

func BenchmarkLayout(b *testing.B) {
	for _, n := range []int{200, 1000, 2000} {
		f := generated(b, n)
		b.Run(fmt.Sprintf("widgets=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if got := Layout(f, Options{Grid: 20}); len(got) != n {
					b.Fatalf("%d positions for %d widgets", len(got), n)
				}
			}
		})
	}
}

func BenchmarkNeedsLayout2000(b *testing.B) {
	f := generated(b, 2000)
	for b.Loop() {
		NeedsLayout(f)
	}
}

func BenchmarkLayoutTangled(b *testing.B) {
	for _, reach := range []int{10, 100, 2000} {
		f := tangledFlow(b, 2000, reach, 7)
		b.Run(fmt.Sprintf("widgets=2000/reach=%d", reach), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Layout(f, Options{})
			}
		})
	}
}

func BenchmarkLayoutFunnel2000(b *testing.B) {
	f := funnelFlow(b, 2000)
	b.ReportAllocs()
	for b.Loop() {
		Layout(f, Options{})
	}
}
