package ui

import (
	"fyne.io/fyne/v2"

	"github.com/studioflow/studioflow/canvas"
	"github.com/studioflow/studioflow/canvas/layout"
	"github.com/studioflow/studioflow/canvas/uiloop"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
	"github.com/studioflow/studioflow/ui/simulator"
)

// editorCanvas adapts canvas.Editor to flowCanvas: the callbacks are
// fields there and setters here.
type editorCanvas struct {
	*canvas.Editor
}

func newFlowCanvas(doc *model.Document, cat *schemas.Catalog, post uiloop.Poster) flowCanvas {
	return editorCanvas{canvas.NewEditor(doc, cat, post)}
}

func (c editorCanvas) Object() fyne.CanvasObject { return c.Editor }

func (c editorCanvas) OnSelectionChanged(fn func([]string)) { c.Editor.OnSelectionChanged = fn }

func (c editorCanvas) OnEditWidget(fn func(string)) { c.Editor.OnEditWidget = fn }

func (c editorCanvas) OnCyclePanes(fn func(bool)) { c.Editor.OnCyclePanes = fn }

func (c editorCanvas) OnHint(fn func(string)) { c.Editor.OnHint = fn }

func (c editorCanvas) OnWidgetSecondaryTap(fn func(string, fyne.Position)) {
	c.Editor.OnWidgetSecondaryTap = fn
}

// DropCorner centres a new widget (of the layout's default width) across
// the pointer, with its header under it.
func (c editorCanvas) DropCorner(p fyne.Position) fyne.Position {
	z := float32(c.Zoom())
	return p.Subtract(fyne.NewPos(float32(layout.DefaultNodeWidth)/2*z, 12*z))
}

// canvasHighlighter shows the simulator's progress on the canvas.
type canvasHighlighter struct {
	ed *canvas.Editor
}

func (h canvasHighlighter) SetHighlight(s simulator.Highlight) {
	h.ed.SetHighlight(s)
	// Follow the execution: bring the widget it is at into view (Reveal
	// leaves the view alone when the widget is already visible).
	if s.Active != "" {
		h.ed.Reveal(s.Active)
	}
}

func (h canvasHighlighter) ClearHighlight() { h.ed.ClearHighlight() }
