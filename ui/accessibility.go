package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/canvas"
)

// Fyne's screen-reader bridge (the accessibility build tag, macOS and
// Windows) reads a window's objects that implement fyne.Accessible, going
// into containers but never into a widget's own parts. The canvas is one
// widget, so canvasReader lays out, over it, one invisible object per
// widget, port and wire in view (canvas.AccessibleParts), each saying what
// it stands for. It runs only in builds with the tag (accessibilityBuild).

// accessibleProxy draws nothing and takes no events; it stands where a
// part of the canvas is drawn and names it.
type accessibleProxy struct {
	widget.BaseWidget
	label string
	role  fyne.AccessibleRole
}

var _ fyne.Accessible = (*accessibleProxy)(nil)

func newAccessibleProxy() *accessibleProxy {
	p := &accessibleProxy{}
	p.ExtendBaseWidget(p)
	return p
}

// AccessibilityLabel is part of fyne.Accessible.
func (p *accessibleProxy) AccessibilityLabel() string { return p.label }

// AccessibilityRole is part of fyne.Accessible.
func (p *accessibleProxy) AccessibilityRole() fyne.AccessibleRole { return p.role }

// CreateRenderer is part of fyne.Widget: nothing to draw.
func (p *accessibleProxy) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewWithoutLayout())
}

// partsSource is the canvas, listing what it shows.
type partsSource interface {
	fyne.CanvasObject
	AccessibleParts() []canvas.AccessiblePart
}

// canvasReader keeps the proxies over the canvas up to date.
type canvasReader struct {
	root    *fyne.Container // a layer of the window, over its content
	proxies []*accessibleProxy
}

func newCanvasReader() *canvasReader {
	return &canvasReader{root: container.NewWithoutLayout()}
}

// update lays the proxies over src's parts, cut to src's area; it
// repaints only when something changed.
func (r *canvasReader) update(src partsSource) {
	d := fyne.CurrentApp().Driver()
	origin := d.AbsolutePositionForObject(src).Subtract(d.AbsolutePositionForObject(r.root))
	size := src.Size()
	changed := false
	n := 0
	for _, part := range src.AccessibleParts() {
		x0, y0 := max(part.Pos.X, 0), max(part.Pos.Y, 0)
		x1, y1 := min(part.Pos.X+part.Size.Width, size.Width), min(part.Pos.Y+part.Size.Height, size.Height)
		if x1 <= x0 || y1 <= y0 {
			continue
		}
		if n == len(r.proxies) {
			p := newAccessibleProxy()
			r.proxies = append(r.proxies, p)
			r.root.Add(p)
			changed = true
		}
		p := r.proxies[n]
		n++
		pos, sz := origin.AddXY(x0, y0), fyne.NewSize(x1-x0, y1-y0)
		if p.label != part.Label || p.role != part.Role || p.Position() != pos || p.Size() != sz || !p.Visible() {
			p.label, p.role = part.Label, part.Role
			p.Move(pos)
			p.Resize(sz)
			p.Show()
			changed = true
		}
	}
	for _, p := range r.proxies[n:] {
		if p.Visible() {
			p.Hide()
			changed = true
		}
	}
	if changed {
		r.root.Refresh()
	}
}

// read lists what a screen reader finds in the layer, in order (tests).
func (r *canvasReader) read() []string {
	var out []string
	for _, p := range r.proxies {
		if p.Visible() {
			out = append(out, p.label)
		}
	}
	return out
}
