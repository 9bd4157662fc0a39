package canvas

import (
	"errors"
	"fmt"
	"image/png"
	"io"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/software"
)

// The largest exported image: 40 megapixels (160 MB while encoding), and
// no side over 16384 pixels, which image viewers refuse. Larger flows are
// exported at a smaller scale.
const (
	maxExportPixels = 40e6
	maxExportSide   = 16384
)

// ExportPNG writes the whole flow as a PNG image, at zoom 1 when it fits
// the limits above, with the current markers and highlight. It draws with
// Fyne's software painter — the same objects the window shows, so the
// picture matches the screen — without a window or GPU.
func (e *Editor) ExportPNG(w io.Writer) error {
	b := e.graph.bounds()
	if b.empty() {
		return errors.New("export image: the flow has no widgets to draw")
	}
	b = b.grow(viewMargin)
	zoom := min(1, math.Sqrt(maxExportPixels/(b.width()*b.height())), maxExportSide/b.width(), maxExportSide/b.height())

	shot := newEditor(e.catalog, false)
	shot.mini = nil
	shot.doc, shot.graph, shot.measurer = e.doc, e.graph, e.measurer
	shot.diags, shot.highlight, shot.selected = e.diags, e.highlight, map[string]bool{}
	shot.view = viewport{origin: worldPoint{b.X0, b.Y0}, zoom: zoom}
	shot.initialView = true
	size := fyne.NewSize(float32(math.Ceil(b.width()*zoom)), float32(math.Ceil(b.height()*zoom)))

	c := software.NewCanvas()
	c.SetPadded(false)
	c.SetContent(shot)
	c.Resize(size)
	if err := png.Encode(w, c.Capture()); err != nil {
		return fmt.Errorf("export image: %w", err)
	}
	return nil
}
