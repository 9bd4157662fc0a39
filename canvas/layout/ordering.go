package layout

import (
	"cmp"
	"slices"
)

// The barycenter sweeps (each one down and one up) stop once a few in a
// row bring no fewer crossings, and after at most maxSweeps, fewer on big
// graphs: sweepBudget bounds sweeps times vertices, but minSweeps always run.
const (
	maxSweeps      = 24
	minSweeps      = 4
	sweepBudget    = 2_000_000
	patience       = 3
	maxTransposes  = 8
	transposeLimit = 20000 // vertices; above it the sweeps alone must do
)

func (lg *layered) sweeps() int {
	return max(minSweeps, min(maxSweeps, sweepBudget/max(len(lg.node), 1)))
}

// minimiseCrossings reorders the layers to reduce wire crossings: barycenter
// sweeps down (each vertex towards the ports above it) and up (towards its
// children), then swaps of neighbours that still help. It keeps the best
// order seen, so the result never has more crossings than the start.
func (lg *layered) minimiseCrossings() {
	best := make([]int, len(lg.pos))
	lg.saveOrder(best)
	bestCount := lg.crossings()
	stale := 0
	for range lg.sweeps() {
		for l := 1; l < len(lg.layers); l++ {
			lg.sortLayer(l, lg.barycenterAbove)
		}
		for l := len(lg.layers) - 2; l >= 0; l-- {
			lg.sortLayer(l, lg.barycenterBelow)
		}
		if c := lg.crossings(); c < bestCount {
			lg.saveOrder(best)
			bestCount, stale = c, 0
		} else if stale++; stale >= patience {
			break
		}
	}
	lg.restoreOrder(best)
	if len(lg.node) <= transposeLimit && bestCount > 0 {
		lg.transpose()
	}
}

func (lg *layered) sortLayer(l int, key func(v int) float64) {
	lg.sortBy(lg.layers[l], key)
}

// barycenterAbove is the mean place of the ports a vertex hangs from; a
// vertex with none keeps its place.
func (lg *layered) barycenterAbove(v int) float64 {
	if len(lg.above[v]) == 0 {
		return float64(lg.pos[v])
	}
	sum := 0.0
	for _, s := range lg.above[v] {
		sum += lg.upperKey(lg.segs[s])
	}
	return sum / float64(len(lg.above[v]))
}

// barycenterBelow is the mean place of a vertex's children; a vertex with
// none keeps its place.
func (lg *layered) barycenterBelow(v int) float64 {
	if len(lg.below[v]) == 0 {
		return float64(lg.pos[v])
	}
	sum := 0.0
	for _, s := range lg.below[v] {
		sum += float64(lg.pos[lg.segs[s].lo])
	}
	return sum / float64(len(lg.below[v]))
}

// transpose swaps neighbours in a layer while that lowers the crossings
// with the layers on both sides.
func (lg *layered) transpose() {
	for range maxTransposes {
		improved := false
		for _, vs := range lg.layers {
			for i := 0; i+1 < len(vs); i++ {
				a, b := vs[i], vs[i+1]
				if lg.pairCrossings(b, a) < lg.pairCrossings(a, b) {
					vs[i], vs[i+1] = b, a
					lg.pos[a], lg.pos[b] = i+1, i
					improved = true
				}
			}
		}
		if !improved {
			return
		}
	}
}

// pairCrossings counts the crossings between the segments of a and those of
// b, were a left of b in the same layer.
func (lg *layered) pairCrossings(a, b int) int {
	n := 0
	for _, sa := range lg.above[a] {
		ka := lg.upperKey(lg.segs[sa])
		for _, sb := range lg.above[b] {
			if lg.upperKey(lg.segs[sb]) < ka {
				n++
			}
		}
	}
	for _, sa := range lg.below[a] {
		pa := lg.pos[lg.segs[sa].lo]
		for _, sb := range lg.below[b] {
			if lg.pos[lg.segs[sb].lo] < pa {
				n++
			}
		}
	}
	return n
}

// crossings counts pairs of segments that cross, over all layers. Two
// segments between the same layers cross when their upper ends (by place,
// then port) and lower ends come in opposite orders.
func (lg *layered) crossings() int {
	total := 0
	var pairs []crossPair
	var tree []int
	for l := 0; l+1 < len(lg.layers); l++ {
		pairs = pairs[:0]
		for _, v := range lg.layers[l] {
			for _, s := range lg.below[v] {
				pairs = append(pairs, crossPair{lg.upperKey(lg.segs[s]), lg.pos[lg.segs[s].lo]})
			}
		}
		total += countInversions(pairs, len(lg.layers[l+1]), &tree)
	}
	return total
}

type crossPair struct {
	upper float64
	lower int
}

// countInversions sorts the pairs by upper end and counts those whose lower
// end is left of an earlier one's, with a Fenwick tree over the lower layer.
func countInversions(pairs []crossPair, width int, tree *[]int) int {
	slices.SortFunc(pairs, func(a, b crossPair) int {
		if c := cmp.Compare(a.upper, b.upper); c != 0 {
			return c
		}
		return cmp.Compare(a.lower, b.lower)
	})
	if cap(*tree) < width+1 {
		*tree = make([]int, width+1)
	}
	t := (*tree)[:width+1]
	clear(t)
	count, seen := 0, 0
	for _, p := range pairs {
		notAfter := 0
		for i := p.lower + 1; i > 0; i -= i & -i {
			notAfter += t[i]
		}
		count += seen - notAfter
		for i := p.lower + 1; i <= width; i += i & -i {
			t[i]++
		}
		seen++
	}
	return count
}

// saveOrder copies every vertex's place into keep.
func (lg *layered) saveOrder(keep []int) { copy(keep, lg.pos) }

func (lg *layered) restoreOrder(keep []int) {
	copy(lg.pos, keep)
	for v, p := range keep {
		lg.layers[lg.layer[v]][p] = v
	}
}
