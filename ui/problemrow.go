package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/schemas"
)

// problemRow is one row of the Problems list: severity icon, where (bold)
// and the message, wrapped to the row's width so that it shows whole
// (the list gives each row its height: Problems.fitRows); hovering shows
// it too, and the context menu copies it or its JSON pointer.
type problemRow struct {
	widget.BaseWidget
	p       *Problems
	id      widget.ListItemID
	d       schemas.Diagnostic
	icon    *widget.Icon
	where   *widget.Label
	message *widget.Label
	content *fyne.Container
}

func newProblemRow(p *Problems) *problemRow {
	r := &problemRow{p: p, icon: widget.NewIcon(theme.ErrorIcon())}
	r.where = widget.NewLabelWithStyle("widget", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.message = widget.NewLabel("message")
	r.message.Wrapping = fyne.TextWrapWord
	// The icon and where sit on the message's first line, however many
	// lines it wraps to.
	r.content = container.NewBorder(nil, nil, container.NewVBox(container.NewHBox(r.icon, r.where)), nil, r.message)
	r.ExtendBaseWidget(r)
	return r
}

func (r *problemRow) show(id widget.ListItemID, d schemas.Diagnostic, where string) {
	r.id, r.d = id, d
	switch d.Severity {
	case schemas.Error:
		r.icon.SetResource(theme.NewErrorThemedResource(theme.ErrorIcon()))
	case schemas.Info:
		r.icon.SetResource(theme.NewThemedResource(theme.InfoIcon()))
	default:
		r.icon.SetResource(theme.NewWarningThemedResource(theme.WarningIcon()))
	}
	r.where.SetText(where)
	r.message.SetText(d.Message)
	r.relayout()
}

// relayout lays the row out at its size: a row shown again keeps its size,
// so Resize does not lay it out, and its message would stay placed and
// wrapped for the previous heading.
func (r *problemRow) relayout() {
	r.content.Layout.Layout(r.content.Objects, r.content.Size())
}

// heightAt is the height the row needs at width, its message wrapped.
func (r *problemRow) heightAt(width float32) float32 {
	r.Resize(fyne.NewSize(width, r.MinSize().Height))
	r.relayout()
	return r.MinSize().Height
}

// fullText is what hovering shows: where and the whole message.
func (r *problemRow) fullText() string { return r.where.Text + ": " + r.d.Message }

// CreateRenderer is part of fyne.Widget.
func (r *problemRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(r.content)
}

// MouseIn is part of desktop.Hoverable.
func (r *problemRow) MouseIn(*desktop.MouseEvent) { r.p.hover(r) }

// MouseMoved is part of desktop.Hoverable: a tip hidden because the
// problem under the pointer changed shows again.
func (r *problemRow) MouseMoved(*desktop.MouseEvent) { r.p.hover(r) }

// MouseOut is part of desktop.Hoverable.
func (r *problemRow) MouseOut() { r.p.unhover(r) }

// Tapped chooses the row. The row takes right-clicks and hovers, so the
// desktop driver gives a click to it, not to the list item around it.
func (r *problemRow) Tapped(*fyne.PointEvent) {
	r.p.list.Select(r.id)
}

// TappedSecondary offers to copy the message or its pointer.
func (r *problemRow) TappedSecondary(ev *fyne.PointEvent) {
	if r.p.Canvas == nil {
		return
	}
	c := r.p.Canvas()
	d := r.d
	copyText := func(s string) func() {
		return func() { fyne.CurrentApp().Clipboard().SetContent(s) }
	}
	menu := fyne.NewMenu("",
		fyne.NewMenuItem("Copy Message", copyText(r.fullText())),
		fyne.NewMenuItem("Copy JSON Pointer ("+d.Path+")", copyText(d.Path)),
	)
	widget.ShowPopUpMenuAtPosition(menu, c, ev.AbsolutePosition)
}
