package workspace

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/engine"
	wsstore "github.com/studioflow/studioflow/studio/workspace"
	"github.com/studioflow/studioflow/ui/kbd"
)

// executionList lists a flow's executions, newest first.
type executionList struct {
	recordList[wsstore.Execution]
	h *Home

	openBtn    *kbd.Button
	refreshBtn *kbd.Button
	empty      fyne.CanvasObject
	root       fyne.CanvasObject
}

func newExecutionList(h *Home) *executionList {
	x := &executionList{h: h}
	x.init(newExecutionRow, func(o fyne.CanvasObject, e wsstore.Execution) { o.(*executionRow).show(e) },
		func(flowSID string) ([]wsstore.Execution, error) {
			return h.store.Executions(flowSID, zeroTime, zeroTime)
		},
		h.showError, x.updateButtons)
	x.openBtn = kbd.NewButtonWithIcon("Open", theme.VisibilityIcon(), x.open)
	x.refreshBtn = kbd.NewButtonWithIcon("Refresh", theme.ViewRefreshIcon(), func() { x.show(x.flowSID); h.detail.refreshTabs() })
	x.empty = container.NewCenter(widget.NewLabelWithStyle("No executions yet: runs in the simulator and through\n“studioflow serve” are recorded here.", fyne.TextAlignCenter, fyne.TextStyle{Italic: true}))
	bar := container.NewHBox(x.openBtn, x.refreshBtn)
	x.root = container.NewBorder(bar, nil, nil, nil, container.NewStack(x.list, x.empty))
	x.updateButtons()
	return x
}

// show lists the executions of flowSID (none for ""), saying so when there
// are none.
func (x *executionList) show(flowSID string) {
	x.recordList.show(flowSID)
	if len(x.items) == 0 {
		x.empty.Show()
	} else {
		x.empty.Hide()
	}
}

func (x *executionList) updateButtons() {
	if _, ok := x.current(); ok {
		x.openBtn.Enable()
	} else {
		x.openBtn.Disable()
	}
	if x.flowSID == "" {
		x.refreshBtn.Disable()
	} else {
		x.refreshBtn.Enable()
	}
}

func (x *executionList) open() {
	e, ok := x.current()
	if !ok {
		return
	}
	sid := e.SID
	if x.h.OnOpenExecution != nil {
		x.h.OnOpenExecution(x.flowSID, sid)
		return
	}
	if err := showExecutionWindow(x.h.win, x.h.store, x.h.val.Catalog(), x.flowSID, sid); err != nil {
		x.h.showError(err)
	}
}

// executionStatus words an execution's state: active, or how it ended.
func executionStatus(e wsstore.Execution) string {
	if e.Status != engine.StatusEnded {
		return e.Status
	}
	if e.EndedKind != "" {
		return "ended (" + e.EndedKind + ")"
	}
	return "ended"
}

// executionRow is one execution: SID, status, contact, dates.
type executionRow struct {
	widget.BaseWidget
	sid, status, contact, when *widget.Label
	content                    fyne.CanvasObject
}

func newExecutionRow() fyne.CanvasObject {
	r := &executionRow{
		sid:     widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true}),
		status:  widget.NewLabel(""),
		contact: widget.NewLabel(""),
		when:    widget.NewLabel(""),
	}
	r.when.Importance = widget.LowImportance
	// Two lines, every text but the status free to shorten: on one line the
	// SID, contact and dates need more width than the detail pane has, and
	// a border layout then draws them over each other.
	for _, l := range []*widget.Label{r.sid, r.contact, r.when} {
		l.Truncation = fyne.TextTruncateEllipsis
	}
	r.content = container.NewVBox(
		container.NewBorder(nil, nil, r.status, nil, r.sid),
		container.NewGridWithColumns(2, r.contact, r.when),
	)
	r.ExtendBaseWidget(r)
	return r
}

func (r *executionRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(r.content)
}

func (r *executionRow) show(e wsstore.Execution) {
	r.sid.SetText(e.SID)
	r.status.SetText(executionStatus(e))
	switch {
	case e.Status == engine.StatusActive:
		r.status.Importance = widget.HighImportance
	case e.EndedKind == engine.EndFailed:
		r.status.Importance = widget.DangerImportance
	default:
		r.status.Importance = widget.SuccessImportance
	}
	r.status.Refresh()
	r.contact.SetText(fmt.Sprintf("%s · rev %d", e.ContactChannelAddress, e.FlowRevision))
	r.when.SetText(fmt.Sprintf("started %s, last step %s", shortDate(e.DateCreated), shortDate(e.DateUpdated)))
}
