package canvas

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"math"

	"github.com/fyne-io/oksvg"
	"github.com/srwiley/rasterx"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// exportPainter paints an ExportSnapshot with Go's image packages: shapes
// through an anti-aliasing rasteriser sized to each shape (a full-image one
// would clear 40 million cells per shape), text with the theme's fonts.
type exportPainter struct {
	s     *ExportSnapshot
	img   *image.RGBA
	ras   vector.Rasterizer
	faces map[faceKey]font.Face
	fonts map[bool]*opentype.Font
	icons map[string]*image.RGBA
}

type faceKey struct {
	bold bool
	size float64
}

// paint draws wires first, then nodes over them, checking ctx between
// items.
func (s *ExportSnapshot) paint(ctx context.Context, progress func(float64)) (*image.RGBA, error) {
	p := &exportPainter{s: s, img: image.NewRGBA(image.Rect(0, 0, s.width, s.height)),
		faces: map[faceKey]font.Face{}, fonts: map[bool]*opentype.Font{}, icons: map[string]*image.RGBA{}}
	for bold, data := range map[bool][]byte{false: s.regularFont, true: s.boldFont} {
		f, err := opentype.Parse(data)
		if err != nil {
			return nil, fmt.Errorf("read the theme's font: %w", err)
		}
		p.fonts[bold] = f
	}
	draw.Draw(p.img, p.img.Bounds(), image.NewUniform(s.background), image.Point{}, draw.Src)
	total := float64(len(s.wires) + len(s.nodes))
	done, every := 0, max(1, int(total)/100)
	step := func() error {
		done++
		if done%every != 0 {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if progress != nil {
			// Encoding takes the last tenth.
			progress(0.9 * float64(done) / total)
		}
		return nil
	}
	for i := range s.wires {
		p.wire(&s.wires[i])
		if err := step(); err != nil {
			return nil, err
		}
	}
	for i := range s.nodes {
		if err := p.node(&s.nodes[i]); err != nil {
			return nil, err
		}
		if err := step(); err != nil {
			return nil, err
		}
	}
	return p.img, ctx.Err()
}

func encodePNG(w io.Writer, img image.Image) error {
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	return enc.Encode(w, img)
}

// shape is a path in image pixels, filled through the rasteriser.
type shape struct {
	pts   [][2]float64 // the current contour
	paths [][][2]float64
}

func (sh *shape) moveTo(x, y float64) {
	if len(sh.pts) > 0 {
		sh.paths = append(sh.paths, sh.pts)
	}
	sh.pts = [][2]float64{{x, y}}
}

func (sh *shape) lineTo(x, y float64) { sh.pts = append(sh.pts, [2]float64{x, y}) }

// fill paints the shape's contours (non-zero, same-direction overlaps do
// not cancel) in colour c over the image.
func (p *exportPainter) fill(sh *shape, c color.NRGBA) {
	if len(sh.pts) > 0 {
		sh.paths = append(sh.paths, sh.pts)
		sh.pts = nil
	}
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, path := range sh.paths {
		for _, q := range path {
			x0, y0, x1, y1 = min(x0, q[0]), min(y0, q[1]), max(x1, q[0]), max(y1, q[1])
		}
	}
	box := image.Rect(int(math.Floor(x0)), int(math.Floor(y0)), int(math.Ceil(x1))+1, int(math.Ceil(y1))+1)
	clipped := box.Intersect(p.img.Bounds())
	if clipped.Empty() {
		sh.paths = sh.paths[:0]
		return
	}
	p.ras.Reset(clipped.Dx(), clipped.Dy())
	ox, oy := float64(clipped.Min.X), float64(clipped.Min.Y)
	for _, path := range sh.paths {
		p.ras.MoveTo(float32(path[0][0]-ox), float32(path[0][1]-oy))
		for _, q := range path[1:] {
			p.ras.LineTo(float32(q[0]-ox), float32(q[1]-oy))
		}
		p.ras.ClosePath()
	}
	p.ras.DrawOp = draw.Over
	p.ras.Draw(p.img, clipped, image.NewUniform(c), image.Point{})
	sh.paths = sh.paths[:0]
}

// stroke adds a thick polyline to sh as one quad per piece plus round-ish
// joins, all wound the same way.
func strokeLine(sh *shape, pts [][2]float64, width float64) {
	h := width / 2
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		dx, dy := b[0]-a[0], b[1]-a[1]
		l := math.Hypot(dx, dy)
		if l == 0 {
			continue
		}
		nx, ny := -dy/l*h, dx/l*h
		sh.moveTo(a[0]+nx, a[1]+ny)
		sh.lineTo(b[0]+nx, b[1]+ny)
		sh.lineTo(b[0]-nx, b[1]-ny)
		sh.lineTo(a[0]-nx, a[1]-ny)
	}
}

