package canvas

import (
	"math"
)

// route decides a wire's path and files it in the wire index. A long wire
// follows the channels of the last tidy-up while they hold. A wire whose
// target is not below its port is a back edge: it climbs right of every node
// between its two ends.
func (g *graph) route(wi int) {
	w := &g.wires[wi]
	start, end := g.wireEnds(w)
	from, to := &g.nodes[w.from], &g.nodes[w.to]
	if bends, ok := g.keptRoute(w); ok {
		w.back = false
		w.path = bentPath(start, end, bends, w.path[:0])
		if !g.crosses(w) {
			g.file(wi)
			return
		}
	}
	up := end.Y < start.Y+arrowLength*2
	// A target above but wholly beside its source is reached by an S
	// curve: going around would cross the source itself.
	beside := to.pos.X > from.pos.X+from.width+backEdgeGap || to.pos.X+to.width < from.pos.X-backEdgeGap
	w.back = up && !beside
	if !w.back {
		w.path = wirePath(start, end, false, 0, w.path[:0])
		switch {
		case up && g.crosses(w):
			w.back = true
		case !up && end.Y-start.Y > 2*backEdgeDrop && g.crosses(w):
			// A forward wire with widgets in its way (one the tidy-up
			// gave no channel, or after a move) drops down a lane
			// beside them.
			span := worldRect{min(start.X, end.X), start.Y + backEdgeDrop, max(start.X, end.X), end.Y - backEdgeDrop}
			w.aside = g.laneBeside(span, start.X, end.X)
			w.path = detourDown(start, end, w.aside, w.path[:0])
			g.file(wi)
			return
		}
	}
	if w.back {
		w.aside = g.asideOf(worldRect{min(from.pos.X, to.pos.X), end.Y - backEdgeDrop, max(from.pos.X+from.width, to.pos.X+to.width), start.Y + backEdgeDrop})
		w.path = wirePath(start, end, true, w.aside, w.path[:0])
	}
	g.file(wi)
}

// crosses says whether wire w's path runs through a node other than its
// own two, sampling points along it.
func (g *graph) crosses(w *wire) bool {
	box := w.path[0].box()
	for _, s := range w.path[1:] {
		box = box.union(s.box())
	}
	var in []int
	g.nodeIndex.query(box, func(k int) {
		if k != w.from && k != w.to && g.nodes[k].rect().intersects(box) {
			in = append(in, k)
		}
	})
	if len(in) == 0 {
		return false
	}
	for _, s := range w.path {
		for t := 1; t < crossingSamples; t++ {
			p := s.at(float64(t) / crossingSamples)
			for _, k := range in {
				if g.nodes[k].rect().contains(p) {
					return true
				}
			}
		}
	}
	return false
}

// crossingSamples is how many points per segment crosses looks at.
const crossingSamples = 32

// laneBeside is the x, left or right of the nodes in span (whichever is the
// shorter way from a to b), where a wire can run down clear of them.
func (g *graph) laneBeside(span worldRect, a, b float64) float64 {
	right := g.asideOf(span)
	left := g.asideLeftOf(span)
	if math.Abs(right-a)+math.Abs(right-b) <= math.Abs(left-a)+math.Abs(left-b) {
		return right
	}
	return left
}

// asideLeftOf is asideOf's mirror: the x left of every node in span.
func (g *graph) asideLeftOf(span worldRect) float64 {
	aside := span.X0 - backEdgeGap
	for {
		reach := worldRect{aside, span.Y0, span.X1, span.Y1}
		left := span.X0
		g.nodeIndex.query(reach, func(k int) {
			if r := g.nodes[k].rect(); r.intersects(reach) {
				left = min(left, r.X0)
			}
		})
		if left-backEdgeGap >= aside {
			return aside
		}
		aside = left - backEdgeGap
	}
}

// asideOf is the x right of every node in span where a back edge climbs.
// Widening the span to reach there may take in more nodes, so it grows
// until none is left in the way.
func (g *graph) asideOf(span worldRect) float64 {
	aside := span.X1 + backEdgeGap
	for {
		reach := worldRect{span.X0, span.Y0, aside, span.Y1}
		right := span.X1
		g.nodeIndex.query(reach, func(k int) {
			if r := g.nodes[k].rect(); r.intersects(reach) {
				right = max(right, r.X1)
			}
		})
		if right+backEdgeGap <= aside {
			return aside
		}
		aside = right + backEdgeGap
	}
}

// file records the box of wire wi's path in the wire index and the bounds.
func (g *graph) file(wi int) {
	w := &g.wires[wi]
	w.box = w.path[0].box()
	for _, s := range w.path[1:] {
		w.box = w.box.union(s.box())
	}
	g.wireIndex.set(wi, w.box.grow(arrowWidth))
	g.grow(w.box)
}

// moveNode puts node i at p and re-routes the wires that touch it.
func (g *graph) moveNode(i int, p worldPoint) {
	n := &g.nodes[i]
	n.pos, n.placed = p, true
	g.nodeIndex.set(i, n.rect())
	g.grow(n.rect())
	for _, w := range n.in {
		g.route(w)
	}
	for _, pt := range n.ports {
		if pt.wire < 0 {
			continue
		}
		to := g.wires[pt.wire].to
		g.spreadInputs(to)
		for _, w := range g.nodes[to].in {
			g.route(w)
		}
	}
	// Other wires that now run through the node go round it.
	var blocked []int
	r := n.rect()
	g.wireIndex.query(r, func(w int) {
		if wr := &g.wires[w]; wr.from != i && wr.to != i && wr.box.intersects(r) && g.pathCrosses(wr, i) {
			blocked = append(blocked, w)
		}
	})
	for _, w := range blocked {
		g.route(w)
	}
}

// pathCrosses says whether wire w's path runs through node k.
func (g *graph) pathCrosses(w *wire, k int) bool {
	r := g.nodes[k].rect()
	for _, s := range w.path {
		if !s.box().intersects(r) {
			continue
		}
		for t := 1; t < crossingSamples; t++ {
			if r.contains(s.at(float64(t) / crossingSamples)) {
				return true
			}
		}
	}
	return false
}
