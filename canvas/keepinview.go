package canvas

import "fyne.io/fyne/v2"

// panToShow moves the view the least that shows r whole, with a margin
// where there is room for one; it reports whether the view moved. A box
// larger than the view shows its top-left part.
func (v *viewport) panToShow(r worldRect, size fyne.Size) bool {
	if r.empty() || size.Width <= 0 || size.Height <= 0 {
		return false
	}
	vis := v.visible(size)
	shift := func(lo, hi, from, to float64) float64 {
		m := max(0, min(viewMargin, (to-from-(hi-lo))/2))
		switch {
		case hi-lo > to-from || lo-m < from:
			return lo - m - from
		case hi+m > to:
			return hi + m - to
		}
		return 0
	}
	dx, dy := shift(r.X0, r.X1, vis.X0, vis.X1), shift(r.Y0, r.Y1, vis.Y0, vis.Y1)
	if dx == 0 && dy == 0 {
		return false
	}
	v.origin = v.origin.add(dx, dy)
	return true
}

// showsWhole reports whether a view of that size shows r whole.
func (v viewport) showsWhole(r worldRect, size fyne.Size) bool {
	vis := v.visible(size)
	return !r.empty() && vis.contains(worldPoint{r.X0, r.Y0}) && vis.contains(worldPoint{r.X1, r.Y1})
}

// keepInView pans the least that shows the widgets whole: a widget just
// added by a drop half past the edge.
func (e *Editor) keepInView(names ...string) {
	r := emptyRect()
	for _, name := range names {
		if i, ok := e.graph.byName[name]; ok {
			r = r.union(e.graph.nodes[i].rect())
		}
	}
	if e.view.panToShow(r, e.size) {
		e.viewTouched = true
		e.Refresh()
	}
}
