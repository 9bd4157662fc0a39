// Package layout places a flow's widgets automatically, in layers from the
// trigger down (a Sugiyama-style layered layout): Tidy up in the canvas, and
// the first placement of a flow imported without usable offsets.
//
// The steps: back edges found by a depth-first walk from the trigger in
// transition order are reversed; every widget gets the layer of its longest
// path from the trigger, and then widgets with more wires down than up sink
// to just above their successors; forward edges spanning several layers
// pass through dummy vertices; barycenter sweeps and neighbour swaps order
// each layer to cut crossings, with a widget's transitions ordered left to
// right as its ports are; coordinates then centre parents over their
// children and children under their ports without overlaps. Widgets the
// trigger does not reach are laid out as their own groups beside the
// trigger's, each from its own sources.
package layout

import (
	"math"

	"github.com/studioflow/studioflow/model"
)

// Result is a layout: where the widgets go, and how the wires that pass
// other layers should run so as not to cross widgets there.
type Result struct {
	// Positions holds the top-left corner of every widget laid out, in world
	// coordinates as properties.offset stores them.
	Positions map[string]model.Position
	// Bends holds, for each transition whose wire passes layers between its
	// widget and its target, two points per layer passed (where the wire
	// enters the layer's band and where it leaves it), top to bottom: a
	// channel between that layer's widgets. Other wires go straight from
	// port to target, and back edges are left to the canvas to route aside.
	// The bends hold only until a widget moves. Wires into one widget run
	// down one channel, so their bends share storage: treat them as
	// read-only.
	Bends map[Wire][]model.Position
}

// Wire names a transition: number Transition of widget From.
type Wire struct {
	From       string
	Transition int
}

// Compute lays out every widget, or with opts.Only the widgets it names.
// The same flow and options always give the same result.
//
// The whole flow is laid out with its top-left corner at (0, 0). A subset
// is laid out among itself, ignoring wires to other widgets, with its
// top-left corner where the subset's was, or at the nearest spot around
// there where it covers no other widget (when none of it had an offset,
// below everything else).
func Compute(f *model.Flow, opts Options) Result {
	g := buildGraph(f, opts.Only, sizer{opts})
	res := Result{Positions: make(map[string]model.Position, g.len()), Bends: map[Wire][]model.Position{}}
	if g.len() == 0 {
		return res
	}
	sp := spacing{nodeGap: opts.nodeGap(), layerGap: opts.layerGap(), grid: opts.grid()}
	ar := arrange(g, sp)
	dx, dy := 0.0, 0.0
	if opts.Only != nil {
		dx, dy = placeSubset(f, g, opts.Only, sizer{opts}, sp, ar.lefts, ar.tops)
	}
	for v, name := range g.names {
		res.Positions[name] = model.Position{X: ar.lefts[v] + dx, Y: ar.tops[v] + dy}
	}
	for _, points := range ar.channels {
		for i := range points {
			points[i].X += dx
			points[i].Y += dy
		}
	}
	for e, r := range ar.routes {
		ed := g.edges[e]
		res.Bends[Wire{From: g.names[ed.from], Transition: ed.port}] = ar.channels[r.chain][2*r.from:]
	}
	return res
}

// Layout returns the widgets' positions from Compute: the top-left corner
// of every widget, or with opts.Only of the widgets it names.
func Layout(f *model.Flow, opts Options) map[string]model.Position {
	return Compute(f, opts).Positions
}

// Op returns the layout of f as it is now, as one undoable operation
// labelled "Tidy up".
func Op(f *model.Flow, opts Options) model.Op {
	return model.Batch("Tidy up", model.MoveWidgets(Layout(f, opts)))
}

// arrangement is every node's top-left corner, the channels long wires run
// down (two points per layer passed), and which channel each long wire
// joins where.
type arrangement struct {
	lefts, tops []float64
	channels    [][]model.Position
	routes      map[int]route
}

