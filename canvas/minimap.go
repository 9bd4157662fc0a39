package canvas

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"fyne.io/fyne/v2"
	fynecanvas "fyne.io/fyne/v2/canvas"
)

// The minimap's picture size (scaled to the editor's size when drawn) and
// its distance from the editor's bottom-right corner.
const (
	minimapWidth  = 160
	minimapHeight = 104
	minimapMargin = 10
	// minimapShare is the largest part of the editor's width it takes.
	minimapShare = 0.16
	minimapMin   = 70
)

// minimap shows the whole flow small in a corner, with the part in view
// outlined; dragging in it moves the view. Its picture is redrawn only when
// the flow changed, not on every pan.
type minimap struct {
	e        *Editor
	back     *fynecanvas.Rectangle
	picture  *fynecanvas.Raster
	viewRect *fynecanvas.Rectangle
	drawn    uint64 // the editor version the picture shows
	// frame maps world to minimap pixels for the picture drawn.
	world worldRect
	scale float64
	area  fyne.Position // the minimap's top-left corner in the editor
	// hidden: the user turned the minimap off.
	hidden bool
}

func newMinimap(e *Editor) *minimap {
	m := &minimap{e: e, back: &fynecanvas.Rectangle{CornerRadius: 4, StrokeWidth: 1}, viewRect: &fynecanvas.Rectangle{StrokeWidth: 1.5}}
	m.picture = fynecanvas.NewRaster(m.render)
	m.picture.ScaleMode = fynecanvas.ImageScaleFastest
	return m
}

// shown reports whether the editor is large enough to spare the corner.
func (m *minimap) shown(size fyne.Size) bool {
	return !m.hidden && size.Width*minimapShare >= minimapMin && size.Height >= 3*minimapHeight*m.scaleFor(size) && len(m.e.graph.nodes) > 0
}

// scaleFor is how much the minimap is shrunk in an editor of that size.
func (m *minimap) scaleFor(size fyne.Size) float32 {
	return min(1, size.Width*minimapShare/minimapWidth)
}

func (m *minimap) bounds(size fyne.Size) (fyne.Position, fyne.Size) {
	k := m.scaleFor(size)
	w, h := minimapWidth*k, minimapHeight*k
	return fyne.NewPos(size.Width-w-minimapMargin, size.Height-h-minimapMargin), fyne.NewSize(w, h)
}

// frame fixes the mapping from the flow's bounds to the minimap.
func (m *minimap) frame() {
	b := m.e.graph.bounds().grow(viewMargin)
	m.world = b
	m.scale = min(minimapWidth/b.width(), minimapHeight/b.height())
}

func (m *minimap) toMini(p worldPoint) fyne.Position {
	ox := (minimapWidth - m.world.width()*m.scale) / 2
	oy := (minimapHeight - m.world.height()*m.scale) / 2
	return fyne.NewPos(float32((p.X-m.world.X0)*m.scale+ox), float32((p.Y-m.world.Y0)*m.scale+oy))
}

func (m *minimap) toWorld(p fyne.Position) worldPoint {
	ox := (minimapWidth - m.world.width()*m.scale) / 2
	oy := (minimapHeight - m.world.height()*m.scale) / 2
	return worldPoint{(float64(p.X)-ox)/m.scale + m.world.X0, (float64(p.Y)-oy)/m.scale + m.world.Y0}
}

func (m *minimap) draw(r *editorRenderer, size fyne.Size, objs []fyne.CanvasObject) []fyne.CanvasObject {
	if !m.shown(size) {
		return objs
	}
	at, sz := m.bounds(size)
	m.area = at
	if m.drawn != m.e.version || m.scale == 0 {
		m.frame()
		m.drawn = m.e.version
		fynecanvas.Refresh(m.picture)
	}
	m.back.FillColor, m.back.StrokeColor = r.pal.tipBack, r.pal.border
	m.back.Move(at)
	m.back.Resize(sz)
	m.picture.Move(at)
	m.picture.Resize(sz)
	vis := m.e.view.visible(size)
	k := m.scaleFor(size)
	lo, hi := m.toMini(worldPoint{vis.X0, vis.Y0}), m.toMini(worldPoint{vis.X1, vis.Y1})
	lo = fyne.NewPos(min(max(lo.X, 0), minimapWidth)*k, min(max(lo.Y, 0), minimapHeight)*k)
	hi = fyne.NewPos(min(max(hi.X, 0), minimapWidth)*k, min(max(hi.Y, 0), minimapHeight)*k)
	m.viewRect.StrokeColor, m.viewRect.FillColor = r.pal.primary, r.pal.selectFill
	m.viewRect.Move(at.Add(lo))
	m.viewRect.Resize(fyne.NewSize(max(hi.X-lo.X, 2), max(hi.Y-lo.Y, 2)))
	return append(objs, m.back, m.picture, m.viewRect)
}

