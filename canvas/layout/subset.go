package layout

import (
	"cmp"
	"slices"

	"github.com/studioflow/studioflow/model"
)

// searchRings is how many rings of candidate spots around the subset's old
// corner are tried before it goes below everything else.
const searchRings = 8

// placeSubset returns how far to move a subset laid out from (0, 0): to the
// top-left corner of the box its widgets had, or the nearest spot around it
// where none of them would overlap a widget outside the subset. When none of
// the subset had an offset, or no spot nearby is free, it goes below the
// rest of the flow.
func placeSubset(f *model.Flow, g *graph, only map[string]bool, sizes sizer, sp spacing, lefts, tops []float64) (dx, dy float64) {
	was, others := newBox(), newBox()
	var fixed []rect
	for i := range f.Len() {
		s := f.StateAt(i)
		x, y, ok := s.Offset()
		if !ok {
			continue
		}
		w, h := sizes.size(s)
		if only[s.Name()] {
			was.add(x, y, w, h)
			continue
		}
		others.add(x, y, w, h)
		fixed = append(fixed, rect{x, y, w, h})
	}
	below := func() (float64, float64) {
		if others.empty() {
			return 0, 0
		}
		return snapNear(others.x0, sp.grid), snapUp(others.y1+sp.layerGap, sp.grid)
	}
	if was.empty() {
		return below()
	}
	moved := make([]rect, g.len())
	for v := range moved {
		moved[v] = rect{lefts[v], tops[v], g.widths[v], g.heights[v]}
	}
	x0, y0 := snapNear(was.x0, sp.grid), snapNear(was.y0, sp.grid)
	stepX, stepY := snapUp(2*sp.nodeGap, sp.grid), snapUp(sp.layerGap, sp.grid)
	for _, c := range ringSpots(searchRings) {
		x, y := x0+float64(c.i)*stepX, y0+float64(c.j)*stepY
		if !coversAny(moved, x, y, fixed) {
			return x, y
		}
	}
	return below()
}

type spot struct{ i, j int }

// ringSpots lists the lattice spots within rings steps of the origin, the
// nearest first (ties: higher first, then left first).
func ringSpots(rings int) []spot {
	var spots []spot
	for j := -rings; j <= rings; j++ {
		for i := -rings; i <= rings; i++ {
			spots = append(spots, spot{i, j})
		}
	}
	slices.SortFunc(spots, func(a, b spot) int {
		if c := cmp.Compare(a.i*a.i+a.j*a.j, b.i*b.i+b.j*b.j); c != 0 {
			return c
		}
		if c := cmp.Compare(a.j, b.j); c != 0 {
			return c
		}
		return cmp.Compare(a.i, b.i)
	})
	return spots
}

// coversAny reports whether the subset's rectangles, moved by (dx, dy),
// overlap any fixed one.
func coversAny(subset []rect, dx, dy float64, fixed []rect) bool {
	span := newBox()
	for _, r := range subset {
		span.add(r.x+dx, r.y+dy, r.w, r.h)
	}
	whole := rect{span.x0, span.y0, span.x1 - span.x0, span.y1 - span.y0}
	for _, o := range fixed {
		if !o.overlaps(whole) {
			continue
		}
		for _, r := range subset {
			if o.overlaps(rect{r.x + dx, r.y + dy, r.w, r.h}) {
				return true
			}
		}
	}
	return false
}
