package simulator

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/ui/kbd"
)

// stepColumns are the step table's columns with their narrowest widths;
// each widens to its longest text (fitColumns), so no cell is cut and the
// table scrolls sideways in a narrow panel instead.
var stepColumns = []struct {
	title string
	width float32
}{{"Time", 76}, {"Widget", 90}, {"Type", 90}, {"Event", 80}, {"From -> To", 120}}

// stepLog lists the run's steps as Studio's execution log does; picking one
// shows the context after it (what it changed marked) and, for HTTP
// widgets, the request and the response.
type stepLog struct {
	p        *Panel
	rv       *runView
	table    *kbd.Table
	selected int // -1 when no step is picked
	tree     *kbd.Tree
	ctx      map[string]any
	changed  map[string]bool
	caption  *widget.Label
	request  *widget.Label
	response *widget.Label
	details  *container.AppTabs
	httpTab  *container.TabItem
	content  fyne.CanvasObject
	fit      columnFit
}

// columnFit is what fitColumns knows: each column's width for the rows
// measured so far (the first rows of the run shown), at the text size they
// were measured at, so that a new step measures only its own cells.
type columnFit struct {
	widths   []float32 // nil until the first fit after a reset
	rows     int
	textSize float32
	// measure is fyne.MeasureText (a test counts the calls).
	measure func(text string, size float32, style fyne.TextStyle) fyne.Size
}

func newStepLog(p *Panel) *stepLog {
	v := &stepLog{p: p, selected: -1, changed: map[string]bool{}, fit: columnFit{measure: fyne.MeasureText}}
	v.table = kbd.NewTable(
		func() (int, int) { return v.rows(), len(stepColumns) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText(v.cell(id)) },
	)
	v.table.ShowHeaderRow = true
	v.table.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	v.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			o.(*widget.Label).SetText(stepColumns[id.Col].title)
		}
	}
	for i, c := range stepColumns {
		v.table.SetColumnWidth(i, c.width)
	}
	v.table.OnSelected = func(id widget.TableCellID) { v.pick(id.Row) }

	v.tree = kbd.NewTree(
		func(id widget.TreeNodeID) []widget.TreeNodeID { return childIDs(v.ctx, id) },
		func(id widget.TreeNodeID) bool { return id == "" || isBranch(v.ctx, id) },
		func(bool) fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TreeNodeID, _ bool, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			text := nodeLabel(v.ctx, id)
			if v.changed[id] {
				l.Importance = widget.HighImportance
				l.TextStyle = fyne.TextStyle{Bold: true}
				text = "● " + text
			} else {
				l.Importance = widget.MediumImportance
				l.TextStyle = fyne.TextStyle{}
			}
			l.SetText(text)
		},
	)
	v.caption = widget.NewLabel("Pick a step to see the context after it (● marks what it changed).")
	v.caption.Wrapping = fyne.TextWrapWord
	mono := fyne.TextStyle{Monospace: true}
	v.request = widget.NewLabelWithStyle("", fyne.TextAlignLeading, mono)
	v.request.Wrapping = fyne.TextWrapBreak
	v.response = widget.NewLabelWithStyle("", fyne.TextAlignLeading, mono)
	v.response.Wrapping = fyne.TextWrapBreak
	httpBox := container.NewVBox(
		widget.NewLabelWithStyle("Request", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), v.request,
		widget.NewLabelWithStyle("Response", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), v.response,
	)
	v.httpTab = container.NewTabItem("HTTP", container.NewVScroll(httpBox))
	v.details = container.NewAppTabs(container.NewTabItem("Context", v.tree), v.httpTab)
	split := container.NewVSplit(v.table, container.NewBorder(v.caption, nil, nil, nil, v.details))
	split.Offset = 0.45
	v.content = split
	return v
}

func (v *stepLog) rows() int {
	if v.rv == nil {
		return 0
	}
	return len(v.rv.steps)
}

