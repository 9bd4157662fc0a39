package canvas

import (
	"github.com/studioflow/studioflow/schemas"
)

// nodeDiagnostics is what the validator found about one widget.
type nodeDiagnostics struct {
	errors, warnings int
	messages         []string
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

type highlightState struct {
	Highlight
	taken       map[WireRef]bool
	breakpoints map[string]bool
}

// SetHighlight shows the simulator's state.
func (e *Editor) SetHighlight(h Highlight) {
	st := highlightState{Highlight: h, taken: map[WireRef]bool{}, breakpoints: map[string]bool{}}
	for _, t := range h.Taken {
		st.taken[t] = true
	}
	for _, b := range h.Breakpoints {
		st.breakpoints[b] = true
	}
	e.highlight = st
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
