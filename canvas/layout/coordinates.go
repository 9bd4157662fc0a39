package layout

import "math"

// The layers are aligned down and then up alignRounds times, fewer on big
// graphs (alignBudget bounds rounds times vertices, but minAlignRounds
// always run), before a last pass that weighs both sides.
const (
	alignRounds    = 6
	minAlignRounds = 2
	alignBudget    = 1_000_000
)

// dummyWeight makes the vertices of long edges hold their line more firmly
// than widgets, so long wires run straight; freeWeight is how firmly a
// vertex with no wires on the sides considered keeps its place.
const (
	dummyWeight = 4
	freeWeight  = 0.01
)

type spacing struct {
	nodeGap, layerGap, grid float64
}

// place assigns coordinates keeping each layer's order: every layer is
// packed, then repeatedly each vertex is pulled towards the ports it hangs
// from and the ports it leads to, as close as the order and the gaps allow
// (a weighted least-squares fit under the order, solved exactly per layer by
// pool-adjacent-violators). Parents end up centred over their children and
// children under their ports.
func (lg *layered) place(g *graph, sp spacing) (centres []float64) {
	width := func(v int) float64 {
		if n := lg.node[v]; n >= 0 {
			return g.widths[n]
		}
		return 0
	}
	x := make([]float64, len(lg.node))
	for _, vs := range lg.layers {
		at := 0.0
		for i, v := range vs {
			if i > 0 {
				at += lg.separation(vs[i-1], v, width, sp.nodeGap)
			}
			x[v] = at
		}
	}
	a := newAligner(lg)
	for range max(minAlignRounds, min(alignRounds, alignBudget/max(len(lg.node), 1))) {
		for l := 1; l < len(lg.layers); l++ {
			a.align(lg, l, x, width, sp.nodeGap, true, false)
		}
		for l := len(lg.layers) - 2; l >= 0; l-- {
			a.align(lg, l, x, width, sp.nodeGap, false, true)
		}
	}
	for l := range lg.layers {
		a.align(lg, l, x, width, sp.nodeGap, true, true)
	}
	return x
}

// separation is the least distance between the centres of neighbours a, b.
func (lg *layered) separation(a, b int, width func(int) float64, gap float64) float64 {
	if lg.node[a] < 0 || lg.node[b] < 0 {
		gap /= 2
	}
	return (width(a)+width(b))/2 + gap
}

// aligner holds the scratch space of align between calls.
type aligner struct {
	target, weight, offset []float64
	blocks                 []block
	// children counts each vertex's segments down to widgets (not dummies).
	children []int
	isDummy  []bool
}

func newAligner(lg *layered) *aligner {
	a := &aligner{children: make([]int, len(lg.node)), isDummy: make([]bool, len(lg.node))}
	for v, n := range lg.node {
		a.isDummy[v] = n < 0
	}
	for _, s := range lg.segs {
		if !a.isDummy[s.lo] {
			a.children[s.up]++
		}
	}
	return a
}

// portShift is how far off the middle of its upper vertex a segment should
// hang, as a fraction of that vertex's width. A long wire's dummy goes under
// its port; so does a widget with siblings, so they spread in port order;
// but an only child (long wires aside) goes right below the middle, so a
// chain of first ports runs straight down instead of drifting left.
func (a *aligner) portShift(s segment) float64 {
	if !a.isDummy[s.lo] && a.children[s.up] < 2 {
		return 0
	}
	return s.frac - 0.5
}

// counts reports whether the segment down from v to lo pulls v: a widget
// with children of its own is pulled by them only, not by the long wires
// leaving it, which would tilt a chain towards where those wires run.
func (a *aligner) counts(v, lo int) bool {
	return a.isDummy[v] || !a.isDummy[lo] || a.children[v] == 0
}

type block struct {
	sum, weight float64
	n           int
}

// align moves the vertices of layer l towards where their segments above
// and/or below want them, keeping their order and separations.
func (a *aligner) align(lg *layered, l int, x []float64, width func(int) float64, gap float64, fromAbove, fromBelow bool) {
	vs := lg.layers[l]
	a.target, a.weight, a.offset = a.target[:0], a.weight[:0], a.offset[:0]
	off := 0.0
	for i, v := range vs {
		if i > 0 {
			off += lg.separation(vs[i-1], v, width, gap)
		}
		sum, n := 0.0, 0
		if fromAbove {
			for _, s := range lg.above[v] {
				seg := lg.segs[s]
				sum += x[seg.up] + a.portShift(seg)*width(seg.up)
				n++
			}
		}
		if fromBelow {
			for _, s := range lg.below[v] {
				seg := lg.segs[s]
				if a.counts(v, seg.lo) {
					sum += x[seg.lo] - a.portShift(seg)*width(v)
					n++
				}
			}
		}
		want, w := x[v], freeWeight
		switch {
		case n == 0:
		case lg.node[v] >= 0:
			want, w = sum/float64(n), float64(n)
		default:
			want, w = sum/float64(n), dummyWeight
		}
		a.target = append(a.target, want-off)
		a.weight = append(a.weight, w)
		a.offset = append(a.offset, off)
	}
	a.blocks = a.blocks[:0]
	for i := range vs {
		a.blocks = append(a.blocks, block{sum: a.target[i] * a.weight[i], weight: a.weight[i], n: 1})
		for k := len(a.blocks) - 1; k > 0 && a.blocks[k-1].mean() >= a.blocks[k].mean(); k-- {
			a.blocks[k-1].sum += a.blocks[k].sum
			a.blocks[k-1].weight += a.blocks[k].weight
			a.blocks[k-1].n += a.blocks[k].n
			a.blocks = a.blocks[:k]
		}
	}
	i := 0
	for _, b := range a.blocks {
		m := b.mean()
		for range b.n {
			x[vs[i]] = m + a.offset[i]
			i++
		}
	}
}

func (b block) mean() float64 { return b.sum / b.weight }

// snapUp returns the least multiple of grid at or above v.
func snapUp(v, grid float64) float64 { return math.Ceil(v/grid-1e-9) * grid }

// snapNear returns the multiple of grid nearest v.
func snapNear(v, grid float64) float64 { return math.Round(v/grid) * grid }
