package simulator

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	fynetest "fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/engine"
)

// stepsAt shows the Steps tab of p's window w, the window width wide, and
// returns the labels the table draws: its headers by title, then its
// cells. (test.LaidOutObjects would make the table's renderers anew,
// without their cells.)
func stepsAt(t *testing.T, p *Panel, w fyne.Window, width float32) (headers map[string]*widget.Label, cells []*widget.Label) {
	t.Helper()
	for _, it := range p.tabs.Items {
		if it.Text == "Steps" {
			p.tabs.Select(it)
		}
	}
	w.Resize(fyne.NewSize(width, 900))
	headers = map[string]*widget.Label{}
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if !o.Visible() {
			return
		}
		switch v := o.(type) {
		case *widget.Label:
			if v.TextStyle.Bold {
				headers[v.Text] = v
			} else {
				cells = append(cells, v)
			}
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range fynetest.TempWidgetRenderer(t, v).Objects() {
				walk(c)
			}
		}
	}
	walk(p.steps.table)
	for _, c := range stepColumns {
		if headers[c.title] == nil {
			t.Fatalf("at %v wide the table draws no %s header: it is scrolled out of sight", width, c.title)
		}
	}
	if len(cells) == 0 {
		t.Fatalf("at %v wide the table draws no cells", width)
	}
	return headers, cells
}

// textWidth is the width a label needs to show text whole.
func textWidth(text string, bold bool) float32 {
	return fyne.MeasureText(text, theme.TextSize(), fyne.TextStyle{Bold: bold}).Width + 2*theme.InnerPadding()
}

// cut reports whether l shows less than its whole text.
func cut(l *widget.Label) bool { return textWidth(l.Text, false) > l.Size().Width+1 }

// right is the right edge of o in the window.
func right(o fyne.CanvasObject) float32 {
	return fyne.CurrentApp().Driver().AbsolutePositionForObject(o).X + o.Size().Width
}

// textAnUnknownSign runs the horoscope flow in p: "the sun", a sign it
// does not know, has it ask again (send-and-wait-for-reply, the longest
// widget type of the run, in the Type column).
func textAnUnknownSign(t *testing.T, p *Panel) {
	t.Helper()
	cannedAstrology(p)
	startAs(t, p, engine.TriggerMessage)
	fynetest.Type(p.sms.reply, "the sun")
	fynetest.Tap(p.sms.sendBtn)
	settle(p)
	if p.steps.rows() < 3 {
		t.Fatalf("only %d steps: %v", p.steps.rows(), stepTrail(p))
	}
}

// The Steps table fits the panel as wide as it is beside the canvas at
// 1024×700 (360 px): no column runs past the panel's edge behind a
// sideways scroll, every header shows whole, and long cells are cut with
// "…". Widened, the columns take the room back, up to cutting nothing;
// narrowed as far as the panel goes, they fit again.
func TestTheStepsTableFitsThePanelAndRefitsWhenResized(t *testing.T) {
	p, _, w := newTestPanel(t, prideAstrology)
	textAnUnknownSign(t, p)
	t.Logf("steps: %v", stepTrail(p))

	// The narrowest the panel gets: the window pads its content.
	narrowest := p.Content().MinSize().Width + 2*theme.Padding()
	typeWidth := map[float32]float32{}
	for _, width := range []float32{360, 520, 2000, narrowest, 360} {
		headers, cells := stepsAt(t, p, w, width)
		panel, table := right(p.Content()), right(p.steps.table)
		if table > panel+0.5 {
			t.Errorf("at %v wide the table ends at %v, past the panel's edge at %v", width, table, panel)
		}
		for _, c := range stepColumns {
			h := headers[c.title]
			if end := right(h); end > table+0.5 {
				t.Errorf("at %v wide the %s column ends at %v, past the table's edge at %v: the table scrolls sideways", width, c.title, end, table)
			}
			if need := textWidth(c.title, true); h.Size().Width+0.5 < need {
				t.Errorf("at %v wide the %s column is %v, narrower than its header (%v)", width, c.title, h.Size().Width, need)
			}
		}
		typeWidth[width] = headers["Type"].Size().Width
		cuts := 0
		for _, l := range cells {
			if cut(l) {
				cuts++
				if l.Truncation != fyne.TextTruncateEllipsis {
					t.Errorf("%q is cut without an ellipsis", l.Text)
				}
			}
		}
		if width == 2000 && cuts > 0 {
			t.Errorf("at %v wide %d cells are cut", width, cuts)
		}
		if width == 360 && cuts == 0 {
			t.Errorf("at %v wide no cell is cut: the horoscope's steps should not fit whole", width)
		}
	}
	if !(typeWidth[narrowest] < typeWidth[360] && typeWidth[360] < typeWidth[520] && typeWidth[520] <= typeWidth[2000]) {
		t.Errorf("the Type column does not follow the panel's width: %v", typeWidth)
	}
}

