package canvas

import (
	"github.com/studioflow/studioflow/model"
)

// CopyShift is how far copies of widgets (as copied, offsets and all) move
// to land: as a group, keeping their layout, just right of where they were
// copied from, or the nearest free space to that, covering no widget. When
// that place is out of view (the view moved on, or they come from another
// flow) they land in the middle of the view instead. Paste and Duplicate
// both place their copies so; the shift is a multiple of the grid, so
// copies of widgets on the grid stay on it.
func (e *Editor) CopyShift(widgets []*model.Object) model.Position {
	var group []worldRect
	from := emptyRect()
	for _, w := range widgets {
		if r, ok := e.copiedRect(w); ok {
			group = append(group, r)
			from = from.union(r)
		}
	}
	if len(group) == 0 {
		return model.Position{}
	}
	want := worldPoint{from.width() + 2*placementGap, 0}
	if e.size.Width > 0 && !from.intersects(e.view.visible(e.size)) {
		c, g := e.ViewCenter(), from.center()
		want = worldPoint{c.X - g.X, c.Y - g.Y}
	}
	want = worldPoint{roundTo(want.X, gridSize), roundTo(want.Y, gridSize)}
	occupied := make([]worldRect, 0, len(e.graph.nodes))
	for i := range e.graph.nodes {
		occupied = append(occupied, e.graph.nodes[i].rect())
	}
	s := freeShift(occupied, group, want, placementGap)
	return model.Position{X: s.X, Y: s.Y}
}

// copiedRect is where a copied widget's node was drawn; false when it has
// no position.
func (e *Editor) copiedRect(w *model.Object) (worldRect, bool) {
	n, ok := e.looseNode(w)
	return n.rect(), ok && n.placed
}
