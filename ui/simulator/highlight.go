package simulator

import (
	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/model"
)

// WireRef names a transition: the widget it leaves and its index among the
// widget's transitions.
type WireRef struct {
	From       string
	Transition int
}

// Highlight is what the canvas shows of an execution: the widget it is at,
// the widget it waits in and for what, the transitions it took, and the
// widgets with breakpoints. It has the same fields as canvas.Highlight.
type Highlight struct {
	Active      string
	Waiting     string
	WaitingFor  string
	Taken       []WireRef
	Breakpoints []string
}

// Highlighter is the canvas as the simulator sees it; the ui package adapts
// canvas.Editor to it. It is called on the UI goroutine.
type Highlighter interface {
	SetHighlight(Highlight)
	ClearHighlight()
}

// takenWires maps steps to the transitions they followed, each once, in
// the order first taken. Steps of subflows are left out: their widgets are
// not on this canvas.
func takenWires(flow *model.Flow, execution string, steps []*engine.Step) []WireRef {
	var out []WireRef
	seen := map[WireRef]bool{}
	for _, s := range steps {
		if s.ExecutionSID != execution {
			continue
		}
		st := flow.State(s.TransitionedFrom)
		if st == nil {
			continue
		}
		to := s.TransitionedTo
		if to == engine.EndedTransition {
			to = ""
		}
		for i, t := range st.Transitions() {
			if t.Event == s.Name && t.Next == to {
				ref := WireRef{From: st.Name(), Transition: i}
				if !seen[ref] {
					seen[ref] = true
					out = append(out, ref)
				}
				break
			}
		}
	}
	return out
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
