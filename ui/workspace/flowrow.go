package workspace

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	wsstore "github.com/studioflow/studioflow/studio/workspace"
)

// flowRow is one flow in the Flows home list: name, status and validity,
// and when it last changed.
type flowRow struct {
	widget.BaseWidget
	sid                       string
	pick, open                func(sid string)
	name, status, valid, when *widget.Label
	content                   fyne.CanvasObject
}

// newFlowRow makes a row that selects its flow when clicked and opens it
// when double-clicked. (The row takes the clicks itself: a list item
// whose content handles double-clicks never sees the single ones.)
func newFlowRow(pick, open func(sid string)) fyne.CanvasObject {
	r := &flowRow{
		pick:   pick,
		open:   open,
		name:   widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		status: widget.NewLabel(""),
		valid:  widget.NewLabel(""),
		when:   widget.NewLabel(""),
	}
	r.name.Truncation = fyne.TextTruncateEllipsis
	r.valid.Truncation = fyne.TextTruncateEllipsis
	r.when.Importance = widget.LowImportance
	r.when.Alignment = fyne.TextAlignTrailing
	r.content = container.NewVBox(
		container.NewBorder(nil, nil, nil, r.status, r.name),
		container.NewBorder(nil, nil, nil, r.when, r.valid),
	)
	r.ExtendBaseWidget(r)
	return r
}

func (r *flowRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(r.content)
}

// Tapped selects the row's flow.
func (r *flowRow) Tapped(*fyne.PointEvent) {
	if r.sid != "" {
		r.pick(r.sid)
	}
}

// DoubleTapped selects and opens the row's flow.
func (r *flowRow) DoubleTapped(*fyne.PointEvent) {
	if r.sid != "" {
		r.pick(r.sid)
		r.open(r.sid)
	}
}

func (r *flowRow) show(f wsstore.Flow) {
	r.sid = f.SID
	r.name.SetText(f.FriendlyName)
	setStatusLabel(r.status, f.Status)
	setValidityLabel(r.valid, f.Valid, f.Errors, f.Warnings)
	r.when.SetText(fmt.Sprintf("rev %d · %s", f.Revision, shortDate(updated(f))))
}

// setStatusLabel shows draft or published, published in the success colour.
func setStatusLabel(l *widget.Label, status string) {
	switch status {
	case wsstore.StatusPublished:
		l.Importance = widget.SuccessImportance
		l.SetText("Published")
	case wsstore.StatusDraft:
		l.Importance = widget.WarningImportance
		l.SetText("Draft")
	default:
		l.Importance = widget.MediumImportance
		l.SetText(status)
	}
}

// setValidityLabel shows the validator's verdict, errors in the error colour.
func setValidityLabel(l *widget.Label, valid bool, errs, warns []wsstore.Problem) {
	switch {
	case !valid || len(errs) > 0:
		l.Importance = widget.DangerImportance
	case len(warns) > 0:
		l.Importance = widget.WarningImportance
	default:
		l.Importance = widget.MediumImportance
	}
	l.SetText(validity(valid, errs, warns))
}
