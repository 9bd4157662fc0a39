package canvas

import (
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
)

// FlowView is a read-only Editor: it pans, zooms (minimap included) and
// shows markers and highlights, but takes no edits. Put in a scroll
// container, it fills the view and does its own scrolling.
type FlowView = Editor

// NewFlowView returns a read-only view of f. A flow without a usable
// layout is shown laid out, without changing f.
func NewFlowView(f *model.Flow, cat *schemas.Catalog) *FlowView {
	// A read-only view's drags only pan: it never scrolls by itself, so it
	// has no background updates to post.
	v := newEditor(cat, true, nil)
	v.SetDocument(model.NewDocument(f))
	return v
}

// SetFlow shows another flow (or the same flow after it changed).
func (e *Editor) SetFlow(f *model.Flow) {
	e.SetDocument(model.NewDocument(f))
}
