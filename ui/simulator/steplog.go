package simulator

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/ui/kbd"
)

// stepColumns are the step table's columns. Each is as wide as its
// longest text while the table has the room; in a narrower table the
// widest give up width (fitWidths), cut with "…", down to their header's
// width. A whole column (the time) is never cut.
var stepColumns = []struct {
	title string
	whole bool
}{{"Time", true}, {"Widget", false}, {"Type", false}, {"Event", false}, {"Next", false}}

// stepLog lists the run's steps as Studio's execution log does; picking one
// shows the context after it (what it changed marked) and, for HTTP
// widgets, the request and the response.
type stepLog struct {
	p        *Panel
	rv       *runView
	table    *stepTable
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
	// tip is the text of the tooltip shown for the row under the pointer
	// ("" when none shows).
	tip string
}

// columnFit is what fitColumns knows: each column's width for the rows
// measured so far (the first rows of the run shown), at the text size they
// were measured at, so that a new step measures only its own cells.
type columnFit struct {
	natural  []float32 // the longest text's width, header included; nil until the first fit after a reset
	least    []float32 // the narrowest each column is fitted to
	widths   []float32 // the columns' widths now
	rows     int
	textSize float32
	// measure is fyne.MeasureText (a test counts the calls).
	measure func(text string, size float32, style fyne.TextStyle) fyne.Size
}

func newStepLog(p *Panel) *stepLog {
	v := &stepLog{p: p, selected: -1, changed: map[string]bool{}, fit: columnFit{measure: fyne.MeasureText}}
	v.table = newStepTable(
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
	v.table.onWidth = func(width float32) { v.fitTo(width) }
	v.table.onHover = v.hover
	v.table.onHeight = func() {
		if v.selected < 0 {
			v.showNewest()
		}
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
		return s.TransitionedTo
	}
}

// rowText is step i's whole row in words, for its tooltip and caption.
func (v *stepLog) rowText(i int) string {
	s := v.rv.steps[i]
	text := s.TransitionedFrom + " (" + s.Type + ") left on " + s.Name
	if s.TransitionedTo == engine.EndedTransition {
		return text + ", ending the run"
	}
	return text + " to " + s.TransitionedTo
}

func (v *stepLog) reset(rv *runView) {
	v.rv = rv
	v.selected = -1
	v.table.UnselectAll()
	v.ctx, v.changed = nil, map[string]bool{}
	v.fit.natural = nil
	v.hover(-1, nil)
	v.caption.SetText("Pick a step to see the context after it (● marks what it changed).")
	v.request.SetText("")
	v.response.SetText("")
	v.tree.Refresh()
	v.fitColumns()
	v.table.Refresh()
}

// fitColumns measures each column's longest text, header included, and
// fits the columns to the table's width. The longest texts only grow while
// steps arrive, so only the rows added since the last fit are measured; a
// reset (another run shown), fewer rows or another text size measure all
// again.
func (v *stepLog) fitColumns() {
	pad := 2*theme.InnerPadding() + 2 // the label's padding, and a pixel either side for rounding
	size := theme.TextSize()
	f := &v.fit
	rows := v.rows()
	if f.natural == nil || rows < f.rows || size != f.textSize {
		f.natural, f.least = make([]float32, len(stepColumns)), make([]float32, len(stepColumns))
		f.rows, f.textSize = 0, size
		for col, c := range stepColumns {
			f.natural[col] = f.measure(c.title, size, fyne.TextStyle{Bold: true}).Width + pad
			f.least[col] = f.natural[col]
		}
	}
	for col, c := range stepColumns {
		for row := f.rows; row < rows; row++ {
			f.natural[col] = max(f.natural[col], f.measure(v.cell(widget.TableCellID{Row: row, Col: col}), size, fyne.TextStyle{}).Width+pad)
		}
		if c.whole {
			f.least[col] = f.natural[col]
		}
	}
	f.rows = rows
	v.fitTo(v.table.Size().Width)
}

// fitTo sets the columns' widths for a table width wide (0: not laid out
// yet, each column as wide as its longest text).
func (v *stepLog) fitTo(width float32) {
	if v.fit.natural == nil {
		return
	}
	room := width - theme.Padding()*float32(len(stepColumns)-1) // the dividers
	widths := v.fit.natural
	if width > 0 {
		widths = fitWidths(v.fit.natural, v.fit.least, room)
	}
	v.fit.widths = widths
	for col, w := range widths {
		v.table.SetColumnWidth(col, w)
	}
}

// fitWidths shares room among columns as wide as natural: each keeps its
// width if all fit, the last taking what is left over; otherwise the
// widest are cut to one width, as wide as room allows, none narrower than
// its least. When even the least do not fit, the columns are that wide.
func fitWidths(natural, least []float32, room float32) []float32 {
	sum := func(limit float32) float32 {
		total := float32(0)
		for i, n := range natural {
			total += max(least[i], min(n, limit))
		}
		return total
	}
	out := make([]float32, len(natural))
	widest := slices.Max(natural)
	if total := sum(widest); total <= room {
		copy(out, natural)
		out[len(out)-1] += room - total
		return out
	}
	// sum grows with the limit: find the widest limit that fits.
	lo, hi := float32(0), widest
	for range 30 {
		if mid := (lo + hi) / 2; sum(mid) <= room {
			lo = mid
		} else {
			hi = mid
		}
	}
	for i, n := range natural {
		out[i] = max(least[i], min(n, lo))
	}
	return out
}

// add shows steps that arrived.
func (v *stepLog) add() {
	v.fitColumns()
	v.table.Refresh()
	if n := v.rows(); n > 0 && v.selected < 0 {
		v.showNewest()
	}
}

// showNewest scrolls the table to its last step. Fyne's ScrollToBottom
// does nothing when every row fits, and the table's own offset stays as
// it was for a smaller size (the Steps tab hidden, 0 high), past the rows:
// the table showed none. From the top it is always in step.
func (v *stepLog) showNewest() {
	v.table.ScrollToTop()
	v.table.ScrollToBottom()
}

// hover shows the whole row the pointer rests on (row -1: on none) in a
// tooltip by cell, when the table cuts any of it.
func (v *stepLog) hover(row int, cell fyne.CanvasObject) {
	text := ""
	if row >= 0 && row < v.rows() && v.fit.widths != nil && v.rowCut(row) {
		text = v.rowText(row)
	}
	if text == v.tip || v.p == nil || v.p.OnHover == nil {
		return
	}
	v.tip = text
	v.p.OnHover(text, cell)
}

// rowCut reports whether the table shows less than the whole of row.
func (v *stepLog) rowCut(row int) bool {
	for col := range stepColumns {
		if need := v.fit.measure(v.cell(widget.TableCellID{Row: row, Col: col}), v.fit.textSize, fyne.TextStyle{}).Width + 2*theme.InnerPadding(); need > v.fit.widths[col] {
			return true
		}
	}
	return false
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
	v.caption.SetText(v.rowText(i) + ": the context after it")
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
