package canvas

import (
	"math"
	"slices"
)

// cellSize is the side of one spatial index cell in world units: about one
// node wide, so a query for the view touches few cells per item found.
const cellSize = 512

type cellKey struct{ x, y int32 }

// cellSpan is the block of cells an item covers.
type cellSpan struct {
	x0, y0, x1, y1 int32
	filed          bool
}

// spatialIndex is a uniform grid over world space: each item (a node or a
// wire, by its index) is filed in every cell its box touches, so finding
// what lies in the view costs in proportion to what is there, not to the
// size of the flow. Moving an item re-files only that item.
type spatialIndex struct {
	cells map[cellKey][]int
	spans []cellSpan
	// seen de-duplicates items found in several cells of one query.
	seen  []uint32
	epoch uint32
}

func newSpatialIndex(n int) *spatialIndex {
	return &spatialIndex{cells: make(map[cellKey][]int, n), spans: make([]cellSpan, n), seen: make([]uint32, n)}
}

func cellOf(v float64) int32 {
	c := math.Floor(v / cellSize)
	return int32(max(min(c, math.MaxInt32/2), math.MinInt32/2))
}

func spanOf(r worldRect) cellSpan {
	return cellSpan{cellOf(r.X0), cellOf(r.Y0), cellOf(r.X1), cellOf(r.Y1), true}
}

// set files item id under box r, replacing where it was filed before.
func (s *spatialIndex) set(id int, r worldRect) {
	for id >= len(s.spans) {
		s.spans = append(s.spans, cellSpan{})
		s.seen = append(s.seen, 0)
	}
	next := spanOf(r)
	if old := s.spans[id]; old == next {
		return
	}
	s.remove(id)
	for y := next.y0; y <= next.y1; y++ {
		for x := next.x0; x <= next.x1; x++ {
			k := cellKey{x, y}
			s.cells[k] = append(s.cells[k], id)
		}
	}
	s.spans[id] = next
}

func (s *spatialIndex) remove(id int) {
	old := s.spans[id]
	if !old.filed {
		return
	}
	for y := old.y0; y <= old.y1; y++ {
		for x := old.x0; x <= old.x1; x++ {
			k := cellKey{x, y}
			list := s.cells[k]
			if i := slices.Index(list, id); i >= 0 {
				list[i] = list[len(list)-1]
				list = list[:len(list)-1]
			}
			if len(list) == 0 {
				delete(s.cells, k)
			} else {
				s.cells[k] = list
			}
		}
	}
	s.spans[id] = cellSpan{}
}

// query calls fn once for each item filed in a cell r touches; the caller
// checks the item's exact box.
func (s *spatialIndex) query(r worldRect, fn func(id int)) {
	want := spanOf(r)
	s.epoch++
	if s.epoch == 0 {
		clear(s.seen)
		s.epoch = 1
	}
	cells := int64(want.x1-want.x0+1) * int64(want.y1-want.y0+1)
	if cells > int64(len(s.cells)) {
		// A view larger than the flow: walk the filed cells instead.
		for k, list := range s.cells {
			if k.x >= want.x0 && k.x <= want.x1 && k.y >= want.y0 && k.y <= want.y1 {
				s.visit(list, fn)
			}
		}
		return
	}
	for y := want.y0; y <= want.y1; y++ {
		for x := want.x0; x <= want.x1; x++ {
			s.visit(s.cells[cellKey{x, y}], fn)
		}
	}
}

func (s *spatialIndex) visit(list []int, fn func(int)) {
	for _, id := range list {
		if s.seen[id] != s.epoch {
			s.seen[id] = s.epoch
			fn(id)
		}
	}
}
