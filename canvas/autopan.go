package canvas

import (
	"time"

	"fyne.io/fyne/v2"

	"github.com/studioflow/studioflow/canvas/uiloop"
)

// While a node, a wire or a selection box is dragged to the edge of the
// view, the view scrolls that way, as fast as the pointer is deep in the
// edge zone or past the edge, up to a cap. It used to reach full speed
// (875 px/s) at the edge itself, so a widget near the edge that a wire was
// aimed at ran away from the pointer: inside the view it now scrolls at a
// fifth of the cap at most (about 190 px/s, slow enough to aim), and goes
// faster only as the pointer is taken past the edge, as in most editors.
const (
	edgeZone     = 24  // pixels inside the edge where scrolling starts
	edgeRamp     = 120 // pixels from the zone's start to full speed (96 past the edge)
	edgeSpeed    = 14  // pixels per tick at most
	autoPanEvery = 16 * time.Millisecond
)

// edgePush is how far the view should scroll per tick for a pointer at p.
func (e *Editor) edgePush(p fyne.Position) (dx, dy float32) {
	push := func(v, size float32) float32 {
		switch {
		case v < edgeZone:
			return -edgeSpeed * min(edgeZone-v, edgeRamp) / edgeRamp
		case v > size-edgeZone:
			return edgeSpeed * min(v-(size-edgeZone), edgeRamp) / edgeRamp
		}
		return 0
	}
	return push(p.X, e.size.Width), push(p.Y, e.size.Height)
}

func (e *Editor) wantsAutoPan() bool {
	gs := e.gesture
	if gs == nil || gs.cancelled {
		return false
	}
	// A wire held over a widget that would take it stays put: the drop
	// lands where the user aims.
	if gs.kind == gestureWire && gs.target != "" && gs.target != gs.from {
		return false
	}
	switch gs.kind {
	case gestureMove, gestureWire, gestureBox:
		dx, dy := e.edgePush(gs.current)
		return dx != 0 || dy != 0
	}
	return false
}

// updateAutoPan starts or stops the scrolling ticker as the drag needs.
func (e *Editor) updateAutoPan() {
	if !e.wantsAutoPan() {
		e.stopAutoPan()
		return
	}
	if e.autoPanStop != nil {
		return
	}
	stop := make(chan struct{})
	e.autoPanStop = stop
	go uiloop.Every(stop, e.post, autoPanEvery, func() {
		if e.autoPanStop == stop {
			e.autoPanStep()
		}
	})
}

func (e *Editor) stopAutoPan() {
	if e.autoPanStop != nil {
		close(e.autoPanStop)
		e.autoPanStop = nil
	}
}

// autoPanStep scrolls the view one tick and lets the drag follow: the node
// or wire end stays under the pointer while the flow moves beneath.
func (e *Editor) autoPanStep() {
	if !e.wantsAutoPan() {
		e.stopAutoPan()
		return
	}
	dx, dy := e.edgePush(e.gesture.current)
	e.view.origin = e.view.origin.add(float64(dx)/e.view.zoom, float64(dy)/e.view.zoom)
	e.viewTouched = true
	e.updateGesture()
	if e.gesture.kind != gestureMove {
		e.Refresh()
	}
}
