package canvas

import (
	"cmp"
	"slices"

	"fyne.io/fyne/v2"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
)

// graph is what the editor draws: a flow's widgets as nodes in world
// coordinates (Studio's offsets) and its connected transitions as wires,
// with spatial indexes so that only what is in view is looked at. It is
// derived from the document and rebuilt or patched on every change; it is
// never edited on its own.
type graph struct {
	nodes  []node
	wires  []wire
	byName map[string]int
	// nodeIndex and wireIndex find what lies in a world rectangle.
	nodeIndex, wireIndex *spatialIndex
	// extent caches bounds(); moves only grow it (it is recomputed on the
	// next rebuild), so dragging costs the same whatever the flow's size.
	extent      worldRect
	extentValid bool
	// bends are the long wires' routes from the last tidy-up (shared with
	// the editor, read-only here).
	bends bendTable
}

type node struct {
	name     string
	typ      string
	title    string // shown in the header: the type's title, marked when unknown or retired
	icon     string
	category schemas.Category
	trigger  bool
	known    bool
	maturity schemas.Maturity
	pos      worldPoint
	// placed is false for a widget without an offset, lined up below the others.
	placed bool
	ports  []port
	width  float64
	// fitName is the name shortened to the node's width, once per build.
	fitName string
	// in lists the wires entering the node, ordered by where they arrive
	// along its top edge (left to right, by their sources' x).
	in []int
}

// port is one transition of a node, drawn along its bottom edge.
type port struct {
	event    string
	label    string // as Studio words it
	fitLabel string
	next     string
	center   float64 // x of the port's dot, from the node's left edge
	width    float64
	wire     int // index into graph.wires, or -1
	// dangling: next names a widget the flow does not have.
	dangling bool
	// open: a Trigger entry point the file does not list (Studio shows all
	// five); wiring it adds the transition.
	open bool
	// transition is the index of the port's transition in the widget's
	// list (-1 for an open port): the Trigger's ports stand in Studio's
	// order whatever the order of the file.
	transition int
}

// portOf returns the index of the port of transition t, or -1.
func (n *node) portOf(t int) int {
	for i := range n.ports {
		if n.ports[i].transition == t {
			return i
		}
	}
	return -1
}

// wire connects port `port` of nodes[from] to the input of nodes[to].
type wire struct {
	from, port, to int
	// back is set when the target is not below the port: the wire then
	// climbs at world x aside, right of the nodes it would otherwise cross.
	back  bool
	aside float64
	// arrive is where the wire enters its target, from the target's left edge.
	arrive float64
	// path is the wire's curve: one segment, two for a back edge, more for
	// a long wire that follows the channels of the last tidy-up.
	path []segment
	box  worldRect
}

func (n *node) rect() worldRect { return rectAt(n.pos, n.width, nodeHeight) }

func (n *node) portAnchor(i int) worldPoint {
	return n.pos.add(n.ports[i].center, nodeHeight)
}

func (g *graph) wireEnds(w *wire) (start, end worldPoint) {
	from, to := &g.nodes[w.from], &g.nodes[w.to]
	return from.portAnchor(w.port), to.pos.add(w.arrive, 0)
}

// buildGraph reads the flow into drawable form. placement, when not nil,
// overrides offsets (a read-only view of a flow that needs laying out).
// Widgets without an offset are lined up under the placed ones so nothing
// is lost from view.
// Long wires follow bends while they hold (see keptRoute).
func buildGraph(f *model.Flow, cat *schemas.Catalog, m *textMeasurer, placement map[string]model.Position, bends bendTable) *graph {
	states := f.States()
	g := &graph{
		nodes:     make([]node, len(states)),
		byName:    make(map[string]int, len(states)),
		nodeIndex: newSpatialIndex(len(states)),
		bends:     bends,
	}
	var unplaced []int
	bottom := 0.0
	for i, s := range states {
		g.nodes[i] = readNode(s, cat, m)
		n := &g.nodes[i]
		if p, ok := placement[n.name]; ok {
			n.pos, n.placed = worldPoint{p.X, p.Y}, true
		}
		if n.placed {
			bottom = max(bottom, n.pos.Y+nodeHeight)
		} else {
			unplaced = append(unplaced, i)
		}
		if _, dup := g.byName[n.name]; !dup {
			g.byName[n.name] = i
		}
	}
	x := 0.0
	for _, i := range unplaced {
		g.nodes[i].pos = worldPoint{x, bottom + unplacedGap}
		x += g.nodes[i].width + unplacedGap
	}
	for i := range g.nodes {
		g.nodeIndex.set(i, g.nodes[i].rect())
	}
	g.connect()
	return g
}

