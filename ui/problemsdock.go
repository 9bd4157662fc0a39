package ui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/schemas"
	"github.com/studioflow/studioflow/ui/kbd"
)

// problemsDock puts the Problems list under the canvas only while there is
// something to say: with no problems (or when the user folds it away) it is
// a one-line status under the canvas, and it opens by itself when the flow
// goes from clean to having problems.
type problemsDock struct {
	canvas   fyne.CanvasObject
	problems *Problems
	split    *container.Split
	bar      *fyne.Container
	barIcon  *widget.Icon
	barText  *widget.Label
	show     *kbd.Button
	root     *fyne.Container
	open     bool
	count    int
}

func newProblemsDock(canvas fyne.CanvasObject, p *Problems) *problemsDock {
	d := &problemsDock{canvas: canvas, problems: p}
	hide := kbd.NewButtonWithIcon("", theme.MenuDropDownIcon(), func() { d.setOpen(false) })
	hide.Importance = widget.LowImportance
	panel := container.NewBorder(nil, nil, nil, container.NewVBox(hide), p.Object())
	d.split = container.NewVSplit(canvas, panel)
	d.split.Offset = 0.78
	d.barIcon = widget.NewIcon(theme.NewSuccessThemedResource(theme.ConfirmIcon()))
	d.barText = widget.NewLabel("")
	d.barText.Truncation = fyne.TextTruncateEllipsis
	d.show = kbd.NewButtonWithIcon("Show", theme.MenuExpandIcon(), func() { d.setOpen(true) })
	d.show.Importance = widget.LowImportance
	d.bar = container.NewBorder(nil, nil, d.barIcon, d.show, d.barText)
	d.root = container.NewStack()
	d.setDiagnostics(nil)
	return d
}

// Object is the canvas with the dock under it.
func (d *problemsDock) Object() fyne.CanvasObject { return d.root }

// Open reports whether the list is showing.
func (d *problemsDock) Open() bool { return d.open }

// setDiagnostics updates the status line and opens the list when problems
// appear where there were none, folding it when they are all gone.
func (d *problemsDock) setDiagnostics(ds []schemas.Diagnostic) {
	was := d.count
	d.count = len(ds)
	d.barText.SetText(problemSummary(ds))
	switch {
	case schemas.HasErrors(ds):
		d.barIcon.SetResource(theme.NewErrorThemedResource(theme.ErrorIcon()))
	case slices.ContainsFunc(ds, func(d schemas.Diagnostic) bool { return d.Severity != schemas.Info }):
		d.barIcon.SetResource(theme.NewWarningThemedResource(theme.WarningIcon()))
	case len(ds) > 0:
		d.barIcon.SetResource(theme.NewThemedResource(theme.InfoIcon()))
	default:
		d.barIcon.SetResource(theme.NewSuccessThemedResource(theme.ConfirmIcon()))
	}
	if len(ds) > 0 {
		d.show.Show()
	} else {
		d.show.Hide()
	}
	switch {
	case d.count == 0:
		d.setOpen(false)
	case was == 0 || len(d.root.Objects) == 0:
		d.setOpen(true)
	}
}

// setOpen shows the list under the canvas or folds it to the status line.
func (d *problemsDock) setOpen(open bool) {
	if open && d.count == 0 {
		open = false
	}
	if d.open == open && len(d.root.Objects) > 0 {
		return
	}
	d.open = open
	if open {
		d.split.Leading = d.canvas
		d.root.Objects = []fyne.CanvasObject{d.split}
		d.split.Refresh()
	} else {
		d.root.Objects = []fyne.CanvasObject{container.NewBorder(nil, d.bar, nil, nil, d.canvas)}
	}
	d.root.Refresh()
}
