package canvas

import (
	"cmp"
	"fmt"
	"math"
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
	n := node{name: s.Name(), typ: s.Type(), title: s.Type(), trigger: s.Type() == "trigger", icon: "legacy"}
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

// route decides a wire's path and files it in the wire index. A long wire
// follows the channels of the last tidy-up while they hold. A wire whose
// target is not below its port is a back edge: it climbs right of every node
// between its two ends.
func (g *graph) route(wi int) {
	w := &g.wires[wi]
	start, end := g.wireEnds(w)
	from, to := &g.nodes[w.from], &g.nodes[w.to]
	if bends, ok := g.keptRoute(w); ok {
		w.back = false
		w.path = bentPath(start, end, bends, w.path[:0])
		if !g.crosses(w) {
			g.file(wi)
			return
		}
	}
	up := end.Y < start.Y+arrowLength*2
	// A target above but wholly beside its source is reached by an S
	// curve: going around would cross the source itself.
	beside := to.pos.X > from.pos.X+from.width+backEdgeGap || to.pos.X+to.width < from.pos.X-backEdgeGap
	w.back = up && !beside
	if !w.back {
		w.path = wirePath(start, end, false, 0, w.path[:0])
		switch {
		case up && g.crosses(w):
			w.back = true
		case !up && end.Y-start.Y > 2*backEdgeDrop && g.crosses(w):
			// A forward wire with widgets in its way (one the tidy-up
			// gave no channel, or after a move) drops down a lane
			// beside them.
			span := worldRect{min(start.X, end.X), start.Y + backEdgeDrop, max(start.X, end.X), end.Y - backEdgeDrop}
			w.aside = g.laneBeside(span, start.X, end.X)
			w.path = detourDown(start, end, w.aside, w.path[:0])
			g.file(wi)
			return
		}
	}
	if w.back {
		w.aside = g.asideOf(worldRect{min(from.pos.X, to.pos.X), end.Y - backEdgeDrop, max(from.pos.X+from.width, to.pos.X+to.width), start.Y + backEdgeDrop})
		w.path = wirePath(start, end, true, w.aside, w.path[:0])
	}
	g.file(wi)
}

// crosses says whether wire w's path runs through a node other than its
// own two, sampling points along it.
func (g *graph) crosses(w *wire) bool {
	box := w.path[0].box()
	for _, s := range w.path[1:] {
		box = box.union(s.box())
	}
	var in []int
	g.nodeIndex.query(box, func(k int) {
		if k != w.from && k != w.to && g.nodes[k].rect().intersects(box) {
			in = append(in, k)
		}
	})
	if len(in) == 0 {
		return false
	}
	for _, s := range w.path {
		for t := 1; t < crossingSamples; t++ {
			p := s.at(float64(t) / crossingSamples)
			for _, k := range in {
				if g.nodes[k].rect().contains(p) {
					return true
				}
			}
		}
	}
	return false
}

// crossingSamples is how many points per segment crosses looks at.
const crossingSamples = 32

// laneBeside is the x, left or right of the nodes in span (whichever is the
// shorter way from a to b), where a wire can run down clear of them.
func (g *graph) laneBeside(span worldRect, a, b float64) float64 {
	right := g.asideOf(span)
	left := g.asideLeftOf(span)
	if math.Abs(right-a)+math.Abs(right-b) <= math.Abs(left-a)+math.Abs(left-b) {
		return right
	}
	return left
}

// asideLeftOf is asideOf's mirror: the x left of every node in span.
func (g *graph) asideLeftOf(span worldRect) float64 {
	aside := span.X0 - backEdgeGap
	for {
		reach := worldRect{aside, span.Y0, span.X1, span.Y1}
		left := span.X0
		g.nodeIndex.query(reach, func(k int) {
			if r := g.nodes[k].rect(); r.intersects(reach) {
				left = min(left, r.X0)
			}
		})
		if left-backEdgeGap >= aside {
			return aside
		}
		aside = left - backEdgeGap
	}
}

// asideOf is the x right of every node in span where a back edge climbs.
// Widening the span to reach there may take in more nodes, so it grows
// until none is left in the way.
func (g *graph) asideOf(span worldRect) float64 {
	aside := span.X1 + backEdgeGap
	for {
		reach := worldRect{span.X0, span.Y0, aside, span.Y1}
		right := span.X1
		g.nodeIndex.query(reach, func(k int) {
			if r := g.nodes[k].rect(); r.intersects(reach) {
				right = max(right, r.X1)
			}
		})
		if right+backEdgeGap <= aside {
			return aside
		}
		aside = right + backEdgeGap
	}
}

// file records the box of wire wi's path in the wire index and the bounds.
func (g *graph) file(wi int) {
	w := &g.wires[wi]
	w.box = w.path[0].box()
	for _, s := range w.path[1:] {
		w.box = w.box.union(s.box())
	}
	g.wireIndex.set(wi, w.box.grow(arrowWidth))
	g.grow(w.box)
}

// moveNode puts node i at p and re-routes the wires that touch it.
func (g *graph) moveNode(i int, p worldPoint) {
	n := &g.nodes[i]
	n.pos, n.placed = p, true
	g.nodeIndex.set(i, n.rect())
	g.grow(n.rect())
	for _, w := range n.in {
		g.route(w)
	}
	for _, pt := range n.ports {
		if pt.wire < 0 {
			continue
		}
		to := g.wires[pt.wire].to
		g.spreadInputs(to)
		for _, w := range g.nodes[to].in {
			g.route(w)
		}
	}
	// Other wires that now run through the node go round it.
	var blocked []int
	r := n.rect()
	g.wireIndex.query(r, func(w int) {
		if wr := &g.wires[w]; wr.from != i && wr.to != i && wr.box.intersects(r) && g.pathCrosses(wr, i) {
			blocked = append(blocked, w)
		}
	})
	for _, w := range blocked {
		g.route(w)
	}
}

// pathCrosses says whether wire w's path runs through node k.
func (g *graph) pathCrosses(w *wire, k int) bool {
	r := g.nodes[k].rect()
	for _, s := range w.path {
		if !s.box().intersects(r) {
			continue
		}
		for t := 1; t < crossingSamples; t++ {
			if r.contains(s.at(float64(t) / crossingSamples)) {
				return true
			}
		}
	}
	return false
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

func lookup(cat *schemas.Catalog, typ string) (schemas.WidgetType, bool) {
	if cat == nil {
		return schemas.WidgetType{}, false
	}
	return cat.Lookup(typ)
}

// displayTitle marks the types a user should not build on: ones Studio no
// longer offers and ones nobody knows.
func displayTitle(n node) string {
	switch {
	case n.trigger:
		return n.title
	case !n.known:
		return n.title + " (unknown type)"
	case n.maturity == schemas.EndOfLife:
		return n.title + " (end of life)"
	case n.maturity == schemas.Legacy:
		return n.title + " (legacy)"
	}
	return n.title
}

// portLabel words a transition as Studio does on the widget: the catalog's
// label for the event, and for a split's condition its friendly name.
func portLabel(wt schemas.WidgetType, known bool, t model.Transition) string {
	if t.Event == "match" {
		if name := conditionLabel(t.Conditions); name != "" {
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

// conditionLabel words a split condition's port: the friendly name a person
// gave it, or Studio's own wording in Studio's words ("If value equal to 1").
func conditionLabel(conditions []any) string {
	for _, c := range conditions {
		if obj, ok := c.(*model.Object); ok {
			name, _ := obj.String("friendly_name")
			typ, _ := obj.String("type")
			v, _ := obj.Get("value")
			value := ""
			if v != nil {
				value = fmt.Sprint(v)
			}
			if name == "" && typ == "" && value == "" {
				continue
			}
			return schemas.ConditionPortLabel(name, typ, value)
		}
	}
	return ""
}
