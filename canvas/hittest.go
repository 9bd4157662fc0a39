package canvas

import (
	"fyne.io/fyne/v2"
)

// hitKind says what lies under the pointer.
type hitKind int

const (
	hitNothing hitKind = iota
	hitNode
	hitPort    // a node's output port
	hitWireEnd // the arrowhead of a wire, where it enters its target
)

type hit struct {
	kind hitKind
	node int // the node under the pointer (for a wire end: the wire's source)
	port int
}

// portGrab is how close, in screen pixels, the pointer must be to a port
// or a wire's arrowhead to pick it up.
const portGrab = 9

// hitTest finds what is under p (an editor position), topmost first: ports
// and wire ends over nodes, later nodes over earlier ones.
func (e *Editor) hitTest(p fyne.Position) hit {
	g := e.graph
	w := e.view.toWorld(p)
	reach := float64(portGrab) / e.view.zoom
	area := worldRect{w.X - reach, w.Y - reach, w.X + reach, w.Y + reach}
	best := hit{kind: hitNothing, node: -1, port: -1}
	bestDist := reach * reach
	if e.view.detail() > detailBoxes {
		g.nodeIndex.query(area.grow(nodeHeight), func(i int) {
			n := &g.nodes[i]
			for k := range n.ports {
				a := n.portAnchor(k)
				if d := sq(a.X-w.X) + sq(a.Y-w.Y); d <= bestDist {
					best, bestDist = hit{kind: hitPort, node: i, port: k}, d
				}
			}
		})
		if best.kind != hitNothing {
			return best
		}
		g.wireIndex.query(area, func(i int) {
			wr := &g.wires[i]
			_, end := g.wireEnds(wr)
			tip := end.add(0, -arrowLength/2)
			if d := sq(tip.X-w.X) + sq(tip.Y-w.Y); d <= bestDist {
				best, bestDist = hit{kind: hitWireEnd, node: wr.from, port: wr.port}, d
			}
		})
		if best.kind != hitNothing {
			return best
		}
	}
	top := -1
	g.nodeIndex.query(worldRect{w.X, w.Y, w.X, w.Y}, func(i int) {
		if g.nodes[i].rect().contains(w) && i > top {
			top = i
		}
	})
	if top >= 0 {
		return hit{kind: hitNode, node: top, port: -1}
	}
	return best
}

func sq(v float64) float64 { return v * v }

// nodeAt is the topmost node under p, or -1.
func (e *Editor) nodeAt(p fyne.Position) int {
	w := e.view.toWorld(p)
	top := -1
	e.graph.nodeIndex.query(worldRect{w.X, w.Y, w.X, w.Y}, func(i int) {
		if e.graph.nodes[i].rect().contains(w) && i > top {
			top = i
		}
	})
	return top
}
