package layout

import (
	"cmp"
	"slices"

	"github.com/studioflow/studioflow/model"
)

// NeedsLayout reports whether a flow should be laid out before it is shown:
// it has widgets but none with a usable offset; or it has several and all
// the placed ones sit on one spot (seed 001's snippets all sit at 0,0); or
// more than half of its widgets either have no offset or mostly cover
// another widget (over half the smaller one's area, at the default sizes: a
// slight overlap is only the sizes guessed differently from Studio's). A flow that is merely untidy, or has a few
// widgets stacked or unplaced, keeps its author's layout.
func NeedsLayout(f *model.Flow) bool {
	n := f.Len()
	if n == 0 {
		return false
	}
	rects := make([]rect, 0, n)
	for i := range n {
		s := f.StateAt(i)
		if x, y, ok := s.Offset(); ok {
			w, h := DefaultSize(s.TransitionCount())
			rects = append(rects, rect{x, y, w, h})
		}
	}
	if len(rects) == 0 {
		return true
	}
	if len(rects) >= 2 && allOnOneSpot(rects) {
		return true
	}
	troubled := n - len(rects)
	return troubled+overlapping(rects, n/2-troubled+1) > n/2
}

type rect struct{ x, y, w, h float64 }

func (a rect) overlaps(b rect) bool {
	return a.x < b.x+b.w && b.x < a.x+a.w && a.y < b.y+b.h && b.y < a.y+a.h
}

// mostlyCovers reports whether a and b share over half the smaller's area.
func (a rect) mostlyCovers(b rect) bool {
	w := min(a.x+a.w, b.x+b.w) - max(a.x, b.x)
	h := min(a.y+a.h, b.y+b.h) - max(a.y, b.y)
	return w > 0 && h > 0 && w*h > min(a.w*a.h, b.w*b.h)/2
}

func allOnOneSpot(rects []rect) bool {
	for _, r := range rects[1:] {
		if r.x != rects[0].x || r.y != rects[0].y {
			return false
		}
	}
	return true
}

// overlapping counts the rectangles that mostly cover at least one other,
// stopping once it reaches enough. It sweeps them in order of x, so only
// rectangles that meet along x are compared.
func overlapping(rects []rect, enough int) int {
	sorted := slices.Clone(rects)
	slices.SortFunc(sorted, func(a, b rect) int { return cmp.Compare(a.x, b.x) })
	hit := make([]bool, len(sorted))
	count := 0
	mark := func(i int) {
		if !hit[i] {
			hit[i] = true
			count++
		}
	}
	for i := range sorted {
		for j := i + 1; j < len(sorted) && sorted[j].x < sorted[i].x+sorted[i].w; j++ {
			if sorted[i].mostlyCovers(sorted[j]) {
				mark(i)
				mark(j)
			}
		}
		if count >= enough {
			break
		}
	}
	return count
}
