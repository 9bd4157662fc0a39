package workspace

import (
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/canvas"
	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
	wsstore "github.com/studioflow/studioflow/studio/workspace"
	"github.com/studioflow/studioflow/ui/kbd"
)

// ExecutionView shows one stored execution: its steps in order, the path
// they took on a read-only canvas of the revision it ran, and the context
// of the selected step (or the execution's own context).
type ExecutionView struct {
	execution wsstore.Execution
	flow      *model.Flow
	steps     []engine.Step // oldest first
	selected  int           // index in steps, -1 for the execution as a whole
	highlight canvas.Highlight

	view         *canvas.FlowView
	stepList     *kbd.List
	contextTitle *widget.Label
	stepDetail   *widget.Label
	context      *contextTree
	root         fyne.CanvasObject
}

// NewExecutionView reads execution execSID of flowSID, its steps and the
// revision it ran from store.
func NewExecutionView(store *wsstore.Store, cat *schemas.Catalog, flowSID, execSID string) (*ExecutionView, error) {
	x, err := store.Execution(flowSID, execSID)
	if err != nil {
		return nil, fmt.Errorf("open execution: %w", err)
	}
	steps, err := store.Steps(flowSID, execSID)
	if err != nil {
		return nil, fmt.Errorf("open execution: %w", err)
	}
	slices.Reverse(steps)
	rev, err := store.Revision(flowSID, x.FlowRevision)
	if err != nil {
		return nil, fmt.Errorf("open execution %s: the revision it ran: %w", execSID, err)
	}
	flow, err := model.Parse(rev.Definition)
	if err != nil {
		return nil, fmt.Errorf("open execution %s: revision %d: %w", execSID, x.FlowRevision, err)
	}
	v := &ExecutionView{execution: x, flow: flow, steps: steps, selected: -1}
	v.build(cat, rev)
	v.selectStep(-1)
	return v, nil
}

// Content is the view to put in a window.
func (v *ExecutionView) Content() fyne.CanvasObject { return v.root }

// Canvas is the read-only flow the path is drawn on.
func (v *ExecutionView) Canvas() *canvas.FlowView { return v.view }

