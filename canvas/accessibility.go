package canvas

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
)

// Screen readers (Fyne's accessibility build, macOS and Windows) read the
// objects of a window that implement fyne.Accessible, going into
// containers but not into widgets: the editor is one widget, so it names
// itself (AccessibilityLabel) and lists what it draws (AccessibleParts)
// for the window to lay out as objects of their own.

var _ fyne.Accessible = (*Editor)(nil)

// AccessibilityLabel is part of fyne.Accessible: the canvas, its widget
// count and what is selected.
func (e *Editor) AccessibilityLabel() string {
	g := e.graph
	if g == nil {
		return "Flow canvas, empty"
	}
	label := "Flow canvas, " + count(len(g.nodes), "widget")
	sel := e.Selection()
	switch len(sel) {
	case 0:
		return label + ", nothing selected"
	case 1:
		return label + "; selected: " + e.DescribeWidget(sel[0])
	}
	return label + ", " + count(len(sel), "widget") + " selected"
}

// AccessibilityRole is part of fyne.Accessible.
func (e *Editor) AccessibilityRole() fyne.AccessibleRole { return fyne.AccessibleRoleText }

// DescribeWidget words one node as a screen reader says it: its type's
// title, its name and its problems ("" for a widget the flow lacks).
func (e *Editor) DescribeWidget(name string) string {
	i, ok := e.graph.byName[name]
	if !ok {
		return ""
	}
	n := &e.graph.nodes[i]
	title := n.title
	if title == "" {
		title = n.typ
	}
	parts := []string{title + " widget " + quote(n.name)}
	d := e.diags[name]
	switch {
	case d.errors == 0 && d.warnings == 0:
		parts = append(parts, "no problems")
	default:
		if d.errors > 0 {
			parts = append(parts, count(d.errors, "error"))
		}
		if d.warnings > 0 {
			parts = append(parts, count(d.warnings, "warning"))
		}
	}
	if e.selected[name] {
		parts = append(parts, "selected")
	}
	return strings.Join(parts, ", ")
}

// DescribePort words a node's transition: its event and where it goes.
func (e *Editor) DescribePort(name, event string) string {
	i, ok := e.graph.byName[name]
	if !ok {
		return ""
	}
	n := &e.graph.nodes[i]
	for _, p := range n.ports {
		if p.event != event {
			continue
		}
		head := "Transition " + quote(spokenPort(p)) + " of " + quote(n.name)
		switch {
		case p.next == "":
			return head + ", not connected"
		case p.dangling:
			return head + ", goes to " + quote(p.next) + ", which the flow lacks"
		}
		return head + ", goes to " + quote(p.next)
	}
	return ""
}

// DescribeWire words a wire: from which widget, on which event, to which.
func (e *Editor) DescribeWire(from, event, to string) string {
	i, ok := e.graph.byName[from]
	if !ok {
		return ""
	}
	for _, p := range e.graph.nodes[i].ports {
		if p.event == event {
			return "Wire from " + quote(from) + " on " + quote(spokenPort(p)) + " to " + quote(to)
		}
	}
	return ""
}

// AccessiblePart is one thing the canvas shows, for a screen reader: a
// widget, a transition's port or a wire, where it is in the editor's own
// coordinates.
type AccessiblePart struct {
	Label string
	Role  fyne.AccessibleRole
	Pos   fyne.Position
	Size  fyne.Size
}

// AccessibleParts lists the widgets, ports and wires in view, widgets in
// reading order (top to bottom, left to right), each followed by its ports
// and their wires.
func (e *Editor) AccessibleParts() []AccessiblePart {
	g := e.graph
	if g == nil || e.size.IsZero() {
		return nil
	}
	view := e.view.visible(e.size)
	var shown []int
	g.nodeIndex.query(view, func(i int) { shown = append(shown, i) })
	slices.SortFunc(shown, func(a, b int) int {
		pa, pb := g.nodes[a].pos, g.nodes[b].pos
		if pa.Y != pb.Y {
			return cmpFloat(pa.Y, pb.Y)
		}
		return cmpFloat(pa.X, pb.X)
	})
	var out []AccessiblePart
	grab := float32(portGrab)
	for _, i := range shown {
		n := &g.nodes[i]
		r := n.rect()
		tl, br := e.view.toScreen(worldPoint{r.X0, r.Y0}), e.view.toScreen(worldPoint{r.X1, r.Y1})
		out = append(out, AccessiblePart{Label: e.DescribeWidget(n.name), Role: fyne.AccessibleRoleButton, Pos: tl, Size: fyne.NewSize(br.X-tl.X, br.Y-tl.Y)})
		for pi, p := range n.ports {
			at := e.view.toScreen(n.portAnchor(pi))
			out = append(out, AccessiblePart{Label: e.DescribePort(n.name, p.event), Role: fyne.AccessibleRoleButton,
				Pos: at.SubtractXY(grab, grab), Size: fyne.NewSize(2*grab, 2*grab)})
			if p.wire < 0 || p.wire >= len(g.wires) {
				continue
			}
			w := &g.wires[p.wire]
			btl, bbr := e.view.toScreen(worldPoint{w.box.X0, w.box.Y0}), e.view.toScreen(worldPoint{w.box.X1, w.box.Y1})
			out = append(out, AccessiblePart{Label: e.DescribeWire(n.name, p.event, g.nodes[w.to].name), Role: fyne.AccessibleRoleText,
				Pos: btl, Size: fyne.NewSize(max(bbr.X-btl.X, 1), max(bbr.Y-btl.Y, 1))})
		}
	}
	return out
}

func spokenPort(p port) string {
	if p.label != "" {
		return p.label
	}
	return p.event
}

func quote(s string) string { return "“" + s + "”" }

func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