// connect makes the wires from the nodes' ports and routes them all.
func (g *graph) connect() {
	g.wires = g.wires[:0]
	for i := range g.nodes {
		g.nodes[i].in = g.nodes[i].in[:0]
	}
	for i := range g.nodes {
		n := &g.nodes[i]
		for p := range n.ports {
			pt := &n.ports[p]
			pt.wire, pt.dangling = -1, false
			if pt.next == "" {
				continue
			}
			to, ok := g.byName[pt.next]
			if !ok {
				pt.dangling = true
				continue
			}
			pt.wire = len(g.wires)
			g.wires = append(g.wires, wire{from: i, port: p, to: to})
			g.nodes[to].in = append(g.nodes[to].in, pt.wire)
		}
	}
	g.wireIndex = newSpatialIndex(len(g.wires))
	for i := range g.nodes {
		g.spreadInputs(i)
	}
	for w := range g.wires {
		g.route(w)
	}
}

// readNode turns one widget into a node: its title, icon and ports as the
// catalog words them, measured once.
func readNode(s *model.State, cat *schemas.Catalog, m *textMeasurer) node {
	n := node{name: s.Name(), typ: s.Type(), title: s.Type(), trigger: s.IsTrigger(), icon: "legacy"}
	wt, known := lookup(cat, s.Type())
	if known {
		n.title, n.category, n.known, n.maturity, n.icon = wt.Title, wt.Category, true, wt.Maturity, wt.Icon
	}
	n.title = displayTitle(n)
	if x, y, ok := s.Offset(); ok {
		n.pos, n.placed = worldPoint{x, y}, true
	}
	x := float64(nodePadding)
	addPort := func(p port) {
		w := float64(min(m.width(p.label, portTextSize, fyne.TextStyle{}), maxPortLabel) + portGap*2)
		p.center, p.width, p.wire = x+w/2, w, -1
		p.fitLabel = m.fit(p.label, float32(w-portGap), portTextSize, fyne.TextStyle{})
		n.ports = append(n.ports, p)
		x += w
	}
	transitions := s.Transitions()
	placed := make([]bool, len(transitions))
	if n.trigger && known {
		// Studio's five entry points in its order, listed in the file or not.
		for _, ev := range wt.Events() {
			k := slices.IndexFunc(transitions, func(t model.Transition) bool { return t.Event == ev.Name })
			if k < 0 {
				addPort(port{event: ev.Name, label: ev.Label, open: true, transition: -1})
				continue
			}
			placed[k] = true
			addPort(port{event: ev.Name, label: portLabel(wt, known, transitions[k]), next: transitions[k].Next, transition: k})
		}
	}
	for k, t := range transitions {
		if !placed[k] {
			addPort(port{event: t.Event, label: portLabel(wt, known, t), next: t.Next, transition: k})
		}
	}
	titleRoom := float64(m.width(n.title, titleTextSize, fyne.TextStyle{Bold: true})) + 2*nodePadding + iconSize + 4 + badgeRoom
	n.width = max(x+nodePadding, min(titleRoom, maxTitleWidth), minNodeWidth)
	textWidth := float32(n.width - 2*nodePadding)
	n.fitName = m.fit(n.name, textWidth, nameTextSize, fyne.TextStyle{})
	n.title = m.fit(n.title, textWidth-iconSize-4-badgeRoom, titleTextSize, fyne.TextStyle{Bold: true})
	return n
}

// maxTitleWidth bounds how far a long title widens its node.
const maxTitleWidth = 320

// badgeRoom keeps the header's right end free for a validation badge.
const badgeRoom = 26

// spreadInputs orders the wires entering node i by their sources' x and
// spaces their ends along its top edge, so several wires into one node stay
// apart.
func (g *graph) spreadInputs(i int) {
	n := &g.nodes[i]
	if len(n.in) == 0 {
		return
	}
	slices.SortStableFunc(n.in, func(a, b int) int {
		wa, wb := &g.wires[a], &g.wires[b]
		return cmp.Compare(g.nodes[wa.from].portAnchor(wa.port).X, g.nodes[wb.from].portAnchor(wb.port).X)
	})
	spacing := min(inputSpacing, (n.width-2*cornerRadius)/float64(len(n.in)))
	first := n.width/2 - spacing*float64(len(n.in)-1)/2
	for k, w := range n.in {
		g.wires[w].arrive = first + spacing*float64(k)
	}
}

// bounds holds every node and wire: the smallest such rectangle, or after
// moves one a little larger.
func (g *graph) bounds() worldRect {
	if g.extentValid {
		return g.extent
	}
	r := emptyRect()
	for i := range g.nodes {
		r = r.union(g.nodes[i].rect())
	}
	for i := range g.wires {
		r = r.union(g.wires[i].box)
	}
	g.extent, g.extentValid = r, true
	return r
}

// grow widens the cached bounds to hold r.
func (g *graph) grow(r worldRect) {
	if g.extentValid {
		g.extent = g.extent.union(r)
	}
}
