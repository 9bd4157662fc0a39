package simulator

import (
	"github.com/studioflow/studioflow/canvas"
	"github.com/studioflow/studioflow/engine"
)

// WireRef names a transition: the widget it leaves and its index among the
// widget's transitions (the canvas's type: the panel hands it over as is).
type WireRef = canvas.WireRef

// Highlight is what the canvas shows of an execution: the widget it is at,
// the widget it waits in and for what, the transitions it took, and the
// widgets with breakpoints.
type Highlight = canvas.Highlight

// Highlighter is the canvas as the simulator sees it; the ui package adapts
// canvas.Editor to it. It is called on the UI goroutine.
type Highlighter interface {
	SetHighlight(Highlight)
	ClearHighlight()
}

// waitingFor words what a wait expects, for the canvas badge.
func waitingFor(w *engine.Wait) string {
	if w == nil {
		return ""
	}
	switch w.Kind {
	case engine.WaitGather:
		return "keys or speech"
	case engine.WaitRecord:
		return "a recording"
	case engine.WaitReply:
		return "a reply"
	case engine.WaitOutcome:
		return "an outcome"
	}
	return string(w.Kind)
}
