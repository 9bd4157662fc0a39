package canvas

import (
	"math"

	"fyne.io/fyne/v2"
)

// Zoom limits and steps.
const (
	minZoom  = 0.02
	maxZoom  = 2.5
	zoomStep = 1.25
)

// viewport maps world coordinates to the editor's own: screen = (world -
// origin) × zoom. Fyne has no transforming container, so the editor places
// and scales every canvas object itself.
type viewport struct {
	origin worldPoint // the world point at the editor's top-left corner
	zoom   float64
}

func (v viewport) toScreen(p worldPoint) fyne.Position {
	return fyne.NewPos(float32((p.X-v.origin.X)*v.zoom), float32((p.Y-v.origin.Y)*v.zoom))
}

func (v viewport) toWorld(p fyne.Position) worldPoint {
	return worldPoint{float64(p.X)/v.zoom + v.origin.X, float64(p.Y)/v.zoom + v.origin.Y}
}

// visible is the world rectangle the editor shows at that size.
func (v viewport) visible(size fyne.Size) worldRect {
	return worldRect{v.origin.X, v.origin.Y, v.origin.X + float64(size.Width)/v.zoom, v.origin.Y + float64(size.Height)/v.zoom}
}

// zoomAt scales by factor keeping the world point under screen position at
// fixed fixed.
func (v *viewport) zoomAt(fixed fyne.Position, factor float64) {
	v.zoomTo(fixed, v.zoom*factor)
}

// zoomTo sets the zoom keeping the world point under fixed in place.
func (v *viewport) zoomTo(fixed fyne.Position, zoom float64) {
	anchor := v.toWorld(fixed)
	v.zoom = clampZoom(zoom)
	v.origin = worldPoint{anchor.X - float64(fixed.X)/v.zoom, anchor.Y - float64(fixed.Y)/v.zoom}
}

// fit shows r whole in a view of that size, no larger than maxScale.
func (v *viewport) fit(r worldRect, size fyne.Size, maxScale float64) {
	if r.empty() || size.Width <= 0 || size.Height <= 0 {
		return
	}
	r = r.grow(viewMargin)
	v.zoom = clampZoom(min(float64(size.Width)/r.width(), float64(size.Height)/r.height(), maxScale))
	c := r.center()
	v.centerOn(c, size)
}

func (v *viewport) centerOn(c worldPoint, size fyne.Size) {
	v.origin = worldPoint{c.X - float64(size.Width)/2/v.zoom, c.Y - float64(size.Height)/2/v.zoom}
}

func clampZoom(z float64) float64 {
	if math.IsNaN(z) || z <= 0 {
		return 1
	}
	return min(max(z, minZoom), maxZoom)
}
