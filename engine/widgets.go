package engine

import (
	"fmt"
	"maps"
	"slices"

	"github.com/studioflow/studioflow/model"
)

// behaviour is how one widget type runs: perform on entering the widget, and
// accept for the input that ends its wait (nil for widgets that never wait
// on the contact themselves).
type behaviour struct {
	perform func(r *run, st *model.State, p props) outcome
	accept  func(r *run, st *model.State, p props, w *Wait, in Input) (outcome, error)
}

func behaviourOf(widgetType string) behaviour {
	switch widgetType {
	case "say-play":
		return behaviour{perform: sayPlay}
	case "gather-input-on-call":
		return behaviour{perform: gather, accept: acceptGather}
	case "record-voicemail":
		return behaviour{perform: recordVoicemail, accept: acceptRecording}
	case "send-message":
		return behaviour{perform: sendMessage, accept: acceptProduct}
	case "send-and-wait-for-reply":
		return behaviour{perform: sendAndWait, accept: acceptReply}
	case "split-based-on":
		return behaviour{perform: splitBasedOn}
	case "set-variables":
		return behaviour{perform: setVariables}
	case "run-subflow":
		return behaviour{perform: runSubflow}
	case "make-http-request":
		return behaviour{perform: makeHTTPRequest}
	case "run-function", "run-function-v2":
		return behaviour{perform: runFunction}
	}
	if _, ok := products[widgetType]; ok {
		return behaviour{perform: performProduct, accept: acceptProduct}
	}
	return behaviour{perform: unknownWidget, accept: acceptProduct}
}

func (r *run) perform(st *model.State) outcome {
	return behaviourOf(st.Type()).perform(r, st, propsOf(st))
}

func (r *run) accept(st *model.State, w *Wait, in Input) (outcome, error) {
	b := behaviourOf(st.Type())
	if w.Kind == WaitOutcome {
		return acceptProduct(r, st, propsOf(st), w, in)
	}
	if b.accept == nil {
		return outcome{}, fmt.Errorf("widget type %s does not wait for input", st.Type())
	}
	return b.accept(r, st, propsOf(st), w, in)
}

// events lists the events a widget's transitions name, in order.
func events(st *model.State) []string {
	var out []string
	for _, t := range st.Transitions() {
		if !slices.Contains(out, t.Event) {
			out = append(out, t.Event)
		}
	}
	return out
}

// choose applies the caller's Outcome for st, if any; otherwise the default
// event (or, with AskOutcomes, a wait for the caller to choose).
func (r *run) choose(st *model.State, def string, defaults map[string]any) outcome {
	if chosen, ok := r.x.opts.Outcomes[st.Name()]; ok {
		out := maps.Clone(defaults)
		if out == nil {
			out = map[string]any{}
		}
		maps.Copy(out, plainMap(chosen.Outputs))
		event := chosen.Event
		if event == "" {
			event = def
		}
		return outcome{event: event, outputs: out, detail: "outcome chosen by the caller"}
	}
	if r.x.opts.AskOutcomes {
		return outcome{wait: &Wait{Kind: WaitOutcome, Choices: events(st)}}
	}
	if def == "" {
		return outcome{err: fmt.Errorf("widget type %q is unknown to Studioflow; choose its outcome (e.g. --outcome %s=EVENT)", st.Type(), st.Name())}
	}
	return outcome{event: def, outputs: defaults}
}

// acceptProduct takes the caller's choice for a widget waiting on WaitOutcome.
func acceptProduct(r *run, st *model.State, p props, w *Wait, in Input) (outcome, error) {
	if in.Kind != InputOutcome {
		return outcome{}, unexpected(w, in)
	}
	if len(w.Choices) > 0 && !slices.Contains(w.Choices, in.Event) {
		return outcome{}, fmt.Errorf("%q is not an event of %s (choose one of %v)", in.Event, st.Name(), w.Choices)
	}
	defaults := map[string]any{}
	if d, ok := products[st.Type()]; ok && d.outputs != nil {
		defaults = d.outputs(r, st, p)
	}
	maps.Copy(defaults, plainMap(in.Outputs))
	return outcome{event: in.Event, outputs: defaults, detail: "outcome chosen by the caller"}, nil
}

func unknownWidget(r *run, st *model.State, _ props) outcome {
	return r.choose(st, "", nil)
}
