package canvas

import "github.com/studioflow/studioflow/canvas/look"

// On-screen text sizes (pixels) that decide what the canvas shows.
const (
	// readableText is the smallest on-screen size of any label when a flow
	// opens: a flow that would need smaller text to fit whole opens at
	// this size, scrolled to its Trigger.
	readableText = 12
	// legibleText is the smallest on-screen size text is drawn at; below
	// it, the text is left out (port labels first, then names), and when
	// a node's name would be under it, nodes become plain boxes.
	legibleText = 7
)

// Node text sizes at zoom 1 (world units), on the type scale.
const (
	titleTextSize = look.TextCaption
	nameTextSize  = look.TextBody
	portTextSize  = look.TextCaption
	// captionTextSize is for the small tags over a node (Waiting for …).
	captionTextSize = look.TextCaption
)

// readableZoom is the smallest zoom a flow opens at: the one at which its
// smallest text, the port labels, is readableText on screen.
const readableZoom = float64(readableText) / portTextSize

// detailLevel is how much of each node the canvas draws.
type detailLevel int

const (
	// detailBoxes: plain boxes in the header colour and straight wires.
	detailBoxes detailLevel = iota
	// detailNames: nodes with their title and name, curved wires, ports
	// as dots without labels.
	detailNames
	// detailFull: everything, port labels included.
	detailFull
)

func (d detailLevel) String() string {
	switch d {
	case detailFull:
		return "full"
	case detailNames:
		return "names"
	}
	return "boxes"
}

// detailForText chooses the level of detail from the on-screen size
// (pixels) at which port labels and names would be drawn: text is drawn
// only where it is legible, and boxes replace nodes only where even a
// node's name would not be.
func detailForText(portLabelPx, namePx float32) detailLevel {
	switch {
	case portLabelPx >= legibleText:
		return detailFull
	case namePx >= legibleText:
		return detailNames
	}
	return detailBoxes
}

// detail is the level of detail at this zoom, from the sizes text is
// actually drawn at on screen.
func (v viewport) detail() detailLevel {
	z := float32(v.zoom)
	return detailForText(portLabelSize(z), nameTextSize*z)
}