// arrange lays out every component and packs them: the first (the
// trigger's) at the origin, the others in rows to its right.
func arrange(g *graph, sp spacing) arrangement {
	st := analyse(g)
	ar := arrangement{lefts: make([]float64, g.len()), tops: make([]float64, g.len()), routes: map[int]route{}}
	layerOf := make([]int, g.len())
	shelf := shelfPacker{gap: snapUp(2*sp.nodeGap, sp.grid), rowGap: snapUp(sp.layerGap, sp.grid), grid: sp.grid}
	for c, comp := range st.comps {
		count := assignLayers(g, st, comp, layerOf)
		lg := buildLayered(g, st, comp, layerOf, count)
		lg.minimiseCrossings()
		x, y := 0.0, 0.0
		w, h, channels := lg.snapped(g, lg.place(g, sp), sp, ar.lefts, ar.tops)
		if c == 0 {
			shelf.start(w)
		} else {
			x, y = shelf.put(w, h)
		}
		for _, v := range comp {
			ar.lefts[v] += x
			ar.tops[v] += y
		}
		for _, points := range channels {
			for i := range points {
				points[i].X += x
				points[i].Y += y
			}
		}
		for e, r := range lg.routes {
			ar.routes[e] = route{chain: r.chain + len(ar.channels), from: r.from}
		}
		ar.channels = append(ar.channels, channels...)
	}
	return ar
}

// snapped turns vertex centres into the top-left corners of the widgets,
// on the grid, with the component's left edge and top at 0, and returns the
// component's width and height and the channels of its long wires. Rounding
// may only shrink a gap so far: each widget stays at least half a gap right
// of its left neighbour.
func (lg *layered) snapped(g *graph, centres []float64, sp spacing, lefts, tops []float64) (w, h float64, channels [][]model.Position) {
	least := math.Inf(1)
	for v, n := range lg.node {
		if n >= 0 {
			least = min(least, centres[v]-g.widths[n]/2)
		}
	}
	bandTop := make([]float64, len(lg.layers))
	bandBottom := make([]float64, len(lg.layers))
	top := 0.0
	for l, vs := range lg.layers {
		right := math.Inf(-1)
		tallest := 0.0
		for _, v := range vs {
			n := lg.node[v]
			if n < 0 {
				continue
			}
			x := snapNear(centres[v]-g.widths[n]/2-least, sp.grid)
			if x < right+sp.nodeGap/2 {
				x = snapUp(right+sp.nodeGap/2, sp.grid)
			}
			lefts[n], tops[n] = x, top
			right = x + g.widths[n]
			w = max(w, right)
			tallest = max(tallest, g.heights[n])
		}
		h = top + tallest
		bandTop[l], bandBottom[l] = top, top+tallest
		top = snapUp(top+tallest+sp.layerGap, sp.grid)
	}
	channels = make([][]model.Position, len(lg.chains))
	for c, chain := range lg.chains {
		points := make([]model.Position, 0, 2*len(chain))
		for _, d := range chain {
			x := math.Round(centres[d] - least)
			l := lg.layer[d]
			points = append(points, model.Position{X: x, Y: bandTop[l]}, model.Position{X: x, Y: bandBottom[l]})
		}
		channels[c] = points
	}
	return w, h, channels
}

// shelfPacker places components in rows right of the first one, starting a
// new row when one would grow wider than the first component or the widest
// so far.
type shelfPacker struct {
	gap, rowGap, grid  float64
	left, limit        float64
	x, rowTop, rowDeep float64
}

func (s *shelfPacker) start(firstWidth float64) {
	s.left = snapUp(firstWidth+s.gap, s.grid)
	s.limit = firstWidth
	s.x = s.left
}

func (s *shelfPacker) put(w, h float64) (x, y float64) {
	s.limit = max(s.limit, w)
	if s.x > s.left && s.x+w > s.left+s.limit {
		s.rowTop = snapUp(s.rowTop+s.rowDeep+s.rowGap, s.grid)
		s.x, s.rowDeep = s.left, 0
	}
	x, y = s.x, s.rowTop
	s.x = snapUp(s.x+w+s.gap, s.grid)
	s.rowDeep = max(s.rowDeep, h)
	return x, y
}

type box struct{ x0, y0, x1, y1 float64 }

func newBox() box { return box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)} }

func (b *box) add(x, y, w, h float64) {
	b.x0, b.y0 = min(b.x0, x), min(b.y0, y)
	b.x1, b.y1 = max(b.x1, x+w), max(b.y1, y+h)
}

func (b box) empty() bool { return b.x0 > b.x1 }
