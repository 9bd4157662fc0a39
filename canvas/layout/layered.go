package layout

import (
	"cmp"
	"slices"
)

// layered is one component as a proper layered graph: every edge spanning
// several layers is a chain of segments through dummy nodes, one per layer
// crossed, so each segment joins neighbouring layers. Back edges are left
// out: the canvas routes them aside, right of the widgets they pass, so they
// neither need a channel between widgets nor cross wires there. (Leaving
// them out also keeps a flow whose deep widgets all return to a menu near
// the top from growing a dummy per widget per layer.)
type layered struct {
	layers [][]int // vertices of each layer, left to right
	layer  []int   // each vertex's layer
	pos    []int   // each vertex's place in its layer
	node   []int   // the graph node of each vertex, or -1 for a dummy
	segs   []segment
	// above and below list the segments entering a vertex from the layer
	// above and leaving it to the layer below.
	above, below [][]int

	sortScratch []keyed
}

// segment joins vertex up to vertex lo one layer below. frac is where it
// leaves up, across its width (0 left, 1 right): a port for a transition's
// first segment, the middle otherwise.
type segment struct {
	up, lo int
	frac   float64
	edge   int
}

// buildLayered makes the layered graph of a component whose nodes have
// their layers, placing the vertices of each layer in depth-first order.
func buildLayered(g *graph, st *structure, comp []int, layerOf []int, layerCount int) *layered {
	lg := &layered{layers: make([][]int, layerCount)}
	vertexOf := make(map[int]int, len(comp))
	// order ranks vertices for the starting order: a dummy goes where the
	// node its edge starts from would.
	var order []int
	addVertex := func(node, layer, rank int) int {
		v := len(lg.node)
		lg.node = append(lg.node, node)
		lg.layer = append(lg.layer, layer)
		lg.above = append(lg.above, nil)
		lg.below = append(lg.below, nil)
		order = append(order, rank)
		return v
	}
	for _, n := range comp {
		vertexOf[n] = addVertex(n, layerOf[n], st.rank[n])
	}
	for _, n := range comp {
		for _, e := range g.out[n] {
			if !st.inside[e] || st.reversed[e] {
				continue
			}
			a, b := n, g.edges[e].to
			frac := g.portFrac[a][g.edges[e].port]
			prev := vertexOf[a]
			for l := layerOf[a] + 1; l < layerOf[b]; l++ {
				d := addVertex(-1, l, st.rank[a])
				lg.link(prev, d, frac, e)
				prev, frac = d, 0.5
			}
			lg.link(prev, vertexOf[b], frac, e)
		}
	}
	for v, l := range lg.layer {
		lg.layers[l] = append(lg.layers[l], v)
	}
	lg.pos = make([]int, len(lg.node))
	for _, vs := range lg.layers {
		lg.renumber(vs)
		lg.sortBy(vs, func(v int) float64 { return float64(order[v]) })
	}
	return lg
}

func (lg *layered) link(up, lo int, frac float64, edge int) {
	s := len(lg.segs)
	lg.segs = append(lg.segs, segment{up: up, lo: lo, frac: frac, edge: edge})
	lg.below[up] = append(lg.below[up], s)
	lg.above[lo] = append(lg.above[lo], s)
}

func (lg *layered) renumber(vs []int) {
	for i, v := range vs {
		lg.pos[v] = i
	}
}

// upperKey orders a segment by where it leaves its layer: by its upper
// vertex, then by port, so the children of port 0 belong to the left.
func (lg *layered) upperKey(s segment) float64 {
	return float64(lg.pos[s.up]) + 0.9*(s.frac-0.5)
}

type keyed struct {
	key   float64
	at, v int
}

// sortBy orders a layer's vertices by key, keeping the present order among
// equals, and renumbers them.
func (lg *layered) sortBy(vs []int, key func(v int) float64) {
	ks := lg.sortScratch[:0]
	for i, v := range vs {
		ks = append(ks, keyed{key(v), i, v})
	}
	slices.SortFunc(ks, func(a, b keyed) int {
		if c := cmp.Compare(a.key, b.key); c != 0 {
			return c
		}
		return cmp.Compare(a.at, b.at)
	})
	for i, k := range ks {
		vs[i] = k.v
	}
	lg.sortScratch = ks
	lg.renumber(vs)
}