// flatten turns a wire's curves into points in image pixels.
func (p *exportPainter) flatten(path []segment) [][2]float64 {
	var pts [][2]float64
	for k, seg := range path {
		n := int(min(max(math.Hypot(seg.end.X-seg.start.X, seg.end.Y-seg.start.Y)*p.s.zoom/6, 4), 64))
		for i := 0; i <= n; i++ {
			if i == 0 && k > 0 {
				continue
			}
			x, y := p.s.toPixel(seg.at(float64(i) / float64(n)))
			pts = append(pts, [2]float64{x, y})
		}
	}
	return pts
}

func (p *exportPainter) wire(w *exportWire) {
	// Blended over the background once, the colour is opaque: then the
	// wire can be filled a few pieces at a time (the rasteriser's cost is
	// the area of what it fills) without darker seams where pieces meet.
	c := over(w.color, p.s.background)
	pts := p.flatten(w.path)
	var sh shape
	for i := 0; i+1 < len(pts); i += wireChunk {
		strokeLine(&sh, pts[i:min(i+wireChunk+1, len(pts))], w.width)
		p.fill(&sh, c)
	}
	// The arrowhead, pointing down into the target.
	z := p.s.zoom
	x, y := p.s.toPixel(w.path[len(w.path)-1].end)
	aw, al := max(arrowWidth*z, 5), max(arrowLength*z, 4.5)
	sh.moveTo(x-aw/2, y-al)
	sh.lineTo(x+aw/2, y-al)
	sh.lineTo(x, y)
	p.fill(&sh, c)
}

// wireChunk is how many straight pieces of a wire are filled at once.
const wireChunk = 4

// over composites c over an opaque background.
func over(c, background color.NRGBA) color.NRGBA {
	a := uint32(c.A)
	mix := func(f, b uint8) uint8 { return uint8((uint32(f)*a + uint32(b)*(255-a)) / 255) }
	return color.NRGBA{R: mix(c.R, background.R), G: mix(c.G, background.G), B: mix(c.B, background.B), A: 0xff}
}

// roundRect adds a rectangle with the given corner radii (top-left,
// top-right, bottom-right, bottom-left) to sh.
func roundRect(sh *shape, x0, y0, x1, y1 float64, radii [4]float64) {
	corner := func(cx, cy, r, from float64) {
		for k := 0; k <= 6; k++ {
			a := from + float64(k)*math.Pi/12
			sh.lineTo(cx+r*math.Cos(a), cy+r*math.Sin(a))
		}
	}
	sh.moveTo(x0+radii[0], y0)
	corner(x1-radii[1], y0+radii[1], radii[1], -math.Pi/2)
	corner(x1-radii[2], y1-radii[2], radii[2], 0)
	corner(x0+radii[3], y1-radii[3], radii[3], math.Pi/2)
	corner(x0+radii[0], y0+radii[0], radii[0], math.Pi)
}

func circle(sh *shape, cx, cy, r float64) {
	sh.moveTo(cx+r, cy)
	for k := 1; k < 24; k++ {
		a := float64(k) * 2 * math.Pi / 24
		sh.lineTo(cx+r*math.Cos(a), cy+r*math.Sin(a))
	}
}

