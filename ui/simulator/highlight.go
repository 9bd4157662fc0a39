package simulator

import (
	"github.com/studioflow/studioflow/canvas"
	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/model"
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

// takenWires maps the run's steps to the transitions they followed (see
// canvas.TakenWires); steps of subflows are left out.
func takenWires(flow *model.Flow, execution string, steps []*engine.Step) []WireRef {
	return canvas.TakenWires(flow, steps, func(s *engine.Step) (string, string, string, bool) {
		to := s.TransitionedTo
		if to == engine.EndedTransition {
			to = ""
		}
		return s.TransitionedFrom, s.Name, to, s.ExecutionSID == execution
	})
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
