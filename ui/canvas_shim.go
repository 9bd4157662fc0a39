package ui

// A stand-in for canvas.Editor (the GUI contract) over the read-only
// canvas.FlowView, used until the canvas engineer's Editor lands; then
// canvas_editor.go adapts the real one and this file goes.

import (
	"fmt"
	"image/png"
	"io"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/software"
	"fyne.io/fyne/v2/theme"

	"github.com/studioflow/studioflow/canvas"
	"github.com/studioflow/studioflow/canvas/layout"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
)

type viewerCanvas struct {
	cat       *schemas.Catalog
	doc       *model.Document
	view      *canvas.FlowView
	scroll    *container.Scroll
	selection []string
	onSelect  func([]string)
	cancel    func()
}

func newFlowCanvas(doc *model.Document, cat *schemas.Catalog) flowCanvas {
	c := &viewerCanvas{cat: cat, view: canvas.NewFlowView(doc.Flow(), cat)}
	c.scroll = container.NewScroll(c.view)
	c.SetDocument(doc)
	return c
}

func (c *viewerCanvas) Object() fyne.CanvasObject { return c.scroll }

func (c *viewerCanvas) SetDocument(doc *model.Document) {
	if c.cancel != nil {
		c.cancel()
	}
	c.doc = doc
	c.view.SetFlow(doc.Flow())
	c.cancel = doc.Subscribe(func(model.Change) { c.view.SetFlow(doc.Flow()) })
	c.selection = nil
}

func (c *viewerCanvas) Selection() []string { return append([]string(nil), c.selection...) }

func (c *viewerCanvas) SetSelection(names []string) {
	c.selection = append([]string(nil), names...)
	if c.onSelect != nil {
		c.onSelect(c.Selection())
	}
}

func (c *viewerCanvas) OnSelectionChanged(fn func([]string))                     { c.onSelect = fn }
func (c *viewerCanvas) OnWidgetSecondaryTap(func(name string, at fyne.Position)) {}
func (c *viewerCanvas) Reveal(string)                                            {}
func (c *viewerCanvas) SetDiagnostics([]schemas.Diagnostic)                      {}
func (c *viewerCanvas) PointerWorld() (model.Position, bool)                     { return model.Position{}, false }
func (c *viewerCanvas) ZoomIn()                                                  {}
func (c *viewerCanvas) ZoomOut()                                                 {}
func (c *viewerCanvas) ZoomReset()                                               {}
func (c *viewerCanvas) ZoomToFit()                                               {}

// worldOrigin is the world point drawn at the view's top-left corner,
// approximately: FlowView puts the top-left widget one margin in.
func (c *viewerCanvas) worldOrigin() model.Position {
	lo := model.Position{X: math.Inf(1), Y: math.Inf(1)}
	for _, s := range c.doc.Flow().States() {
		if x, y, ok := s.Offset(); ok {
			lo.X, lo.Y = math.Min(lo.X, x), math.Min(lo.Y, y)
		}
	}
	if math.IsInf(lo.X, 1) {
		lo = model.Position{}
	}
	return model.Position{X: lo.X - 40 + float64(c.scroll.Offset.X), Y: lo.Y - 40 + float64(c.scroll.Offset.Y)}
}

func (c *viewerCanvas) ViewCenter() model.Position {
	o := c.worldOrigin()
	size := c.scroll.Size()
	return model.Position{X: o.X + float64(size.Width)/2, Y: o.Y + float64(size.Height)/2}
}

func (c *viewerCanvas) DropWidget(typ string, at fyne.Position) (string, error) {
	wt, ok := c.cat.Lookup(typ)
	if !ok {
		return "", fmt.Errorf("unknown widget type %q", typ)
	}
	o := c.worldOrigin()
	name := model.FreshName(c.doc.Flow(), wt.NameBase)
	if err := c.doc.Apply(model.AddWidget(wt.NewState(name, math.Round(o.X+float64(at.X)), math.Round(o.Y+float64(at.Y))), -1)); err != nil {
		return "", fmt.Errorf("add %s: %w", wt.Title, err)
	}
	return name, nil
}

func (c *viewerCanvas) TidyUp(selectionOnly bool) error {
	opts := layout.Options{}
	if selectionOnly && len(c.selection) > 0 {
		opts.Only = map[string]bool{}
		for _, n := range c.selection {
			opts.Only[n] = true
		}
	}
	return c.doc.Apply(layout.Op(c.doc.Flow(), opts))
}

func (c *viewerCanvas) ExportPNG(w io.Writer) error {
	img := software.Render(c.view, theme.Current())
	return png.Encode(w, img)
}
