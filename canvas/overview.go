package canvas

import (
	"image"
	"image/color"

	"fyne.io/fyne/v2"
	fynecanvas "fyne.io/fyne/v2/canvas"
)

// overviewZoom is the zoom below which the whole view is painted as one
// picture instead of a box and a line per widget and wire: thousands of
// canvas objects cost Fyne far more to draw each frame than one image.
const overviewZoom = 0.15

// overview paints what is in view, far zoomed out, into one raster: nodes
// as blocks in their header colours (outlined when selected or marked),
// wires as thin lines.
type overview struct {
	e      *Editor
	raster *fynecanvas.Raster
	pal    palette
	// frames are the two pictures render paints into in turn (reused, not
	// made anew for every frame: a full-window picture is megabytes);
	// Fyne may still be showing the one painted before.
	frames [2]*image.NRGBA
	turn   int
}

func newOverview(e *Editor) *overview {
	o := &overview{e: e}
	o.raster = fynecanvas.NewRaster(o.render)
	o.raster.ScaleMode = fynecanvas.ImageScaleFastest
	return o
}

func (o *overview) draw(r *editorRenderer, size fyne.Size, objs []fyne.CanvasObject) []fyne.CanvasObject {
	o.pal = r.pal
	o.raster.Move(fyne.Position{})
	o.raster.Resize(size)
	fynecanvas.Refresh(o.raster)
	return append(objs, o.raster)
}

// render paints the view at w×h pixels (the editor's size times the
// screen's scale).
func (o *overview) render(w, h int) image.Image {
	img := o.frame(w, h)
	e := o.e
	if e.size.Width <= 0 || e.size.Height <= 0 {
		return img
	}
	scale := float64(w) / float64(e.size.Width)
	g, v := e.graph, e.view
	px := func(p worldPoint) (float64, float64) {
		s := v.toScreen(p)
		return float64(s.X) * scale, float64(s.Y) * scale
	}
	area := v.visible(e.size)
	wireColor := toNRGBA(o.pal.wire)
	g.wireIndex.query(area, func(i int) {
		wr := &g.wires[i]
		if !wr.box.intersects(area) {
			return
		}
		c := wireColor
		if e.highlight.wireTaken(g.nodes[wr.from].name, g.nodes[wr.from].ports[wr.port].transition) {
			c = takenColor
		}
		for _, seg := range wr.path {
			x0, y0 := px(seg.start)
			x1, y1 := px(seg.end)
			drawLine(img, x0, y0, x1, y1, c)
		}
	})
	g.nodeIndex.query(area, func(i int) {
		n := &g.nodes[i]
		if !n.rect().intersects(area) {
			return
		}
		x0, y0 := px(n.pos)
		x1, y1 := px(n.pos.add(n.width, nodeHeight))
		box := image.Rect(int(x0), int(y0), int(x1)+1, int(y1)+1)
		fillRect(img, box, headerColor(n))
		if c, ok := o.outline(n); ok {
			outline(img, box.Inset(-2), c)
		}
	})
	return img
}

// frame returns a cleared picture of w×h pixels to paint the next frame
// into, alternating between two kept ones.
func (o *overview) frame(w, h int) *image.NRGBA {
	o.turn = 1 - o.turn
	img := o.frames[o.turn]
	if img == nil || img.Rect.Dx() != w || img.Rect.Dy() != h {
		img = image.NewNRGBA(image.Rect(0, 0, w, h))
		o.frames[o.turn] = img
		return img
	}
	clear(img.Pix)
	return img
}

// fillRect paints r (clipped to the picture) in c, writing the pixels
// directly (image/draw has no fast path for an NRGBA destination).
func fillRect(img *image.NRGBA, r image.Rectangle, c color.NRGBA) {
	r = r.Intersect(img.Rect)
	if r.Empty() {
		return
	}
	px := [4]uint8{c.R, c.G, c.B, c.A}
	first := img.Pix[img.PixOffset(r.Min.X, r.Min.Y):]
	row := first[:4*r.Dx()]
	for i := 0; i < len(row); i += 4 {
		copy(row[i:i+4], px[:])
	}
	for y := r.Min.Y + 1; y < r.Max.Y; y++ {
		off := img.PixOffset(r.Min.X, y)
		copy(img.Pix[off:off+len(row)], row)
	}
}

// outline says which state, if any, a node's block is outlined for.
func (o *overview) outline(n *node) (color.NRGBA, bool) {
	e := o.e
	d := e.diags[n.name]
	switch {
	case n.name == e.highlight.Active:
		return activeColor, true
	case n.name == e.highlight.Waiting:
		return waitingColor, true
	case e.selected[n.name]:
		return toNRGBA(o.pal.primary), true
	case d.errors > 0:
		return errorColor, true
	case d.warnings > 0:
		return warningColor, true
	}
	return color.NRGBA{}, false
}

func outline(img *image.NRGBA, r image.Rectangle, c color.NRGBA) {
	for _, edge := range [4]image.Rectangle{
		{r.Min, image.Pt(r.Max.X, r.Min.Y+1)}, {image.Pt(r.Min.X, r.Max.Y-1), r.Max},
		{r.Min, image.Pt(r.Min.X+1, r.Max.Y)}, {image.Pt(r.Max.X-1, r.Min.Y), r.Max},
	} {
		fillRect(img, edge, c)
	}
}

func toNRGBA(c color.Color) color.NRGBA {
	return color.NRGBAModel.Convert(c).(color.NRGBA)
}
