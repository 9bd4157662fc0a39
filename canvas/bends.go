package canvas

import (
	"github.com/studioflow/studioflow/canvas/layout"
	"github.com/studioflow/studioflow/model"
	"math"
)

// keptBend is a long wire's route down the channels the last tidy-up left
// between the layers it passes, with where its two widgets stood then: the
// route holds while both still stand there and its channel stays clear.
type keptBend struct {
	points   []worldPoint // two per layer passed: where the wire enters and leaves its band
	target   string
	from, to worldPoint
}

// bendTable holds the kept routes by transition.
type bendTable map[layout.Wire]keptBend

// keep records the routes of a layout's long wires, for the widgets at the
// layout's positions.
func (t bendTable) keep(f *model.Flow, res layout.Result) {
	for w, points := range res.Bends {
		s := f.State(w.From)
		if s == nil || w.Transition >= len(s.Transitions()) {
			continue
		}
		target := s.Transitions()[w.Transition].Next
		from, okFrom := res.Positions[w.From]
		to, okTo := res.Positions[target]
		if !okFrom || !okTo || len(points)%2 != 0 {
			continue
		}
		kb := keptBend{target: target, from: worldPoint{from.X, from.Y}, to: worldPoint{to.X, to.Y}}
		for _, p := range points {
			kb.points = append(kb.points, worldPoint{p.X, p.Y})
		}
		t[w] = kb
	}
}

// keptRoute returns the bends wire w may still follow: none once either of
// its widgets moved since the tidy-up or its transition leads elsewhere.
// (route also drops them when a widget now stands in the way.)
func (g *graph) keptRoute(w *wire) ([]worldPoint, bool) {
	from, to := &g.nodes[w.from], &g.nodes[w.to]
	kb, ok := g.bends[layout.Wire{From: from.name, Transition: from.ports[w.port].transition}]
	if !ok || kb.target != to.name || !samePoint(kb.from, from.pos) || !samePoint(kb.to, to.pos) {
		return nil, false
	}
	return kb.points, true
}

func samePoint(a, b worldPoint) bool {
	return math.Abs(a.X-b.X) < 0.5 && math.Abs(a.Y-b.Y) < 0.5
}

// bentPath runs a wire from its port down through each kept channel (a
// straight drop through the layer's band) to its target, with S curves
// across the gaps between layers, where no widget stands.
func bentPath(start, end worldPoint, bends []worldPoint, out []segment) []segment {
	prev := start
	for i := 0; i+1 < len(bends); i += 2 {
		top, bottom := bends[i], bends[i+1]
		out = append(out, sCurve(prev, top), straightSegment(top, bottom))
		prev = bottom
	}
	return append(out, sCurve(prev, end))
}

// sCurve leaves a downwards and arrives at b from above.
func sCurve(a, b worldPoint) segment {
	d := max((b.Y-a.Y)/2, 1)
	return segment{a, a.add(0, d), b.add(0, -d), b}
}

func straightSegment(a, b worldPoint) segment {
	dx, dy := (b.X-a.X)/3, (b.Y-a.Y)/3
	return segment{a, a.add(dx, dy), a.add(2*dx, 2*dy), b}
}