// A step cut short shows its whole row (widget, type, event and next) in
// a tooltip while the pointer rests on it, and in the caption above its
// context once picked. A row shown whole has no tooltip.
func TestACutStepShowsItsWholeRowOnHoverAndWhenPicked(t *testing.T) {
	p, _, w := newTestPanel(t, prideAstrology)
	textAnUnknownSign(t, p)
	var tip string
	var tipBy fyne.CanvasObject
	p.OnHover = func(text string, by fyne.CanvasObject) { tip, tipBy = text, by }

	_, cells := stepsAt(t, p, w, 360)
	var typeCell *widget.Label
	for _, l := range cells {
		if l.Text == "send-and-wait-for-reply" {
			typeCell = l
		}
	}
	if typeCell == nil || !cut(typeCell) {
		t.Fatalf("at 360 wide no cut send-and-wait-for-reply cell (%v)", typeCell)
	}
	row := -1
	for i, s := range p.shown.steps {
		if s.Type == typeCell.Text {
			row = i
		}
	}
	if row < 0 {
		t.Fatalf("no %s step in %v", typeCell.Text, stepTrail(p))
	}
	s := p.shown.steps[row]
	whole := []string{s.TransitionedFrom, s.Type, s.Name, s.TransitionedTo}

	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(typeCell).Add(fyne.NewPos(typeCell.Size().Width/2, typeCell.Size().Height/2))
	fynetest.MoveMouse(w.Canvas(), at)
	for _, part := range whole {
		if !strings.Contains(tip, part) {
			t.Errorf("hovering the cut %q shows tooltip %q, without %q", typeCell.Text, tip, part)
		}
	}
	if tipBy == nil || right(tipBy) > right(p.steps.table)+0.5 {
		t.Errorf("the tooltip is placed by %v, not by a cell of the table", tipBy)
	}
	fynetest.MoveMouse(w.Canvas(), fyne.NewPos(5, 5))
	if tip != "" {
		t.Errorf("the pointer left the table and the tooltip %q stays", tip)
	}

	p.steps.table.Select(widget.TableCellID{Row: row, Col: 2})
	for _, part := range whole {
		if !strings.Contains(p.steps.caption.Text, part) {
			t.Errorf("the picked step's caption %q lacks %q", p.steps.caption.Text, part)
		}
	}

	_, cells = stepsAt(t, p, w, 2000)
	for _, l := range cells {
		if l.Text == "send-and-wait-for-reply" {
			typeCell = l
		}
	}
	at = fyne.CurrentApp().Driver().AbsolutePositionForObject(typeCell).Add(fyne.NewPos(typeCell.Size().Width/2, typeCell.Size().Height/2))
	fynetest.MoveMouse(w.Canvas(), at)
	if tip != "" {
		t.Errorf("at 2000 wide the row shows whole, yet hovering it shows %q", tip)
	}
}
