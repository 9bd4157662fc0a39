package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/schemas"
)

// Problems lists every diagnostic of the flow; choosing one selects its
// widget, reveals it and focuses the offending field. Each row says where
// in the user's terms (the widget, then "condition 1 of the 'help' branch");
// hovering a row shows its whole message, and its context menu copies the
// message or the JSON pointer (the form the CLI prints).
type Problems struct {
	diags   []schemas.Diagnostic
	list    *paneList
	summary *widget.Label
	measure *problemRow        // lays out a row's text to find its height
	width   float32            // the list's width the rows were fitted to
	heights map[string]float32 // a row's height by its text, at width
	object  fyne.CanvasObject
	// hovered is the row under the pointer (nil when none) and tip the
	// text its tooltip shows ("" when none shows).
	hovered *problemRow
	tip     string
	// OnChoose is called with the diagnostic clicked.
	OnChoose func(d schemas.Diagnostic)
	// Place words where in its widget a diagnostic is ("" for the widget
	// as a whole); nil shows the widget alone.
	Place func(d schemas.Diagnostic) string
	// OnHover shows a row's whole text by the row (text "" hides it).
	OnHover func(text string, row fyne.CanvasObject)
	// Canvas is the window's canvas, for the row's context menu and the
	// clipboard.
	Canvas func() fyne.Canvas
}

// NewProblems returns an empty problems panel.
func NewProblems() *Problems {
	p := &Problems{}
	p.summary = widget.NewLabelWithStyle("Problems", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.list = &paneList{}
	p.list.Length = func() int { return len(p.diags) }
	p.list.CreateItem = func() fyne.CanvasObject { return newProblemRow(p) }
	p.list.UpdateItem = func(id widget.ListItemID, o fyne.CanvasObject) {
		if id >= len(p.diags) {
			return
		}
		o.(*problemRow).show(id, p.diags[id], p.where(p.diags[id]))
	}
	p.list.ExtendBaseWidget(p.list)
	p.list.OnSelected = func(id widget.ListItemID) {
		if id < len(p.diags) && p.OnChoose != nil {
			p.OnChoose(p.diags[id])
		}
		p.list.UnselectAll()
	}
	p.measure = newProblemRow(p)
	p.object = container.NewBorder(p.summary, nil, nil, nil, container.New(&problemListLayout{p: p}, p.list))
	return p
}

// fitRows gives every row the height its message takes wrapped at the
// list's width, measured on a spare row laid out as the list's are.
// Heights are kept per text until the width changes, so revalidating after
// an edit measures only new messages.
func (p *Problems) fitRows(width float32) {
	if width != p.width {
		p.width, p.heights = width, map[string]float32{}
	}
	if width <= 0 {
		return
	}
	// The list's scroll bar overlays its rows, so rows get its full width.
	for i, d := range p.diags {
		where := p.where(d)
		key := fmt.Sprint(d.Severity, "\x00", where, "\x00", d.Message)
		h, ok := p.heights[key]
		if !ok {
			p.measure.show(i, d, where)
			h = p.measure.heightAt(width)
			p.heights[key] = h
		}
		p.list.SetItemHeight(i, h)
	}
	p.list.Refresh()
}

// problemListLayout lays the list out and refits its rows when its width
// changes.
type problemListLayout struct{ p *Problems }

func (l *problemListLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if size.Width != l.p.width {
		l.p.fitRows(size.Width)
	}
	for _, o := range objs {
		o.Resize(size)
		o.Move(fyne.NewPos(0, 0))
	}
}

func (l *problemListLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return l.p.list.MinSize()
}

// where is the row's heading: the widget and the place in it.
func (p *Problems) where(d schemas.Diagnostic) string {
	name := d.Widget
	if name == "" {
		name = "Flow"
	}
	if p.Place != nil {
		// The message often names the place already: then the widget
		// alone heads the row.
		if place := p.Place(d); place != "" && !strings.Contains(d.Message, place) {
			return name + " · " + place
		}
	}
	return name
}

// Object is the panel's view.
func (p *Problems) Object() fyne.CanvasObject { return p.object }

// SetDiagnostics shows a new result.
func (p *Problems) SetDiagnostics(ds []schemas.Diagnostic) {
	p.diags = ds
	p.summary.SetText(problemSummary(ds))
	if p.width > 0 {
		p.fitRows(p.width)
	} else {
		p.list.Refresh()
	}
	p.dropStaleTip()
}

// hover shows the tooltip of the row under the pointer, unless it shows.
func (p *Problems) hover(r *problemRow) {
	p.hovered = r
	if r.id >= len(p.diags) {
		return
	}
	if text := p.rowText(r.id); text != p.tip && p.OnHover != nil {
		p.tip = text
		p.OnHover(text, r)
	}
}

// unhover hides the tooltip of the row the pointer left.
func (p *Problems) unhover(r *problemRow) {
	if p.hovered != r {
		return
	}
	p.hovered = nil
	p.hideTip()
}

func (p *Problems) hideTip() {
	if p.tip != "" && p.OnHover != nil {
		p.OnHover("", p.hovered)
	}
	p.tip = ""
}

// dropStaleTip hides the tooltip when the problem it words is no longer
// the hovered row's (fixed, or the list changed under the pointer, or the
// list folded away): the pointer need not move, so no MouseOut comes. The
// next move over a row shows that row's.
func (p *Problems) dropStaleTip() {
	r := p.hovered
	if r == nil || p.tip == "" {
		return
	}
	if r.id < len(p.diags) && p.rowText(r.id) == p.tip {
		return
	}
	p.hideTip()
}

// rowText is what hovering row i shows: where and the whole message.
func (p *Problems) rowText(i int) string {
	return p.where(p.diags[i]) + ": " + p.diags[i].Message
}

// Diagnostics returns what is shown.
func (p *Problems) Diagnostics() []schemas.Diagnostic { return p.diags }

// Choose acts as a click on row i.
func (p *Problems) Choose(i int) { p.list.Select(i) }

func problemSummary(ds []schemas.Diagnostic) string {
	errors, warnings, untested := 0, 0, 0
	for _, d := range ds {
		switch d.Severity {
		case schemas.Error:
			errors++
		case schemas.Info:
			untested++
		default:
			warnings++
		}
	}
	s := "Problems: none — the flow is ready to publish"
	if errors+warnings > 0 {
		s = fmt.Sprintf("Problems: %s, %s", plural(errors, "error"), plural(warnings, "warning"))
	}
	if untested > 0 {
		s += fmt.Sprintf(" · %s never taken by the tests", plural(untested, "transition"))
	}
	return s
}