func (v *ExecutionView) build(cat *schemas.Catalog, rev wsstore.Revision) {
	x := v.execution
	title := widget.NewLabelWithStyle(x.SID, fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	status := widget.NewLabel(executionStatus(x))
	switch {
	case x.Status == engine.StatusActive:
		status.Importance = widget.HighImportance
	case x.EndedKind == engine.EndFailed:
		status.Importance = widget.DangerImportance
	default:
		status.Importance = widget.SuccessImportance
	}
	info := widget.NewLabel(fmt.Sprintf("%s, revision %d · contact %s · started by %s · %s to %s",
		rev.FriendlyName, x.FlowRevision, x.ContactChannelAddress, x.InitiatedBy, longDate(x.DateCreated), longDate(x.DateUpdated)))
	info.Importance = widget.LowImportance
	info.Truncation = fyne.TextTruncateEllipsis
	header := container.NewVBox(container.NewHBox(title, status), info)
	if x.EndedReason != "" {
		reason := widget.NewLabel(x.EndedReason)
		reason.Wrapping = fyne.TextWrapWord
		if x.EndedKind == engine.EndFailed {
			reason.Importance = widget.DangerImportance
		}
		header.Add(reason)
	}

	v.stepList = kbd.NewList(func() int { return len(v.steps) }, newStepRow, func(i widget.ListItemID, o fyne.CanvasObject) {
		o.(*stepRow).show(i+1, v.steps[i], v.steps[i].ExecutionSID != x.SID)
	})
	v.stepList.OnSelected = func(i widget.ListItemID) { v.selectStep(i) }
	v.stepList.OnUnselected = func(widget.ListItemID) { v.selectStep(-1) }
	wholeBtn := kbd.NewButton("Whole execution", func() { v.stepList.UnselectAll() })
	stepsTitle := widget.NewLabelWithStyle(countNoun(len(v.steps), "step"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	stepsPane := container.NewBorder(container.NewBorder(nil, nil, stepsTitle, wholeBtn), nil, nil, nil, v.stepList)

	v.view = canvas.NewFlowView(v.flow, cat)
	v.contextTitle = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.stepDetail = widget.NewLabel("")
	v.stepDetail.Wrapping = fyne.TextWrapWord
	v.stepDetail.Importance = widget.LowImportance
	v.context = newContextTree()
	contextPane := container.NewBorder(container.NewVBox(v.contextTitle, v.stepDetail), nil, nil, nil, v.context.tree)

	right := container.NewHSplit(v.view, contextPane)
	right.Offset = 0.68
	body := container.NewHSplit(stepsPane, right)
	body.Offset = 0.24
	v.root = container.NewBorder(container.NewVBox(container.NewPadded(header), widget.NewSeparator()), nil, nil, nil, body)
}

// selectStep shows the path up to step i and its context; -1 shows the
// whole path and the execution's context.
func (v *ExecutionView) selectStep(i int) {
	v.selected = i
	upTo := v.steps
	var hl canvas.Highlight
	if i >= 0 && i < len(v.steps) {
		st := v.steps[i]
		upTo = v.steps[:i+1]
		hl.Active = st.TransitionedFrom
		v.contextTitle.SetText(fmt.Sprintf("Context after step %d (%s)", i+1, st.TransitionedFrom))
		v.showDetail(st.Detail)
		v.context.set(st.Context)
		if v.flow.State(st.TransitionedFrom) != nil {
			v.view.Reveal(st.TransitionedFrom)
		}
	} else {
		if v.execution.Status == engine.StatusActive && len(v.steps) > 0 {
			hl.Waiting = v.steps[len(v.steps)-1].TransitionedTo
		}
		v.contextTitle.SetText("Execution context")
		v.showDetail("")
		v.context.set(v.execution.Context)
	}
	hl.Taken = takenWires(v.flow, v.execution.SID, upTo)
	v.highlight = hl
	v.view.SetHighlight(hl)
}

// showDetail shows what the engine said about a step (an HTTP status, an
// error), hiding the line when it said nothing.
func (v *ExecutionView) showDetail(text string) {
	v.stepDetail.SetText(text)
	if text == "" {
		v.stepDetail.Hide()
	} else {
		v.stepDetail.Show()
	}
}

// takenWires maps the execution's steps to the transitions they followed.
func takenWires(flow *model.Flow, execSID string, steps []engine.Step) []canvas.WireRef {
	ptrs := make([]*engine.Step, len(steps))
	for i := range steps {
		ptrs[i] = &steps[i]
	}
	return canvas.TakenWires(flow, execSID, ptrs)
}

// showExecutionWindow opens a window with one execution, no larger than
// parent.
func showExecutionWindow(parent fyne.Window, store *wsstore.Store, cat *schemas.Catalog, flowSID, execSID string) error {
	v, err := NewExecutionView(store, cat, flowSID, execSID)
	if err != nil {
		return err
	}
	w := fyne.CurrentApp().NewWindow("Execution " + execSID)
	w.SetContent(v.Content())
	CloseOnKeys(w)
	kbd.Install(w) // the focus ring
	w.Resize(SecondarySize(parent, fyne.NewSize(1200, 760)))
	w.Show()
	return nil
}

// stepRow is one step: its number, the widget it ran and where it went.
type stepRow struct {
	widget.BaseWidget
	number, move, when *widget.Label
	content            fyne.CanvasObject
}

func newStepRow() fyne.CanvasObject {
	r := &stepRow{
		number: widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}),
		move:   widget.NewLabel(""),
		when:   widget.NewLabel(""),
	}
	r.move.Truncation = fyne.TextTruncateEllipsis
	r.when.Importance = widget.LowImportance
	r.content = container.NewBorder(nil, nil, r.number, nil, container.NewVBox(r.move, r.when))
	r.ExtendBaseWidget(r)
	return r
}

func (r *stepRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.content) }

func (r *stepRow) show(n int, s engine.Step, subflow bool) {
	r.number.SetText(fmt.Sprintf("%d", n))
	r.move.SetText(fmt.Sprintf("%s  ›  %s", s.TransitionedFrom, s.TransitionedTo))
	detail := s.Name
	if subflow {
		detail = "subflow · " + detail
	}
	r.when.SetText(fmt.Sprintf("%s · %s", detail, s.DateCreated.Local().Format("15:04:05.000")))
}
