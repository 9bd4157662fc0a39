package canvas

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	fynecanvas "fyne.io/fyne/v2/canvas"
)

// Coverage is what test scenarios took in the flow, as the canvas shows it:
// taken transitions solid, never-taken ones dashed in the warning colour,
// widgets never reached dimmed.
type Coverage struct {
	Taken      []WireRef
	NeverTaken []WireRef
	Unreached  []string
}

type coverageState struct {
	on        bool
	taken     map[WireRef]bool
	never     map[WireRef]bool
	unreached map[string]bool
}

// SetCoverage shows coverage on the canvas; nil removes it.
func (e *Editor) SetCoverage(c *Coverage) {
	st := coverageState{}
	if c != nil {
		st = coverageState{on: true, taken: setOf(c.Taken), never: setOf(c.NeverTaken), unreached: setOf(c.Unreached)}
	}
	e.coverage = st
	e.Refresh()
}

// setOf is the set of items (empty, not nil, for none).
func setOf[T comparable](items []T) map[T]bool {
	set := make(map[T]bool, len(items))
	for _, it := range items {
		set[it] = true
	}
	return set
}

// CoverageShown reports whether a coverage overlay is on, with how many
// transitions it marks taken and never taken and how many widgets dimmed.
func (e *Editor) CoverageShown() (on bool, taken, never, unreached int) {
	c := e.coverage
	return c.on, len(c.taken), len(c.never), len(c.unreached)
}

// coveredWireColor is how coverage colours a wire: ok is false when the
// overlay is off or does not count the transition; dashed for never taken.
func (c coverageState) wire(from string, transition int, normal color.Color) (col color.Color, dashed, ok bool) {
	if !c.on {
		return nil, false, false
	}
	ref := WireRef{From: from, Transition: transition}
	switch {
	case c.never[ref]:
		return warningColor, true, true
	case c.taken[ref]:
		return takenColor, false, true
	}
	return dim(normal), false, true
}

func dim(c color.Color) color.Color {
	r, g, b, a := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: uint8(a >> 10)}
}

// coverageShapes are the pooled objects the overlay draws with.
type coverageShapes struct {
	dashes []*fynecanvas.Line
	dims   []*fynecanvas.Rectangle
	nDash  int
	nDim   int
}

func (s *coverageShapes) reset() { s.nDash, s.nDim = 0, 0 }

// dashedPath draws a wire's path (world segments) as dashes.
func (s *coverageShapes) dashedPath(v viewport, path []segment, c color.Color, width float32, objs []fyne.CanvasObject) []fyne.CanvasObject {
	const on, off = 9.0, 6.0
	const samples = 24
	phase := 0.0
	for _, seg := range path {
		prev := v.toScreen(seg.start)
		for i := 1; i <= samples; i++ {
			p := v.toScreen(cubic(seg, float64(i)/samples))
			dx, dy := float64(p.X-prev.X), float64(p.Y-prev.Y)
			length := math.Hypot(dx, dy)
			for t := 0.0; t < length; {
				cycle := math.Mod(phase, on+off)
				if cycle < on {
					step := math.Min(on-cycle, length-t)
					a, b := t/length, (t+step)/length
					objs = s.dash(fyne.NewPos(prev.X+float32(dx*a), prev.Y+float32(dy*a)), fyne.NewPos(prev.X+float32(dx*b), prev.Y+float32(dy*b)), c, width, objs)
					t += step
					phase += step
				} else {
					step := math.Min(on+off-cycle, length-t)
					t += step
					phase += step
				}
			}
			prev = p
		}
	}
	return objs
}

func (s *coverageShapes) dash(a, b fyne.Position, c color.Color, width float32, objs []fyne.CanvasObject) []fyne.CanvasObject {
	if s.nDash == len(s.dashes) {
		s.dashes = append(s.dashes, &fynecanvas.Line{})
	}
	l := s.dashes[s.nDash]
	s.nDash++
	l.Position1, l.Position2 = a, b
	l.StrokeColor, l.StrokeWidth = c, width
	return append(objs, l)
}

// dimNode lays a veil in the background colour over a widget never reached.
func (s *coverageShapes) dimNode(v viewport, n *node, bg color.Color, objs []fyne.CanvasObject) []fyne.CanvasObject {
	if s.nDim == len(s.dims) {
		s.dims = append(s.dims, &fynecanvas.Rectangle{})
	}
	r := s.dims[s.nDim]
	s.nDim++
	box := n.rect()
	r.Move(v.toScreen(worldPoint{box.X0, box.Y0}))
	r.Resize(fyne.NewSize(float32((box.X1-box.X0)*v.zoom), float32((box.Y1-box.Y0)*v.zoom)))
	cr, cg, cb, _ := bg.RGBA()
	r.FillColor = color.NRGBA{R: uint8(cr >> 8), G: uint8(cg >> 8), B: uint8(cb >> 8), A: 0xa0}
	r.StrokeWidth = 0
	return append(objs, r)
}

// cubic is the point at t of a segment's Bézier curve.
func cubic(s segment, t float64) worldPoint {
	u := 1 - t
	a, b, c, d := u*u*u, 3*u*u*t, 3*u*t*t, t*t*t
	return worldPoint{
		a*s.start.X + b*s.c1.X + c*s.c2.X + d*s.end.X,
		a*s.start.Y + b*s.c1.Y + c*s.c2.Y + d*s.end.Y,
	}
}
