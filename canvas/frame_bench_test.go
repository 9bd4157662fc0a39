package canvas

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/studioflow/studioflow/internal/benchpeer"
	"github.com/studioflow/studioflow/model/modeltest"
)

// BenchmarkFrame is one pan or zoom step at 2000 widgets and the frame
// that shows it, painted by Fyne's software painter (the test driver's
// Capture): our work and Fyne's together, an upper bound for the GL
// painter of the real window.
func BenchmarkFrame(b *testing.B) {
	const n = 2000
	for _, step := range []string{"pan", "zoom"} {
		for _, lv := range zoomLevels {
			b.Run(fmt.Sprintf("widgets=%d/%s/%s", n, step, lv.name), func(b *testing.B) {
				e, _, w := openEditor(b, modeltest.GenerateFlow(n), benchSize)
				e.viewTouched = true
				e.view.zoom = max(lv.zoom, minZoom)
				e.view.centerOn(e.graph.nodes[len(e.graph.nodes)/2].pos, benchSize)
				if lv.zoom == 0 {
					e.view.fit(e.graph.bounds(), benchSize, 1)
				}
				e.Refresh()
				w.Canvas().Capture()
				at := fyne.NewPos(benchSize.Width/2, benchSize.Height/2)
				if step == "pan" {
					e.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: at}, Button: desktop.MouseButtonTertiary})
					defer e.DragEnd()
				} else {
					e.KeyDown(&fyne.KeyEvent{Name: desktop.KeyControlLeft})
				}
				k := 0
				defer benchpeer.CPUPerOp(b)()
				for b.Loop() {
					k++
					d := float32(7)
					if k%2 == 0 {
						d = -7
					}
					if step == "pan" {
						at = at.AddXY(d, d)
						e.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: at}, Dragged: fyne.NewDelta(d, d)})
					} else {
						e.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: at}, Scrolled: fyne.NewDelta(0, d)})
					}
					w.Canvas().Capture()
				}
			})
		}
	}
}
