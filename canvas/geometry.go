package canvas

import (
	"fyne.io/fyne/v2"
)

// Node layout, in world units (one unit is one pixel at the view's scale 1).
const (
	headerHeight  = 24
	nameHeight    = 28
	portRowHeight = 26
	nodeHeight    = headerHeight + nameHeight + portRowHeight
	minNodeWidth  = 200
	nodePadding   = 8
	portGap       = 6
	portDot       = 8
	maxPortLabel  = 130 // longer labels (a split's conditions) are shortened
	cornerRadius  = 6

	titleTextSize = 11
	nameTextSize  = 14
	portTextSize  = 10

	unplacedGap  = 40
	backEdgeDrop = 60 // how far a back edge drops below its port before turning
	backEdgeGap  = 40 // how far right of the nodes it passes a back edge climbs
	viewMargin   = 40
)

// portWidth is how much of the bottom edge one port takes: its label, up to
// maxPortLabel, plus a gap.
func portWidth(label string) float32 {
	return min(fyne.MeasureText(label, portTextSize, fyne.TextStyle{}).Width, maxPortLabel) + portGap*2
}

// measure fixes a node's size and where its ports sit, once per flow: text
// measuring is far too slow to repeat per frame.
func (n *node) measure() {
	n.portWidths = make([]float32, len(n.ports))
	n.portCenters = make([]float32, len(n.ports))
	x := float32(nodePadding)
	for i, p := range n.ports {
		w := portWidth(p.label)
		n.portWidths[i], n.portCenters[i] = w, x+w/2
		x += w
	}
	n.size = fyne.NewSize(max(x+nodePadding, minNodeWidth), nodeHeight)
}

func nodeSize(n node) fyne.Size { return n.size }

// portAnchor is where a port's wire leaves the node, relative to the node.
func portAnchor(n node, i int) fyne.Position {
	return fyne.NewPos(n.portCenters[i], nodeHeight)
}

// inputAnchor is where wires enter a node, relative to the node.
func inputAnchor(n node) fyne.Position {
	return fyne.NewPos(nodeSize(n).Width/2, 0)
}

// bezier is one cubic Bézier segment in view coordinates.
type bezier struct{ start, c1, c2, end fyne.Position }

// wireRoute shapes a wire from start (a port on a node's bottom edge) to end
// (a node's top edge). Wires leave downwards and arrive from above. A back
// edge (its target is not below the port) drops, swings out to x=aside,
// climbs there and comes in over the target, in two segments, so it does not
// cut through the nodes between.
func wireRoute(start, end fyne.Position, back bool, aside float32) []bezier {
	if !back {
		bend := max((end.Y-start.Y)/2, 40)
		return []bezier{{start, start.AddXY(0, bend), end.AddXY(0, -bend), end}}
	}
	mid := fyne.NewPos(aside, (start.Y+end.Y)/2)
	return []bezier{
		{start, start.AddXY(0, backEdgeDrop), fyne.NewPos(aside, start.Y+backEdgeDrop), mid},
		{mid, fyne.NewPos(aside, end.Y-backEdgeDrop), end.AddXY(0, -backEdgeDrop), end},
	}
}

// boundingBox returns the top-left corner and size of the smallest
// rectangle holding the points.
func boundingBox(points ...fyne.Position) (fyne.Position, fyne.Size) {
	lo, hi := points[0], points[0]
	for _, p := range points[1:] {
		lo = fyne.NewPos(min(lo.X, p.X), min(lo.Y, p.Y))
		hi = fyne.NewPos(max(hi.X, p.X), max(hi.Y, p.Y))
	}
	return lo, fyne.NewSize(hi.X-lo.X, hi.Y-lo.Y)
}
