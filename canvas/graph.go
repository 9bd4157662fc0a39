package canvas

import (
	"fmt"

	"fyne.io/fyne/v2"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
)

// graph is what the view draws: a flow's widgets as nodes in world
// coordinates (Studio's offsets) and its connected transitions as wires.
type graph struct {
	nodes []node
	wires []wire
	// lo and hi bound every node and wire, in world coordinates.
	lo, hi worldPoint
}

type node struct {
	name     string
	title    string // the type's title in Studio's library, or the raw type
	category schemas.Category
	trigger  bool
	known    bool // the catalog knows the type
	maturity schemas.Maturity
	pos      worldPoint
	ports    []port

	// Set by measure.
	size        fyne.Size
	portWidths  []float32
	portCenters []float32
}

// port is one transition of a node, drawn along its bottom edge.
type port struct {
	label string
	next  string
	// dangling: next names a widget the flow does not have.
	dangling bool
}

// wire connects port `port` of nodes[from] to the input of nodes[to].
type wire struct {
	from, port, to int
	// back is set when the target is not below the port: the wire then
	// climbs at world x aside, right of every node it would otherwise cross.
	back  bool
	aside float64
}

// buildGraph reads the flow into drawable form. Widgets without an offset
// are lined up under the placed ones so nothing is lost from view; the
// canvas issue's automatic layout will place them properly.
func buildGraph(f *model.Flow, cat *schemas.Catalog) graph {
	states := f.States()
	g := graph{nodes: make([]node, len(states))}
	index := make(map[string]int, len(states))
	var unplaced []int
	bottom := 0.0
	for i, s := range states {
		n := node{name: s.Name(), title: s.Type(), trigger: s.Type() == "trigger"}
		wt, known := lookup(cat, s.Type())
		if known {
			n.title, n.category, n.known, n.maturity = wt.Title, wt.Category, true, wt.Maturity
		}
		for _, t := range s.Transitions() {
			n.ports = append(n.ports, port{label: portLabel(wt, known, t), next: t.Next})
		}
		n.measure()
		if x, y, ok := s.Offset(); ok {
			n.pos = worldPoint{x, y}
			bottom = max(bottom, y+float64(nodeHeight))
		} else {
			unplaced = append(unplaced, i)
		}
		if _, dup := index[n.name]; !dup {
			index[n.name] = i
		}
		g.nodes[i] = n
	}
	x := 0.0
	for _, i := range unplaced {
		g.nodes[i].pos = worldPoint{x, bottom + unplacedGap}
		x += float64(nodeSize(g.nodes[i]).Width) + unplacedGap
	}
	for i, n := range g.nodes {
		for p, pt := range n.ports {
			if pt.next == "" {
				continue
			}
			if to, ok := index[pt.next]; ok {
				g.wires = append(g.wires, g.route(wire{from: i, port: p, to: to}))
			} else {
				n.ports[p].dangling = true
			}
		}
	}
	g.lo, g.hi = g.measureBounds()
	return g
}

// route decides whether a wire is a back edge and, if so, where it climbs:
// right of every node that overlaps the height it spans.
func (g graph) route(w wire) wire {
	from, to := g.nodes[w.from], g.nodes[w.to]
	bottom := from.pos.Y + nodeHeight
	if to.pos.Y > bottom {
		return w
	}
	w.back = true
	for _, n := range g.nodes {
		if n.pos.Y <= bottom+backEdgeDrop && n.pos.Y+nodeHeight >= to.pos.Y-backEdgeDrop {
			w.aside = max(w.aside, n.pos.X+float64(nodeSize(n).Width))
		}
	}
	w.aside += backEdgeGap
	return w
}

func lookup(cat *schemas.Catalog, typ string) (schemas.WidgetType, bool) {
	if cat == nil {
		return schemas.WidgetType{}, false
	}
	return cat.Lookup(typ)
}

// portLabel words a transition as Studio does on the widget: the catalog's
// label for the event, and for a split's condition its friendly name.
func portLabel(wt schemas.WidgetType, known bool, t model.Transition) string {
	if t.Event == "match" {
		if name := friendlyName(t.Conditions); name != "" {
			return name
		}
	}
	if known {
		if e, ok := wt.Event(t.Event); ok {
			return e.Label
		}
	}
	return t.Event
}

func friendlyName(conditions []any) string {
	for _, c := range conditions {
		if obj, ok := c.(*model.Object); ok {
			if s, ok := obj.String("friendly_name"); ok && s != "" {
				return s
			}
			// Studio's own wording when no friendly name was given.
			if v, ok := obj.Get("value"); ok {
				if typ, ok := obj.String("type"); ok {
					return fmt.Sprintf("If value %s %v", typ, v)
				}
				return fmt.Sprintf("If value %v", v)
			}
		}
	}
	return ""
}

// worldPoint is a position in the flow's own coordinates (properties.offset).
type worldPoint struct{ X, Y float64 }

// measureBounds finds the smallest rectangle holding every node and wire.
func (g graph) measureBounds() (minPt, maxPt worldPoint) {
	if len(g.nodes) == 0 {
		return worldPoint{}, worldPoint{}
	}
	minPt = g.nodes[0].pos
	maxPt = minPt
	for _, n := range g.nodes {
		sz := nodeSize(n)
		minPt.X, minPt.Y = min(minPt.X, n.pos.X), min(minPt.Y, n.pos.Y)
		maxPt.X = max(maxPt.X, n.pos.X+float64(sz.Width))
		maxPt.Y = max(maxPt.Y, n.pos.Y+float64(sz.Height))
	}
	for _, w := range g.wires {
		if w.back {
			maxPt.X = max(maxPt.X, w.aside)
			maxPt.Y = max(maxPt.Y, g.nodes[w.from].pos.Y+nodeHeight+backEdgeDrop)
		}
	}
	return minPt, maxPt
}
