package canvas

import (
	"fmt"

	"fyne.io/fyne/v2"
	fynecanvas "fyne.io/fyne/v2/canvas"
)

const (
	tipTextSize = 12
	tipMaxLines = 6
	tipMaxWidth = 380
	tipPadding  = 8
)

// tooltip lists a node's validation messages beside it, at screen scale
// whatever the zoom, while the pointer is over the node or the node is
// selected alone.
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

// tipLines words the messages for display, at most tipMaxLines.
func tipLines(d nodeDiagnostics) []string {
	lines := d.messages
	if len(lines) > tipMaxLines {
		more := len(lines) - (tipMaxLines - 1)
		lines = append(lines[:tipMaxLines-1:tipMaxLines-1], fmt.Sprintf("… and %d more", more))
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
	lines := tipLines(d)
	m := e.measurer
	lh := m.lineHeight(tipTextSize)
	width := float32(0)
	for k, s := range lines {
		txt := t.lines[k]
		txt.Text = m.fit(s, tipMaxWidth, tipTextSize, fyne.TextStyle{})
		txt.Color = r.pal.text
		width = max(width, m.width(txt.Text, tipTextSize, fyne.TextStyle{}))
	}
	boxSize := fyne.NewSize(width+2*tipPadding, lh*float32(len(lines))+2*tipPadding)
	// Beside the node, right or else left; failing both, below it.
	left, right := e.view.toScreen(n.pos), e.view.toScreen(n.pos.add(n.width, nodeHeight))
	at := fyne.NewPos(right.X+8, left.Y)
	switch {
	case at.X+boxSize.Width <= size.Width:
	case left.X-boxSize.Width-8 >= 0:
		at.X = left.X - boxSize.Width - 8
	default:
		at = fyne.NewPos(min(max(left.X, 0), max(size.Width-boxSize.Width, 0)), right.Y+12)
	}
	at.Y = min(max(at.Y, 0), max(size.Height-boxSize.Height, 0))
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