func (v *stepLog) cell(id widget.TableCellID) string {
	if v.rv == nil || id.Row >= len(v.rv.steps) || id.Row < 0 {
		return ""
	}
	s := v.rv.steps[id.Row]
	switch id.Col {
	case 0:
		return s.DateCreated.Local().Format("15:04:05")
	case 1:
		return s.TransitionedFrom
	case 2:
		return s.Type
	case 3:
		return s.Name
	default:
		return s.TransitionedFrom + " -> " + s.TransitionedTo
	}
}

func (v *stepLog) reset(rv *runView) {
	v.rv = rv
	v.selected = -1
	v.table.UnselectAll()
	v.ctx, v.changed = nil, map[string]bool{}
	v.fit.widths = nil
	v.caption.SetText("Pick a step to see the context after it (● marks what it changed).")
	v.request.SetText("")
	v.response.SetText("")
	v.tree.Refresh()
	v.fitColumns()
	v.table.Refresh()
}

// fitColumns makes each column as wide as its longest text, header
// included. Widths only grow while steps arrive, so only the rows added
// since the last fit are measured; a reset (another run shown), fewer rows
// or another text size measure all again.
func (v *stepLog) fitColumns() {
	pad := 2*theme.InnerPadding() + 2 // the label's padding, and a pixel either side for rounding
	size := theme.TextSize()
	f := &v.fit
	rows := v.rows()
	if f.widths == nil || rows < f.rows || size != f.textSize {
		f.widths, f.rows, f.textSize = make([]float32, len(stepColumns)), 0, size
		for col, c := range stepColumns {
			f.widths[col] = max(c.width, f.measure(c.title, size, fyne.TextStyle{Bold: true}).Width+pad)
			v.table.SetColumnWidth(col, f.widths[col])
		}
	}
	for col := range stepColumns {
		width := f.widths[col]
		for row := f.rows; row < rows; row++ {
			width = max(width, f.measure(v.cell(widget.TableCellID{Row: row, Col: col}), size, fyne.TextStyle{}).Width+pad)
		}
		if width != f.widths[col] {
			f.widths[col] = width
			v.table.SetColumnWidth(col, width)
		}
	}
	f.rows = rows
}

// add shows steps that arrived.
func (v *stepLog) add() {
	v.fitColumns()
	v.table.Refresh()
	if n := v.rows(); n > 0 && v.selected < 0 {
		v.table.ScrollToBottom()
	}
}

func (v *stepLog) selectedStep() *engine.Step {
	if v.rv == nil || v.selected < 0 || v.selected >= len(v.rv.steps) {
		return nil
	}
	return v.rv.steps[v.selected]
}

// pick shows step i: the context after it, marked where it changed, and its HTTP exchange.
func (v *stepLog) pick(i int) {
	if v.rv == nil || i < 0 || i >= len(v.rv.steps) {
		return
	}
	v.selected = i
	s := v.rv.steps[i]
	before := map[string]any{}
	for j := i - 1; j >= 0; j-- {
		if v.rv.steps[j].ExecutionSID == s.ExecutionSID {
			before = v.rv.steps[j].Context
			break
		}
	}
	v.ctx = s.Context
	v.changed = changedPaths(before, s.Context)
	v.caption.SetText(s.TransitionedFrom + " (" + s.Type + ") left on " + s.Name + ": the context after it")
	if s.Detail != "" {
		v.caption.SetText(v.caption.Text + " — " + s.Detail)
	}
	v.tree.Refresh()
	for id := range v.changed {
		if isBranch(v.ctx, id) {
			v.tree.OpenBranch(id)
		}
	}
	v.showExchange(s, before)
	if v.p.OnSelectWidget != nil {
		v.p.OnSelectWidget(s.TransitionedFrom)
	}
	v.p.highlight()
}

func (v *stepLog) showExchange(s *engine.Step, before map[string]any) {
	var src *requestSource
	if v.rv.flow != nil && v.rv.render != nil && s.ExecutionSID == v.rv.execution {
		src = &requestSource{flow: v.rv.flow, before: before, render: v.rv.render}
	}
	ex, ok := exchangeOf(v.p.cat, s, src)
	if !ok {
		v.request.SetText("(not an HTTP widget)")
		v.response.SetText("")
		return
	}
	v.request.SetText(ex.requestText())
	v.response.SetText(ex.responseText())
	v.details.Select(v.httpTab)
}
