package canvas

import (
	"math"

	"fyne.io/fyne/v2"
)

// Node layout, in world units (one unit is one pixel at zoom 1).
const (
	headerHeight  = 26
	nameHeight    = 28
	portRowHeight = 26
	nodeHeight    = headerHeight + nameHeight + portRowHeight
	minNodeWidth  = 200
	nodePadding   = 8
	iconSize      = 16
	portGap       = 6
	portDot       = 9
	maxPortLabel  = 130 // longer labels (a split's conditions) are shortened
	cornerRadius  = 6

	unplacedGap  = 40
	backEdgeDrop = 40 // how far a back edge drops below its port before turning
	backEdgeGap  = 36 // how far right of the nodes it passes a back edge climbs
	arrowLength  = 9
	arrowWidth   = 10
	inputSpacing = 18 // between the ends of wires that enter one node
	viewMargin   = 40
)

// worldPoint is a position in the flow's own coordinates (properties.offset).
type worldPoint struct{ X, Y float64 }

func (p worldPoint) add(dx, dy float64) worldPoint { return worldPoint{p.X + dx, p.Y + dy} }

// worldRect is an axis-aligned rectangle in world coordinates.
type worldRect struct{ X0, Y0, X1, Y1 float64 }

func rectAt(p worldPoint, w, h float64) worldRect { return worldRect{p.X, p.Y, p.X + w, p.Y + h} }

func (r worldRect) intersects(o worldRect) bool {
	return r.X0 <= o.X1 && o.X0 <= r.X1 && r.Y0 <= o.Y1 && o.Y0 <= r.Y1
}

func (r worldRect) contains(p worldPoint) bool {
	return p.X >= r.X0 && p.X <= r.X1 && p.Y >= r.Y0 && p.Y <= r.Y1
}

func (r worldRect) union(o worldRect) worldRect {
	return worldRect{min(r.X0, o.X0), min(r.Y0, o.Y0), max(r.X1, o.X1), max(r.Y1, o.Y1)}
}

func (r worldRect) grow(d float64) worldRect {
	return worldRect{r.X0 - d, r.Y0 - d, r.X1 + d, r.Y1 + d}
}

func (r worldRect) width() float64  { return r.X1 - r.X0 }
func (r worldRect) height() float64 { return r.Y1 - r.Y0 }
func (r worldRect) center() worldPoint {
	return worldPoint{(r.X0 + r.X1) / 2, (r.Y0 + r.Y1) / 2}
}

func emptyRect() worldRect {
	return worldRect{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
}

func (r worldRect) empty() bool { return r.X0 > r.X1 }

// segment is one cubic Bézier piece of a wire, in world coordinates.
type segment struct{ start, c1, c2, end worldPoint }

// wirePath shapes a wire from start (a port on a node's bottom edge) to end
// (a node's top edge): it leaves downwards and arrives from above. A back
// edge (its target is not below the port) drops, swings out to x=aside,
// climbs there and comes in over the target, in three segments, so it does not
// cut through the nodes between; a self-loop is the same with aside just
// right of its node.
// The segments are appended to out.
func wirePath(start, end worldPoint, back bool, aside float64, out []segment) []segment {
	if !back {
		bend := max((end.Y-start.Y)/2, 30)
		if end.Y < start.Y {
			bend = (start.Y-end.Y)/2 + 60
		}
		return append(out, segment{start, start.add(0, bend), end.add(0, -bend), end})
	}
	// It turns within backEdgeDrop of its ends, in the gaps below its
	// port's layer and above its target's, and climbs straight at aside.
	d := float64(backEdgeDrop)
	up1, up2 := worldPoint{aside, start.Y + d/2}, worldPoint{aside, end.Y - d/2}
	return append(out,
		segment{start, start.add(0, d), worldPoint{aside, start.Y + d}, up1},
		straightSegment(up1, up2),
		segment{up2, worldPoint{aside, end.Y - d}, end.add(0, -d), end},
	)
}

// detourDown runs a wire whose target is below it down a lane at x=lane,
// turning within backEdgeDrop of its ends.
func detourDown(start, end worldPoint, lane float64, out []segment) []segment {
	d := float64(backEdgeDrop)
	down1, down2 := worldPoint{lane, start.Y + d}, worldPoint{lane, end.Y - d}
	return append(out,
		segment{start, start.add(0, d), worldPoint{lane, start.Y + d/2}, down1},
		straightSegment(down1, down2),
		segment{down2, worldPoint{lane, end.Y - d/2}, end.add(0, -d), end},
	)
}

// at is the point at parameter t (0 to 1) along the segment.
func (s segment) at(t float64) worldPoint {
	u := 1 - t
	a, b, c, d := u*u*u, 3*u*u*t, 3*u*t*t, t*t*t
	return worldPoint{
		a*s.start.X + b*s.c1.X + c*s.c2.X + d*s.end.X,
		a*s.start.Y + b*s.c1.Y + c*s.c2.Y + d*s.end.Y,
	}
}

func (s segment) box() worldRect {
	r := worldRect{s.start.X, s.start.Y, s.start.X, s.start.Y}
	for _, p := range []worldPoint{s.c1, s.c2, s.end} {
		r = r.union(worldRect{p.X, p.Y, p.X, p.Y})
	}
	return r
}

// boundingBox returns the top-left corner and size of the smallest
// rectangle holding the points.
func boundingBox(points ...fyne.Position) (fyne.Position, fyne.Size) {
	lo, hi := points[0], points[0]
	for _, p := range points[1:] {
		lo = fyne.NewPos(min(lo.X, p.X), min(lo.Y, p.Y))
		hi = fyne.NewPos(max(hi.X, p.X), max(hi.Y, p.Y))
	}
	return lo, fyne.NewSize(hi.X-lo.X, hi.Y-lo.Y)
}
