package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/schemas"
)

// Problems lists every diagnostic of the flow; choosing one selects its
// widget, reveals it and focuses the offending field.
type Problems struct {
	diags   []schemas.Diagnostic
	list    *widget.List
	summary *widget.Label
	object  fyne.CanvasObject
	// OnChoose is called with the diagnostic clicked.
	OnChoose func(d schemas.Diagnostic)
}

// NewProblems returns an empty problems panel.
func NewProblems() *Problems {
	p := &Problems{}
	p.summary = widget.NewLabelWithStyle("Problems", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.list = widget.NewList(
		func() int { return len(p.diags) },
		func() fyne.CanvasObject {
			where := widget.NewLabelWithStyle("widget", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			msg := widget.NewLabel("message")
			msg.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, container.NewHBox(widget.NewIcon(theme.ErrorIcon()), where), nil, msg)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(p.diags) {
				return
			}
			d := p.diags[id]
			row := o.(*fyne.Container)
			msg := row.Objects[0].(*widget.Label)
			left := row.Objects[1].(*fyne.Container)
			icon := left.Objects[0].(*widget.Icon)
			where := left.Objects[1].(*widget.Label)
			if d.Severity == schemas.Error {
				icon.SetResource(theme.NewErrorThemedResource(theme.ErrorIcon()))
			} else {
				icon.SetResource(theme.NewWarningThemedResource(theme.WarningIcon()))
			}
			name := d.Widget
			if name == "" {
				name = "Flow"
			}
			where.SetText(name)
			msg.SetText(d.Message)
		},
	)
	p.list.OnSelected = func(id widget.ListItemID) {
		if id < len(p.diags) && p.OnChoose != nil {
			p.OnChoose(p.diags[id])
		}
		p.list.UnselectAll()
	}
	p.object = container.NewBorder(p.summary, nil, nil, nil, p.list)
	return p
}

// Object is the panel's view.
func (p *Problems) Object() fyne.CanvasObject { return p.object }

// SetDiagnostics shows a new result.
func (p *Problems) SetDiagnostics(ds []schemas.Diagnostic) {
	p.diags = ds
	p.summary.SetText(problemSummary(ds))
	p.list.Refresh()
}

// Diagnostics returns what is shown.
func (p *Problems) Diagnostics() []schemas.Diagnostic { return p.diags }

// Choose acts as a click on row i.
func (p *Problems) Choose(i int) { p.list.Select(i) }

func problemSummary(ds []schemas.Diagnostic) string {
	errors, warnings := 0, 0
	for _, d := range ds {
		if d.Severity == schemas.Error {
			errors++
		} else {
			warnings++
		}
	}
	if errors+warnings == 0 {
		return "Problems: none — the flow is ready to publish"
	}
	return fmt.Sprintf("Problems: %s, %s", plural(errors, "error"), plural(warnings, "warning"))
}