func (p *exportPainter) node(n *exportNode) error {
	s, z := p.s, p.s.zoom
	var sh shape
	x0, y0 := s.toPixel(worldPoint{n.rect.X0, n.rect.Y0})
	x1, y1 := s.toPixel(worldPoint{n.rect.X1, n.rect.Y1})
	r := cornerRadius * z
	sw := n.strokeWidth
	// The border is the body drawn larger underneath.
	roundRect(&sh, x0-sw/2, y0-sw/2, x1+sw/2, y1+sw/2, [4]float64{r + sw/2, r + sw/2, r + sw/2, r + sw/2})
	p.fill(&sh, n.stroke)
	roundRect(&sh, x0+sw/2, y0+sw/2, x1-sw/2, y1-sw/2, [4]float64{r, r, r, r})
	p.fill(&sh, s.body)
	roundRect(&sh, x0, y0, x1, y0+headerHeight*z, [4]float64{r, r, 0, 0})
	p.fill(&sh, n.header)

	if err := p.icon(n.icon, x0+nodePadding*z, y0+(headerHeight-iconSize)/2*z, iconSize*z); err != nil {
		return err
	}
	p.text(n.title, true, titleTextSize*z, headerText, x0+(nodePadding+iconSize+5)*z, y0, headerHeight*z, false)
	p.text(n.name, false, nameTextSize*z, s.text, x0+nodePadding*z, y0+headerHeight*z, nameHeight*z, false)
	for _, pt := range n.ports {
		cx, cy := x0+pt.center*z, y1
		d := max(portDot*z, 5)
		stroke, fill, label := s.wire, s.body, s.muted
		switch {
		case pt.dangling:
			stroke, label = errorColor, errorColor
		case pt.connected:
			fill = s.wire
		}
		circle(&sh, cx, cy, d/2+0.75)
		p.fill(&sh, stroke)
		circle(&sh, cx, cy, d/2-0.75)
		p.fill(&sh, fill)
		if (viewport{zoom: float64(z)}).detail() == detailFull {
			p.text(pt.label, false, portTextSize*z, label, cx, cy-portRowHeight*z, (portRowHeight-portDot/2)*z, true)
		}
	}
	if n.badge > 0 {
		d := max(18*z, 14)
		cx, cy := x1-d*0.7+d/2, y0-d*0.3+d/2
		circle(&sh, cx, cy, d/2+0.75)
		p.fill(&sh, headerText)
		circle(&sh, cx, cy, d/2-0.75)
		p.fill(&sh, n.badgeColor)
		p.text(fmt.Sprint(n.badge), true, d*0.55, headerText, cx, cy-d/2, d, true)
	}
	if n.breakpoint {
		d := max(12*z, 9)
		circle(&sh, x0, y0+headerHeight*z/2, d/2)
		p.fill(&sh, breakColor)
	}
	return nil
}

// text draws one line in a row of the given height, centred vertically;
// from x when left, else centred on x.
func (p *exportPainter) text(s string, bold bool, size float64, c color.NRGBA, x, top, height float64, centred bool) {
	if s == "" || size < 3 {
		return
	}
	face := p.face(bold, size)
	if face == nil {
		return
	}
	m := face.Metrics()
	ascent, descent := float64(m.Ascent)/64, float64(m.Descent)/64
	dr := font.Drawer{Dst: p.img, Src: image.NewUniform(c), Face: face}
	if centred {
		x -= float64(dr.MeasureString(s)) / 64 / 2
	}
	dr.Dot = fixed.Point26_6{X: fixed.Int26_6(x * 64), Y: fixed.Int26_6((top + (height-ascent-descent)/2 + ascent) * 64)}
	dr.DrawString(s)
}

func (p *exportPainter) face(bold bool, size float64) font.Face {
	k := faceKey{bold, math.Round(size*4) / 4}
	f, ok := p.faces[k]
	if !ok {
		var err error
		f, err = opentype.NewFace(p.fonts[bold], &opentype.FaceOptions{Size: k.size, DPI: 72, Hinting: font.HintingNone})
		if err != nil {
			// Only an invalid size fails; the text is then left out.
			f = nil
		}
		p.faces[k] = f
	}
	return f
}

// icon draws a type's icon, rasterised once per export.
func (p *exportPainter) icon(name string, x, y, size float64) error {
	img, ok := p.icons[name]
	if !ok {
		px := max(int(math.Round(size)), 1)
		img = image.NewRGBA(image.Rect(0, 0, px, px))
		icon, err := oksvg.ReadIconStream(bytes.NewReader(p.s.icons[name]), oksvg.WarnErrorMode)
		if err != nil {
			return fmt.Errorf("draw the %s icon: %w", name, err)
		}
		icon.SetTarget(0, 0, float64(px), float64(px))
		icon.Draw(rasterx.NewDasher(px, px, rasterx.NewScannerGV(px, px, img, img.Bounds())), 1)
		p.icons[name] = img
	}
	at := image.Pt(int(math.Round(x)), int(math.Round(y)))
	draw.Draw(p.img, img.Bounds().Add(at), img, image.Point{}, draw.Over)
	return nil
}
