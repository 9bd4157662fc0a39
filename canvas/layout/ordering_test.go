package layout

import (
	"testing"
)

// layeredFor builds the layered graph of each component of a flow, before
// any crossing minimisation.
func layeredFor(g *graph) []*layered {
	st := analyse(g)
	layerOf := make([]int, g.len())
	var out []*layered
	for _, comp := range st.comps {
		n := assignLayers(g, st, comp, layerOf)
		out = append(out, buildLayered(g, st, comp, layerOf, n))
	}
	return out
}

// naiveOrder puts each layer in file order, dummies with the widget their
// wire starts from: what a layout without crossing minimisation would do.
func naiveOrder(g *graph, lg *layered) {
	for _, vs := range lg.layers {
		lg.sortBy(vs, func(v int) float64 {
			if n := lg.node[v]; n >= 0 {
				return float64(n)
			}
			return float64(g.edges[lg.segs[lg.above[v][0]].edge].from) + 0.5
		})
	}
}

// bruteCrossings compares every pair of segments between the same layers.
func bruteCrossings(lg *layered) int {
	n := 0
	for i, a := range lg.segs {
		for _, b := range lg.segs[i+1:] {
			if lg.layer[a.up] != lg.layer[b.up] {
				continue
			}
			ua, ub := lg.upperKey(a), lg.upperKey(b)
			la, lb := lg.pos[a.lo], lg.pos[b.lo]
			if (ua < ub && la > lb) || (ua > ub && la < lb) {
				n++
			}
		}
	}
	return n
}

func TestCrossingsAfterMinimisationNoMoreThanNaive(t *testing.T) {
	naiveTotal, bestTotal := 0, 0
	for _, fx := range fixtures(t) {
		g := buildGraph(fx.flow, nil, sizer{})
		for _, lg := range layeredFor(g) {
			naiveOrder(g, lg)
			naive := lg.crossings()
			if brute := bruteCrossings(lg); brute != naive {
				t.Fatalf("%s: counted %d crossings, pair by pair %d", fx.name, naive, brute)
			}
			lg.minimiseCrossings()
			got := lg.crossings()
			if brute := bruteCrossings(lg); brute != got {
				t.Fatalf("%s: counted %d crossings, pair by pair %d", fx.name, got, brute)
			}
			if got > naive {
				t.Errorf("%s: %d crossings after minimisation, %d in file order", fx.name, got, naive)
			}
			naiveTotal += naive
			bestTotal += got
		}
	}
	t.Logf("crossings over all fixtures: %d in file order, %d after minimisation", naiveTotal, bestTotal)
	if bestTotal >= naiveTotal {
		t.Errorf("minimisation removed none of the %d crossings of the fixtures in file order", naiveTotal)
	}
}

func TestMinimisationUntanglesCrossedChildren(t *testing.T) {
	// The split's ports lead to c then b, the file lists b first, and each
	// child has a child of its own: in file order both layers cross.
	f := mustParse(t, `{"states": [
		{"name": "Trigger", "type": "trigger", "transitions": [{"event": "incomingMessage", "next": "s"}]},
		{"name": "b", "type": "set-variables", "transitions": [{"event": "next", "next": "bb"}]},
		{"name": "bb", "type": "set-variables", "transitions": [{"event": "next"}]},
		{"name": "cc", "type": "set-variables", "transitions": [{"event": "next"}]},
		{"name": "c", "type": "set-variables", "transitions": [{"event": "next", "next": "cc"}]},
		{"name": "s", "type": "split-based-on", "transitions": [{"event": "noMatch", "next": "c"}, {"event": "match", "next": "b"}]}
	]}`)
	g := buildGraph(f, nil, sizer{})
	lg := layeredFor(g)[0]
	naiveOrder(g, lg)
	if lg.crossings() == 0 {
		t.Fatal("the file order was meant to cross")
	}
	lg.minimiseCrossings()
	if c := lg.crossings(); c != 0 {
		t.Errorf("%d crossings left in a tree", c)
	}
}

func TestCountInversions(t *testing.T) {
	var tree []int
	pairs := []crossPair{{0, 2}, {1, 1}, {2, 0}}
	if n := countInversions(pairs, 3, &tree); n != 3 {
		t.Errorf("three fully crossed segments: %d crossings, want 3", n)
	}
	pairs = []crossPair{{0, 0}, {0, 1}, {1, 1}, {2, 1}}
	if n := countInversions(pairs, 2, &tree); n != 0 {
		t.Errorf("segments sharing ends: %d crossings, want 0", n)
	}
}
