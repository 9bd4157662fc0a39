// Package canvas draws a Studio flow as a node graph: each widget a box at
// its offset, each connected transition a wire from its port to the next
// widget. FlowView keeps the widget's state; flowRenderer turns it into
// Fyne canvas objects, the split Fyne's own widgets use.
package canvas

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
)

// FlowView shows a flow, read-only for now. Use it from the UI goroutine.
type FlowView struct {
	widget.BaseWidget

	catalog *schemas.Catalog
	graph   graph
	// generation counts SetFlow calls so the renderer rebuilds its objects
	// only when the graph changed, not on every refresh.
	generation uint64
}

// NewFlowView returns a view of f. The catalog supplies titles, port labels
// and colours; with a nil catalog widgets show their raw type and events.
func NewFlowView(f *model.Flow, cat *schemas.Catalog) *FlowView {
	v := &FlowView{catalog: cat}
	v.ExtendBaseWidget(v)
	v.graph = buildGraph(f, cat)
	return v
}

// SetFlow shows another flow (or the same flow after it changed).
func (v *FlowView) SetFlow(f *model.Flow) {
	v.graph = buildGraph(f, v.catalog)
	v.generation++
	v.Refresh()
}

// ContentSize is the size the whole flow takes on screen, margins included.
func (v *FlowView) ContentSize() fyne.Size {
	lo, hi := v.graph.lo, v.graph.hi
	return fyne.NewSize(float32(hi.X-lo.X)+2*viewMargin, float32(hi.Y-lo.Y)+2*viewMargin)
}

// CreateRenderer is part of fyne.Widget.
func (v *FlowView) CreateRenderer() fyne.WidgetRenderer {
	r := &flowRenderer{view: v}
	r.rebuild()
	return r
}

// screenOrigin is where the world's top-left corner lands in the view: one
// margin in, so the whole flow lies within ContentSize, and centred across
// when the view is wider than the flow.
func (v *FlowView) screenOrigin(size fyne.Size) (lo worldPoint, at fyne.Position) {
	lo = v.graph.lo
	content := v.ContentSize()
	x := float32(viewMargin)
	if size.Width > content.Width {
		x += (size.Width - content.Width) / 2
	}
	return lo, fyne.NewPos(x, viewMargin)
}

// toScreen maps a world point to the view's coordinates.
func (v *FlowView) toScreen(p worldPoint, size fyne.Size) fyne.Position {
	lo, at := v.screenOrigin(size)
	return fyne.NewPos(float32(p.X-lo.X)+at.X, float32(p.Y-lo.Y)+at.Y)
}
