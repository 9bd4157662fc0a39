package canvas

import (
	"errors"
	"fmt"
	"image"
	"image/draw"
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
	exportTile      = 512
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
	shot.mini, shot.exporting = nil, true
	shot.doc, shot.graph, shot.measurer = e.doc, e.graph, e.measurer
	shot.diags, shot.highlight, shot.selected = e.diags, e.highlight, map[string]bool{}
	shot.view = viewport{origin: worldPoint{b.X0, b.Y0}, zoom: zoom}
	shot.initialView, shot.viewTouched = true, true
	width, height := int(math.Ceil(b.width()*zoom)), int(math.Ceil(b.height()*zoom))
	img := image.NewNRGBA(image.Rect(0, 0, width, height))

	// The software painter composites every object over the whole frame,
	// so the picture is painted in tiles: each tile's frame holds only the
	// objects in it (the editor culls to its view).
	c := software.NewCanvas()
	c.SetPadded(false)
	c.SetContent(shot)
	for ty := 0; ty < height; ty += exportTile {
		for tx := 0; tx < width; tx += exportTile {
			tw, th := min(exportTile, width-tx), min(exportTile, height-ty)
			shot.view.origin = worldPoint{b.X0 + float64(tx)/zoom, b.Y0 + float64(ty)/zoom}
			c.Resize(fyne.NewSize(float32(tw), float32(th)))
			shot.Refresh()
			draw.Draw(img, image.Rect(tx, ty, tx+tw, ty+th), c.Capture(), image.Point{}, draw.Src)
		}
	}
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(w, img); err != nil {
		return fmt.Errorf("export image: %w", err)
	}
	return nil
}
