package canvas

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/studioflow/studioflow/model"
)

type gestureKind int

const (
	gesturePan     gestureKind = iota // drag on empty space, or with the middle button
	gestureMove                       // drag a node (and the rest of the selection)
	gestureWire                       // drag from a port, or a wire's end, to connect
	gestureBox                        // Shift/Ctrl-drag on empty space selects a box
	gestureMinimap                    // drag in the minimap moves the view
)

// gesture is one drag in progress, from the first Dragged to DragEnd.
type gesture struct {
	kind           gestureKind
	start, current fyne.Position // editor coordinates
	// startWorld is the world point under start when the drag began: what
	// the pointer holds, however the view moves meanwhile.
	startWorld worldPoint
	// key coalesces the moves of one drag into one undo step.
	key string

	// gestureMove: where the dragged widgets were, and which one is held
	// (its corner snaps to the grid; the others keep their distance).
	origins map[string]worldPoint
	held    string

	// gestureWire: the port the wire leaves, the widget it pointed at when
	// picked up ("" for an open port), and the node under the pointer.
	from      string // by name: the graph may be rebuilt during the drag
	port      int
	wasTarget string
	target    string

	// gesturePan: the view's origin when the drag began.
	origin worldPoint

	// gestureBox: the selection before the box, which the box adds to.
	base map[string]bool

	// moved is set once a gestureMove changed the document; cancelled once
	// Escape ended the gesture while the button is still down.
	moved, cancelled bool
}

// Dragged is part of fyne.Draggable.
func (e *Editor) Dragged(ev *fyne.DragEvent) {
	if e.gesture != nil && e.gesture.cancelled {
		return
	}
	if e.gesture == nil {
		e.beginGesture(ev.Position.SubtractXY(ev.Dragged.DX, ev.Dragged.DY))
	}
	e.gesture.current = ev.Position
	e.updateGesture()
	e.updateAutoPan()
}

// updateGesture follows the pointer (or a view moved under it).
func (e *Editor) updateGesture() {
	gs := e.gesture
	switch gs.kind {
	case gesturePan:
		d := gs.current.Subtract(gs.start)
		e.view.origin = worldPoint{gs.origin.X - float64(d.X)/e.view.zoom, gs.origin.Y - float64(d.Y)/e.view.zoom}
	case gestureMinimap:
		if r := e.minimap(); r != nil {
			r.centerAt(gs.current)
		}
	case gestureMove:
		e.dragMove(gs)
		return // the document's change redraws
	case gestureWire:
		gs.target = ""
		if i := e.nodeAt(gs.current); i >= 0 {
			gs.target = e.graph.nodes[i].name
		}
	case gestureBox:
		e.boxSelect(gs)
	}
	e.Refresh()
}

// beginGesture decides what a drag starting at p does.
func (e *Editor) beginGesture(p fyne.Position) {
	e.endKeyWire() // the mouse takes over from a wire drawn with keys
	e.gestures++
	gs := &gesture{kind: gesturePan, start: p, current: p, startWorld: e.view.toWorld(p), origin: e.view.origin, key: fmt.Sprintf("canvas-drag-%p-%d", e, e.gestures)}
	e.gesture = gs
	e.hover = ""
	if e.press.button == desktop.MouseButtonTertiary {
		return
	}
	if m := e.minimap(); m != nil && m.contains(p) {
		gs.kind = gestureMinimap
		return
	}
	if e.readOnly {
		return
	}
	h := e.hitTest(p)
	switch h.kind {
	case hitPort, hitWireEnd:
		n := &e.graph.nodes[h.node]
		gs.kind, gs.from, gs.port, gs.wasTarget = gestureWire, n.name, h.port, n.ports[h.port].next
	case hitNode:
		name := e.graph.nodes[h.node].name
		if !e.selected[name] {
			next := map[string]bool{name: true}
			if e.extending() {
				next = e.selectionWith(name)
			}
			e.replaceSelection(next)
		}
		gs.kind, gs.held = gestureMove, name
		gs.origins = map[string]worldPoint{}
		for s := range e.selected {
			if i, ok := e.graph.byName[s]; ok {
				gs.origins[s] = e.graph.nodes[i].pos
			}
		}
	default:
		if e.extending() {
			gs.kind = gestureBox
			gs.base = e.selectionWith("")
		}
	}
}

func (e *Editor) minimap() *minimap { return e.mini }

