package canvas

import (
	"errors"
	"fmt"
	"math"

	"github.com/studioflow/studioflow/model"
)

// placementGap is the free margin kept around a widget placed by the
// library (double-click or Enter), in world units.
const placementGap = 30

// placementStep is how far apart the spots tried are (a multiple of the
// snapping grid).
const placementStep = 2 * gridSize

// placementRings bounds the search: beyond that many steps from where it
// wanted to go the widget goes below everything instead.
const placementRings = 120

// freeSpot returns the top-left corner nearest to want at which a w×h
// rectangle, with gap around it, overlaps none of occupied.
func freeSpot(occupied []worldRect, w, h float64, want worldPoint, gap float64) worldPoint {
	return freeShift(occupied, []worldRect{rectAt(worldPoint{}, w, h)}, want, gap)
}

// freeShift returns the shift nearest to want that moves every rectangle of
// group, with gap around it, off all of occupied: the group moves as one,
// keeping its layout. Shifts are tried on rings of growing distance; on
// each ring the nearest free one wins, below before above and right before
// left when equally near.
func freeShift(occupied, group []worldRect, want worldPoint, gap float64) worldPoint {
	fits := func(p worldPoint) bool {
		for _, g := range group {
			r := worldRect{g.X0 + p.X, g.Y0 + p.Y, g.X1 + p.X, g.Y1 + p.Y}.grow(gap)
			for _, o := range occupied {
				if r.intersects(o) {
					return false
				}
			}
		}
		return true
	}
	if fits(want) {
		return want
	}
	for k := 1; k <= placementRings; k++ {
		best, bestDist, found := worldPoint{}, math.Inf(1), false
		for dy := -k; dy <= k; dy++ {
			for dx := -k; dx <= k; dx++ {
				if dx != -k && dx != k && dy != -k && dy != k {
					continue
				}
				p := want.add(float64(dx*placementStep), float64(dy*placementStep))
				// Below and right are preferred on ties: a flow reads down.
				d := float64(dx*dx+dy*dy) - 0.01*float64(dy) - 0.001*float64(dx)
				if d < bestDist && fits(p) {
					best, bestDist, found = p, d, true
				}
			}
		}
		if found {
			return best
		}
	}
	// Crowded all around: below everything.
	top, bottom := math.Inf(1), math.Inf(-1)
	for _, g := range group {
		top = min(top, g.Y0+want.Y)
	}
	for _, o := range occupied {
		bottom = max(bottom, o.Y1+gap)
	}
	return worldPoint{want.X, want.Y + max(0, bottom+gap-top)}
}

// AddWidget adds a widget of type typ with the catalog's defaults in free
// space: below the selected widgets when there are some, else at the centre
// of the view, moved to the nearest spot where it covers no other widget.
// It is one undoable step; the new widget is selected and brought into view.
func (e *Editor) AddWidget(typ string) (string, error) {
	if e.readOnly {
		return "", errors.New("this view of the flow is read-only")
	}
	wt, ok := lookup(e.catalog, typ)
	if !ok {
		return "", fmt.Errorf("add widget: %q is not a widget type Studio knows", typ)
	}
	name := model.FreshName(e.doc.Flow(), wt.NameBase)
	w, h := e.newNodeSize(wt.NewState(name, 0, 0))
	var want worldPoint
	if sel := e.selectionBounds(); !sel.empty() {
		want = worldPoint{sel.X0, sel.Y1 + placementGap*2}
	} else {
		c := e.ViewCenter()
		want = worldPoint{c.X - w/2, c.Y - h/2}
	}
	occupied := make([]worldRect, 0, len(e.graph.nodes))
	for i := range e.graph.nodes {
		occupied = append(occupied, e.graph.nodes[i].rect())
	}
	at := freeSpot(occupied, w, h, worldPoint{roundTo(want.X, gridSize), roundTo(want.Y, gridSize)}, placementGap)
	if err := e.doc.Apply(model.AddWidget(wt.NewState(name, at.X, at.Y), -1)); err != nil {
		return "", fmt.Errorf("add %s: %w", wt.Title, err)
	}
	e.SetSelection([]string{name})
	e.Reveal(name)
	return name, nil
}

// newNodeSize measures the node a new widget will be drawn as.
func (e *Editor) newNodeSize(state *model.Object) (w, h float64) {
	n, ok := e.looseNode(state)
	if !ok {
		return minNodeWidth, nodeHeight
	}
	return n.width, nodeHeight
}

// looseNode is the node a widget not (yet) in the flow is drawn as.
func (e *Editor) looseNode(state *model.Object) (node, bool) {
	f, err := model.FromObject(model.NewObject(model.Member{Key: "states", Value: []any{state}}))
	if err != nil || f.Len() == 0 {
		return node{}, false
	}
	return readNode(f.StateAt(0), e.catalog, e.measurer), true
}

// selectionBounds is the box around the selected widgets (empty when none).
func (e *Editor) selectionBounds() worldRect {
	b := emptyRect()
	for name := range e.selected {
		if i, ok := e.graph.byName[name]; ok {
			b = b.union(e.graph.nodes[i].rect())
		}
	}
	return b
}
