package canvas

import (
	"strconv"
	"strings"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
)

// nodeDiagnostics is what the validator found about one widget.
type nodeDiagnostics struct {
	errors, warnings int
	messages         []string
	// badPorts are the transitions an error is about: their wires are
	// drawn as invalid.
	badPorts map[int]bool
}

// transitionOf is the index of the transition a diagnostic's pointer is
// inside (/states/3/transitions/1/next → 1), or -1.
func transitionOf(path string) int {
	const part = "/transitions/"
	i := strings.Index(path, part)
	if i < 0 {
		return -1
	}
	rest := path[i+len(part):]
	if j := strings.IndexByte(rest, '/'); j >= 0 {
		rest = rest[:j]
	}
	n, err := strconv.Atoi(rest)
	if err != nil {
		return -1
	}
	return n
}

// SetDiagnostics shows the validator's findings: each widget with errors
// or warnings gets a marker in the colour of the worst and their count;
// hovering it, or selecting it alone, shows the messages. Findings about
// the flow itself (no widget) are left to the problems panel.
func (e *Editor) SetDiagnostics(ds []schemas.Diagnostic) {
	next := map[string]nodeDiagnostics{}
	for _, d := range ds {
		if d.Widget == "" {
			continue
		}
		nd := next[d.Widget]
		if d.Severity == schemas.Error {
			nd.errors++
			if t := transitionOf(d.Path); t >= 0 {
				if nd.badPorts == nil {
					nd.badPorts = map[int]bool{}
				}
				nd.badPorts[t] = true
			}
		} else {
			nd.warnings++
		}
		nd.messages = append(nd.messages, d.Message)
		next[d.Widget] = nd
	}
	e.diags = next
	e.Refresh()
}

// WireRef names a transition: number Transition of widget From.
type WireRef struct {
	From       string
	Transition int
}

// Highlight is what the simulator shows on the canvas: the widget running,
// the one waiting for input (and what for), the transitions taken so far,
// and the widgets with breakpoints.
type Highlight struct {
	Active      string
	Waiting     string
	WaitingFor  string
	Taken       []WireRef
	Breakpoints []string
}

// TakenWires maps the steps of an execution log to the transitions they
// followed, each once, in the order first taken. Steps of other executions
// (a subflow's) are left out: they belong on another canvas. The simulator
// and the execution viewer both draw with it.
func TakenWires(flow *model.Flow, execution string, steps []*engine.Step) []WireRef {
	var out []WireRef
	seen := map[WireRef]bool{}
	for _, s := range steps {
		st := flow.State(s.TransitionedFrom)
		if s.ExecutionSID != execution || st == nil {
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

type highlightState struct {
	Highlight
	taken       map[WireRef]bool
	breakpoints map[string]bool
}

// SetHighlight shows the simulator's state.
func (e *Editor) SetHighlight(h Highlight) {
	e.highlight = highlightState{Highlight: h, taken: setOf(h.Taken), breakpoints: setOf(h.Breakpoints)}
	e.Refresh()
}

// ClearHighlight removes the simulator's marks.
func (e *Editor) ClearHighlight() {
	e.highlight = highlightState{}
	e.Refresh()
}

func (h highlightState) wireTaken(from string, port int) bool {
	return h.taken[WireRef{From: from, Transition: port}]
}
