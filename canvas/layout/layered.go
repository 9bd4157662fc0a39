package layout

import (
	"cmp"
	"slices"
)

// layered is one component as a proper layered graph: every edge spanning
// several layers is a chain of segments through dummy nodes, one per layer
// crossed, so each segment joins neighbouring layers. Long edges into the
// same widget share one chain (they end in the same place, so they run
// together: many failure ports leading to one error widget cost one chain,
// not one per port). Back edges are left
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
	// chains are the dummies of each bundle of long edges, top to bottom;
	// routes tells, for each edge that passes layers between its ends, the
	// chain it runs down and from which of its dummies.
	chains [][]int
	routes map[int]route

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

// route is where an edge runs: down chain number chain, from its dummy
// number from.
type route struct{ chain, from int }

// bundle is the forward edges into one target, with the highest layer their
// sources sit on and the depth-first rank of that source.
type bundle struct {
	target, top, rank int
	edges             []int
}

// maxDummies bounds the dummy vertices of a component. Past it the longest
// bundles get none and their wires take no part in ordering, so that a
// pathological flow still lays out in reasonable time and memory.
const maxDummies = 100_000

// bundleLongEdges groups the component's forward edges by target, in file
// order of targets and, within one, of sources and transitions.
func bundleLongEdges(g *graph, st *structure, comp []int, layerOf []int) []bundle {
	at := make(map[int]int)
	var bundles []bundle
	for _, n := range comp {
		for _, e := range g.out[n] {
			if !st.inside[e] || st.reversed[e] {
				continue
			}
			t := g.edges[e].to
			k, ok := at[t]
			if !ok {
				k = len(bundles)
				at[t] = k
				bundles = append(bundles, bundle{target: t, top: layerOf[n], rank: st.rank[n]})
			}
			b := &bundles[k]
			b.edges = append(b.edges, e)
			if layerOf[n] < b.top || (layerOf[n] == b.top && st.rank[n] < b.rank) {
				b.top, b.rank = layerOf[n], st.rank[n]
			}
		}
	}
	slices.SortStableFunc(bundles, func(a, b bundle) int { return cmp.Compare(a.target, b.target) })
	dummies := func(b bundle) int { return max(layerOf[b.target]-b.top-1, 0) }
	total := 0
	for _, b := range bundles {
		total += dummies(b)
	}
	if total <= maxDummies {
		return bundles
	}
	byLength := slices.Clone(bundles)
	slices.SortStableFunc(byLength, func(a, b bundle) int { return cmp.Compare(dummies(b), dummies(a)) })
	dropped := map[int]bool{}
	for _, b := range byLength {
		if total <= maxDummies {
			break
		}
		total -= dummies(b)
		dropped[b.target] = true
	}
	kept := bundles[:0]
	for _, b := range bundles {
		if !dropped[b.target] {
			kept = append(kept, b)
		} else {
			kept = append(kept, shortOnly(g, b, layerOf))
		}
	}
	return kept
}

// shortOnly keeps the edges of a bundle that join neighbouring layers.
func shortOnly(g *graph, b bundle, layerOf []int) bundle {
	var edges []int
	for _, e := range b.edges {
		if layerOf[g.edges[e].from] == layerOf[b.target]-1 {
			edges = append(edges, e)
		}
	}
	b.edges = edges
	b.top = layerOf[b.target] - 1
	return b
}

// buildLayered makes the layered graph of a component whose nodes have
// their layers, placing the vertices of each layer in depth-first order.
func buildLayered(g *graph, st *structure, comp []int, layerOf []int, layerCount int) *layered {
	lg := &layered{layers: make([][]int, layerCount), routes: map[int]route{}}
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
	for _, b := range bundleLongEdges(g, st, comp, layerOf) {
		// A bundle's dummies form one chain above its target, which each
		// source joins at the layer below its own.
		chain := make([]int, layerOf[b.target]-b.top-1)
		for i := range chain {
			chain[i] = addVertex(-1, b.top+1+i, b.rank)
			if i > 0 {
				lg.link(chain[i-1], chain[i], 0.5, b.edges[0])
			}
		}
		if len(chain) > 0 {
			lg.link(chain[len(chain)-1], vertexOf[b.target], 0.5, b.edges[0])
		}
		id := len(lg.chains)
		lg.chains = append(lg.chains, chain)
		for _, e := range b.edges {
			a := g.edges[e].from
			frac := g.portFrac[a][g.edges[e].port]
			if layerOf[b.target]-layerOf[a] == 1 {
				lg.link(vertexOf[a], vertexOf[b.target], frac, e)
			} else {
				lg.link(vertexOf[a], chain[layerOf[a]-b.top], frac, e)
				lg.routes[e] = route{chain: id, from: layerOf[a] - b.top}
			}
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
