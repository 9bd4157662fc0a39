package canvas

import (
	"fmt"
	"io"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/canvas/uiloop"
	"github.com/studioflow/studioflow/internal/benchpeer"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/model/modeltest"
)

// The frame a window of the target machine shows.
var benchSize = fyne.NewSize(1280, 800)

var benchSizes = []int{200, 1000, 2000}

// BenchmarkOpen measures opening a generated flow to its first frame:
// the graph built (text measured, wires routed, indexes filled) and the
// canvas objects of what is in view made and placed, in a window.
func BenchmarkOpen(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("widgets=%d", n), func(b *testing.B) {
			test.NewTempApp(b)
			cat := loadCatalog(b)
			data := modeltest.Generate(n)
			for b.Loop() {
				f, err := model.Parse(data)
				if err != nil {
					b.Fatal(err)
				}
				e := NewEditor(model.NewDocument(f), cat, uiloop.NewQueue())
				w := test.NewWindow(e)
				w.Resize(benchSize)
				w.Close()
			}
		})
	}
}

// BenchmarkOpenAndPaint adds painting the first frame with Fyne's software
// painter: an upper bound (the GL painter is faster).
func BenchmarkOpenAndPaint(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("widgets=%d", n), func(b *testing.B) {
			test.NewTempApp(b)
			cat := loadCatalog(b)
			data := modeltest.Generate(n)
			for b.Loop() {
				f, _ := model.Parse(data)
				e := NewEditor(model.NewDocument(f), cat, uiloop.NewQueue())
				w := test.NewWindow(e)
				w.Resize(benchSize)
				w.Canvas().Capture()
				w.Close()
			}
		})
	}
}

// benchEditor opens a generated flow at zoom z, centred on widget w100's
// neighbourhood (the middle of the flow).
func benchEditor(b *testing.B, n int, z float64) *Editor {
	test.NewTempApp(b)
	e, _, _ := openEditor(b, modeltest.GenerateFlow(n), benchSize)
	e.viewTouched = true
	e.view.zoom = z
	mid := e.graph.nodes[len(e.graph.nodes)/2]
	e.view.centerOn(mid.pos, benchSize)
	e.Refresh()
	return e
}

// BenchmarkDragEvent is one mouse-move event of a node drag: the move
// applied to the document (coalesced into the drag's undo step), the node
// and its wires re-routed and re-indexed, and the frame laid out.
func BenchmarkDragEvent(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("widgets=%d", n), func(b *testing.B) {
			benchDrag(b, benchEditor(b, n, 1))
		})
	}
}

// BenchmarkDragEventAfterTidy is the same on a tidied flow, whose long
// wires follow kept channels: a drag re-routes the moved node's wires,
// checking their routes against the nodes around.
func BenchmarkDragEventAfterTidy(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("widgets=%d", n), func(b *testing.B) {
			e := benchEditor(b, n, 1)
			if err := e.TidyUp(false); err != nil {
				b.Fatal(err)
			}
			e.view.centerOn(e.graph.nodes[len(e.graph.nodes)/2].pos, benchSize)
			e.Refresh()
			benchDrag(b, e)
		})
	}
}

func benchDrag(b *testing.B, e *Editor) {
	mid := &e.graph.nodes[len(e.graph.nodes)/2]
	at := screenOf(e, mid.pos.add(mid.width/2, headerHeight+nameHeight/2))
	e.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: at}, Button: desktop.MouseButtonPrimary})
	e.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: at}, Dragged: fyne.NewDelta(0, 0)})
	if e.gesture.kind != gestureMove {
		b.Fatal("the drag did not pick up a node")
	}
	step := float32(gridSize)
	k := 0
	defer benchpeer.CPUPerOp(b)()
	for b.Loop() {
		k++
		d := step
		if k%2 == 0 {
			d = -step
		}
		at = at.AddXY(d, 0)
		e.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: at}, Dragged: fyne.NewDelta(d, 0)})
	}
	e.DragEnd()
}