// dragMove moves the dragged widgets with the pointer, as one undo step for
// the whole drag.
func (e *Editor) dragMove(gs *gesture) {
	held := gs.origins[gs.held]
	at := e.view.toWorld(gs.current)
	to := e.snapped(held.add(at.X-gs.startWorld.X, at.Y-gs.startWorld.Y))
	dx, dy := to.X-held.X, to.Y-held.Y
	positions := make(map[string]model.Position, len(gs.origins))
	moved := false
	for name, o := range gs.origins {
		p := model.Position{X: o.X + dx, Y: o.Y + dy}
		positions[name] = p
		if i, ok := e.graph.byName[name]; ok {
			cur := e.graph.nodes[i].pos
			moved = moved || cur.X != p.X || cur.Y != p.Y || !e.graph.nodes[i].placed
		}
	}
	if !moved {
		return
	}
	if err := e.doc.ApplyCoalesced(model.MoveWidgets(positions), gs.key); err != nil {
		fyne.LogError("move widgets", err)
		return
	}
	gs.moved = true
}

// cancelGesture ends the drag in progress (Escape): a moved node goes back
// where it was, a wire or box being drawn is dropped. Further moves of
// this drag are ignored.
func (e *Editor) cancelGesture() {
	gs := e.gesture
	if gs.kind == gestureBox {
		e.selected = gs.base
	}
	if gs.moved {
		if _, err := e.doc.Undo(); err != nil {
			fyne.LogError("cancel the move", err)
		}
	}
	gs.cancelled, gs.moved = true, false
	e.stopAutoPan()
	e.Refresh()
}

// boxSelect selects what the box touches, added to the selection before.
func (e *Editor) boxSelect(gs *gesture) {
	a, b := gs.startWorld, e.view.toWorld(gs.current)
	box := worldRect{min(a.X, b.X), min(a.Y, b.Y), max(a.X, b.X), max(a.Y, b.Y)}
	next := make(map[string]bool, len(gs.base))
	for n := range gs.base {
		next[n] = true
	}
	e.graph.nodeIndex.query(box, func(i int) {
		if e.graph.nodes[i].rect().intersects(box) {
			next[e.graph.nodes[i].name] = true
		}
	})
	e.selected = next
}

// DragEnd is part of fyne.Draggable.
func (e *Editor) DragEnd() {
	gs := e.gesture
	e.gesture = nil
	e.stopAutoPan()
	if gs == nil || gs.cancelled {
		e.Refresh()
		return
	}
	switch gs.kind {
	case gestureWire:
		e.dropWire(gs)
	case gestureBox:
		e.notifySelection()
	}
	e.Refresh()
}

// minWireDrag is how far, in pixels, a wire must be dragged to count.
const minWireDrag = 8

// dropWire finishes a wire drag: onto a node it connects (or reconnects),
// onto empty space it disconnects a connected port or, for an open port,
// offers new widgets to create already connected.
func (e *Editor) dropWire(gs *gesture) {
	if d := gs.current.Subtract(gs.start); d.X*d.X+d.Y*d.Y < minWireDrag*minWireDrag {
		return // a slip of the hand on a port, not a drag
	}
	from := gs.from
	if _, ok := e.graph.byName[from]; !ok {
		return // deleted meanwhile
	}
	if i := e.nodeAt(gs.current); i >= 0 {
		to := e.graph.nodes[i].name
		// Dropping back on its own widget is taken as giving up, not as a
		// self-loop (those are rare, and easy to make by mistake here).
		if to != gs.wasTarget && to != from {
			e.apply(e.connectOp(from, gs.port, to))
		}
		return
	}
	if gs.wasTarget != "" {
		if i, ok := e.graph.byName[from]; ok && gs.port < len(e.graph.nodes[i].ports) {
			e.apply(model.Disconnect(from, e.graph.nodes[i].ports[gs.port].transition))
		}
		return
	}
	e.showNewWidgetMenu(from, gs.port, gs.current)
}

// connectOp points port `port` of widget from at to: an open Trigger port
// (an entry point the file does not list) adds its transition.
func (e *Editor) connectOp(from string, port int, to string) model.Op {
	i, ok := e.graph.byName[from]
	if !ok || port >= len(e.graph.nodes[i].ports) {
		return model.Connect(from, port, to)
	}
	p := e.graph.nodes[i].ports[port]
	if p.open {
		return model.ConnectEvent(from, p.event, to)
	}
	return model.Connect(from, p.transition, to)
}

func (e *Editor) apply(op model.Op) {
	if err := e.doc.Apply(op); err != nil {
		fyne.LogError(op.Label(), err)
	}
}