// contains reports whether an editor position falls on the minimap.
func (m *minimap) contains(p fyne.Position) bool {
	if !m.shown(m.e.size) {
		return false
	}
	at, sz := m.bounds(m.e.size)
	return p.X >= at.X && p.Y >= at.Y && p.X <= at.X+sz.Width && p.Y <= at.Y+sz.Height
}

// centerAt moves the view so that its centre is the world point under p
// (an editor position on the minimap).
func (m *minimap) centerAt(p fyne.Position) {
	local := p.Subtract(m.area)
	k := m.scaleFor(m.e.size)
	m.e.view.centerOn(m.toWorld(fyne.NewPos(local.X/k, local.Y/k)), m.e.size)
}

// render paints the nodes as small blocks in their header colours.
func (m *minimap) render(w, h int) image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	if m.scale == 0 {
		return img
	}
	sx, sy := float64(w)/minimapWidth, float64(h)/minimapHeight
	g := m.e.graph
	wire := color.NRGBA{R: 0x80, G: 0x80, B: 0x80, A: 0x90}
	for i := range g.wires {
		a, b := g.wireEnds(&g.wires[i])
		pa, pb := m.toMini(a), m.toMini(b)
		drawLine(img, float64(pa.X)*sx, float64(pa.Y)*sy, float64(pb.X)*sx, float64(pb.Y)*sy, wire)
	}
	for i := range g.nodes {
		n := &g.nodes[i]
		lo, hi := m.toMini(n.pos), m.toMini(n.pos.add(n.width, nodeHeight))
		r := image.Rect(int(float64(lo.X)*sx), int(float64(lo.Y)*sy), int(float64(hi.X)*sx)+1, int(float64(hi.Y)*sy)+1)
		draw.Draw(img, r, image.NewUniform(headerColor(n)), image.Point{}, draw.Src)
	}
	return img
}

// drawLine plots a thin straight line, clipped to the image.
func drawLine(img *image.NRGBA, x0, y0, x1, y1 float64, c color.NRGBA) {
	b := img.Bounds()
	if max(x0, x1) < 0 || max(y0, y1) < 0 || min(x0, x1) > float64(b.Max.X) || min(y0, y1) > float64(b.Max.Y) {
		return
	}
	steps := int(min(max(math.Abs(x1-x0), math.Abs(y1-y0)), 4*float64(b.Dx()+b.Dy()))) + 1
	px := [4]uint8{c.R, c.G, c.B, c.A}
	w, h := b.Dx(), b.Dy()
	for s := 0; s <= steps; s++ {
		t := float64(s) / float64(steps)
		// As img.SetNRGBA, without its per-pixel overhead.
		x, y := int(x0+(x1-x0)*t)-b.Min.X, int(y0+(y1-y0)*t)-b.Min.Y
		if uint(x) < uint(w) && uint(y) < uint(h) {
			i := y*img.Stride + 4*x
			copy(img.Pix[i:i+4], px[:])
		}
	}
}

// SetMinimapShown shows or hides the minimap.
func (e *Editor) SetMinimapShown(shown bool) {
	if e.mini.hidden == !shown {
		return
	}
	e.mini.hidden = !shown
	e.Refresh()
}

// MinimapShown reports whether the minimap is on (it still stays out of
// an editor too small to spare the corner).
func (e *Editor) MinimapShown() bool { return !e.mini.hidden }