// zoomLevels are the views a pan or zoom is timed at: zoom 1, the
// smallest zoom still drawn in detail (the most detailed objects in view),
// the smallest drawn as boxes and lines (the most objects in view), and
// the whole flow in view (one picture, whose painting is included).
var zoomLevels = []struct {
	name string
	zoom float64
}{{"zoom=1", 1}, {"zoom=detail", float64(legibleText) / nameTextSize}, {"zoom=boxes", overviewZoom}, {"zoom=fit", 0}}

// paintOverview does the painting a frame needs when the view is one
// picture (Fyne calls the raster's generator when it paints).
func paintOverview(e *Editor, r *editorRenderer) {
	if e.view.zoom < overviewZoom {
		r.overview.render(int(benchSize.Width), int(benchSize.Height))
	}
}

func benchAtLevel(b *testing.B, n int, z float64) *Editor {
	e := benchEditor(b, n, max(z, minZoom))
	if z == 0 {
		e.view.fit(e.graph.bounds(), benchSize, 1)
		e.Refresh()
	}
	return e
}

// BenchmarkPanStep is one mouse-move event of a pan: the view moved and
// the frame's objects re-bound and placed.
func BenchmarkPanStep(b *testing.B) {
	for _, n := range benchSizes {
		for _, lv := range zoomLevels {
			b.Run(fmt.Sprintf("widgets=%d/%s", n, lv.name), func(b *testing.B) {
				e := benchAtLevel(b, n, lv.zoom)
				r := test.WidgetRenderer(e).(*editorRenderer)
				at := fyne.NewPos(2, 2)
				e.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: at}, Button: desktop.MouseButtonTertiary})
				k := 0
				defer benchpeer.CPUPerOp(b)()
				for b.Loop() {
					k++
					d := float32(7)
					if k%2 == 0 {
						d = -7
					}
					at = at.AddXY(d, d)
					e.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: at}, Dragged: fyne.NewDelta(d, d)})
					paintOverview(e, r)
				}
				e.DragEnd()
			})
		}
	}
}

// BenchmarkZoomStep is one Ctrl+wheel step: zoom in then out around the
// pointer, alternately.
func BenchmarkZoomStep(b *testing.B) {
	for _, n := range benchSizes {
		for _, lv := range zoomLevels {
			b.Run(fmt.Sprintf("widgets=%d/%s", n, lv.name), func(b *testing.B) {
				e := benchAtLevel(b, n, lv.zoom)
				r := test.WidgetRenderer(e).(*editorRenderer)
				e.KeyDown(&fyne.KeyEvent{Name: desktop.KeyControlLeft})
				at := fyne.NewPos(benchSize.Width/2, benchSize.Height/2)
				k := 0
				defer benchpeer.CPUPerOp(b)()
				for b.Loop() {
					k++
					dy := float32(10)
					if k%2 == 0 {
						dy = -10
					}
					e.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: at}, Scrolled: fyne.NewDelta(0, dy)})
					paintOverview(e, r)
				}
			})
		}
	}
}

// BenchmarkExportSnapshot is the part of Export PNG that runs on the UI
// goroutine: copying what the image shows.
func BenchmarkExportSnapshot(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("widgets=%d", n), func(b *testing.B) {
			e := benchEditor(b, n, 1)
			for b.Loop() {
				if _, err := e.ExportSnapshot(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkExportPNG paints a whole generated flow and encodes it (the
// snapshot included): the work Export PNG does, mostly off the UI
// goroutine.
func BenchmarkExportPNG(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("widgets=%d", n), func(b *testing.B) {
			e := benchEditor(b, n, 1)
			for b.Loop() {
				if err := e.ExportPNG(io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkOverviewPaint paints the whole 2000-widget flow, zoomed out,
// into the one picture that stands for it: the work behind a pan or zoom
// step at that zoom besides placing the picture.
func BenchmarkOverviewPaint(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("widgets=%d", n), func(b *testing.B) {
			e := benchAtLevel(b, n, 0)
			r := test.WidgetRenderer(e).(*editorRenderer)
			for b.Loop() {
				r.overview.render(int(benchSize.Width), int(benchSize.Height))
			}
		})
	}
}
