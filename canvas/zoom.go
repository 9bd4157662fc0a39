package canvas

import (
	"fyne.io/fyne/v2"

	"github.com/studioflow/studioflow/model"
)

func (e *Editor) viewCenterScreen() fyne.Position {
	return fyne.NewPos(e.size.Width/2, e.size.Height/2)
}

// ZoomIn zooms in one step around the centre of the view.
func (e *Editor) ZoomIn() { e.zoomBy(zoomStep) }

// ZoomOut zooms out one step around the centre of the view.
func (e *Editor) ZoomOut() { e.zoomBy(1 / zoomStep) }

// ZoomReset returns to zoom 1 around the centre of the view.
func (e *Editor) ZoomReset() {
	e.viewTouched = true
	e.view.zoomTo(e.viewCenterScreen(), 1)
	e.Refresh()
}

func (e *Editor) zoomBy(factor float64) {
	e.viewTouched = true
	e.view.zoomAt(e.viewCenterScreen(), factor)
	e.Refresh()
}

// ZoomToFit shows the whole flow, at zoom 1 at most.
func (e *Editor) ZoomToFit() {
	e.viewTouched = true
	e.view.fit(e.graph.bounds(), e.size, 1)
	e.Refresh()
}

// ViewCenter is the world point at the centre of the view.
func (e *Editor) ViewCenter() model.Position {
	c := e.view.toWorld(e.viewCenterScreen())
	return model.Position{X: c.X, Y: c.Y}
}

// Reveal brings the widgets into view: a pan, and a zoom out only when
// they cannot fit at the current zoom.
func (e *Editor) Reveal(names ...string) {
	r := emptyRect()
	for _, name := range names {
		if i, ok := e.graph.byName[name]; ok {
			r = r.union(e.graph.nodes[i].rect())
		}
	}
	if r.empty() || e.size.Width <= 0 {
		return
	}
	vis := e.view.visible(e.size)
	if vis.contains(worldPoint{r.X0, r.Y0}) && vis.contains(worldPoint{r.X1, r.Y1}) {
		return
	}
	e.viewTouched = true
	if r.width()+2*viewMargin > vis.width() || r.height()+2*viewMargin > vis.height() {
		e.view.fit(r, e.size, e.view.zoom)
	} else {
		e.view.centerOn(r.center(), e.size)
	}
	e.Refresh()
}

// Zoom is the current zoom factor (1: one world unit per pixel).
func (e *Editor) Zoom() float64 { return e.view.zoom }
