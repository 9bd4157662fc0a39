package canvas

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	fynecanvas "fyne.io/fyne/v2/canvas"
)

const (
	tipTextSize = 12
	tipMaxLines = 8
	tipMaxWidth = 380
	tipPadding  = 8
)

// tooltip lists a node's validation messages beside it, at screen scale
// whatever the zoom, while the pointer is over the node or the node is
// selected alone. Messages wrap; past tipMaxLines the rest is counted, the
// whole of each in the Problems list.
type tooltip struct {
	back  *fynecanvas.Rectangle
	lines []*fynecanvas.Text
}

func newTooltip() *tooltip {
	t := &tooltip{back: &fynecanvas.Rectangle{CornerRadius: 4, StrokeWidth: 1}}
	for range tipMaxLines {
		t.lines = append(t.lines, &fynecanvas.Text{TextSize: tipTextSize})
	}
	return t
}

// wrap breaks s into lines no wider than width (a word wider than that is
// shortened with an ellipsis).
func (m *textMeasurer) wrap(s string, width, size float32) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		try := word
		if line != "" {
			try = line + " " + word
		}
		if line != "" && m.width(try, size, fyne.TextStyle{}) > width {
			lines = append(lines, m.fit(line, width, size, fyne.TextStyle{}))
			line = word
			continue
		}
		line = try
	}
	return append(lines, m.fit(line, width, size, fyne.TextStyle{}))
}

// subject is the node whose messages show, or "".
func (e *Editor) tipSubject() string {
	if e.gesture != nil {
		return ""
	}
	if e.hover != "" && len(e.diags[e.hover].messages) > 0 {
		return e.hover
	}
	if len(e.selected) == 1 {
		for n := range e.selected {
			if len(e.diags[n].messages) > 0 {
				return n
			}
		}
	}
	return ""
}

// tipLines words the messages for display, wrapped, at most tipMaxLines:
// when they take more, the last line counts the messages not shown whole.
func tipLines(m *textMeasurer, d nodeDiagnostics) []string {
	var lines []string
	for i, msg := range d.messages {
		wrapped := m.wrap(msg, tipMaxWidth, tipTextSize)
		last := i == len(d.messages)-1
		if room := tipMaxLines - len(lines); len(wrapped) > room || (!last && len(wrapped) == room) {
			if len(lines) == 0 { // one message longer than the tooltip: its start
				lines = append(wrapped[:room-1:room-1], "… the whole message is in the Problems list")
				return lines
			}
			return append(lines, fmt.Sprintf("… and %d more in the Problems list", len(d.messages)-i))
		}
		lines = append(lines, wrapped...)
	}
	return lines
}

func (t *tooltip) draw(r *editorRenderer, size fyne.Size, objs []fyne.CanvasObject) []fyne.CanvasObject {
	e := r.e
	name := e.tipSubject()
	i, ok := e.graph.byName[name]
	if !ok {
		return objs
	}
	n := &e.graph.nodes[i]
	d := e.diags[name]
	m := e.measurer
	lines := tipLines(m, d)
	lh := m.lineHeight(tipTextSize)
	width := float32(0)
	for k, s := range lines {
		txt := t.lines[k]
		txt.Text = s
		txt.Color = r.pal.text
		width = max(width, m.width(txt.Text, tipTextSize, fyne.TextStyle{}))
	}
	boxSize := fyne.NewSize(width+2*tipPadding, lh*float32(len(lines))+2*tipPadding)
	at := e.tipPlace(n, boxSize, size)
	t.back.FillColor, t.back.StrokeColor, t.back.StrokeWidth = r.pal.tipBack, warningColor, 2
	if d.errors > 0 {
		t.back.StrokeColor = errorColor
	}
	t.back.Move(at)
	t.back.Resize(boxSize)
	objs = append(objs, t.back)
	for k := range lines {
		txt := t.lines[k]
		txt.Move(at.AddXY(tipPadding, tipPadding+lh*float32(k)))
		txt.Resize(fyne.NewSize(width, lh))
		objs = append(objs, txt)
	}
	return objs
}

// tipPlace is where the tooltip of node n goes: beside it, right or else
// left, else below or above it, the first place inside the canvas that
// keeps the minimap clear (the minimap is drawn under the tooltip, which
// would cover it); failing all, the first inside the canvas.
func (e *Editor) tipPlace(n *node, box, size fyne.Size) fyne.Position {
	lo, hi := e.view.toScreen(n.pos), e.view.toScreen(n.pos.add(n.width, nodeHeight))
	tries := []fyne.Position{
		{X: hi.X + 8, Y: lo.Y},
		{X: lo.X - box.Width - 8, Y: lo.Y},
		{X: lo.X, Y: hi.Y + 12},
		{X: lo.X, Y: lo.Y - box.Height - 12},
	}
	inside := func(p fyne.Position) fyne.Position {
		return fyne.NewPos(min(max(p.X, 0), max(size.Width-box.Width, 0)), min(max(p.Y, 0), max(size.Height-box.Height, 0)))
	}
	var miniAt fyne.Position
	var miniSize fyne.Size
	mini := e.mini != nil && e.mini.shown(size)
	if mini {
		miniAt, miniSize = e.mini.bounds(size)
	}
	clear := func(p fyne.Position) bool {
		return !mini || p.X+box.Width <= miniAt.X || p.X >= miniAt.X+miniSize.Width ||
			p.Y+box.Height <= miniAt.Y || p.Y >= miniAt.Y+miniSize.Height
	}
	for _, p := range tries {
		if p.X >= 0 && p.X+box.Width <= size.Width && clear(inside(p)) {
			return inside(p)
		}
	}
	for _, p := range tries {
		q := inside(p)
		// Pushed inside the canvas (the widget half out of view), it may
		// land on the minimap: then beside or above it.
		for _, q := range []fyne.Position{q, {X: miniAt.X - box.Width - 8, Y: q.Y}, {X: q.X, Y: miniAt.Y - box.Height - 8}} {
			if q.X >= 0 && q.Y >= 0 && clear(q) {
				return inside(q)
			}
		}
	}
	return inside(tries[0])
}
