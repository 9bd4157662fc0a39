package engine

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
)

// behaviour is how one widget type runs: perform on entering the widget, and
// accept for the input that ends its wait (nil for widgets that never wait
// on the contact themselves).
type behaviour struct {
	perform func(r *run, st *model.State, p props) outcome
	accept  func(r *run, st *model.State, p props, w *Wait, in Input) (outcome, error)
}

// behaviourTable lists the widget types the engine simulates in full, by
// type (each Runtime indexes it once).
// Every other type the catalog knows runs as a product (performProduct: the
// caller's choice, else its success event); a type the catalog does not know
// runs as unknownWidget. What a type needs to run (a call, a body, a URL, …)
// is not here but in its catalog entry, which the validator reads too.
func behaviourTable() map[string]behaviour {
	return map[string]behaviour{
		"say-play":                {perform: sayPlay},
		"gather-input-on-call":    {perform: gather, accept: acceptGather},
		"record-voicemail":        {perform: recordVoicemail, accept: acceptRecording},
		"send-message":            {perform: sendMessage, accept: acceptProduct},
		"send-and-wait-for-reply": {perform: sendAndWait, accept: acceptReply},
		"split-based-on":          {perform: splitBasedOn},
		"set-variables":           {perform: setVariables},
		"run-subflow":             {perform: runSubflow},
		"make-http-request":       {perform: makeHTTPRequest},
		"run-function":            {perform: runFunction},
		"run-function-v2":         {perform: runFunction},
		"trigger":                 {perform: triggerReached},
	}
}

// behaviourOf returns how a widget type runs.
func (rt *Runtime) behaviourOf(widgetType string) behaviour {
	if b, ok := rt.behaviours[widgetType]; ok {
		return b
	}
	if _, known := rt.types[widgetType]; known {
		return behaviour{perform: performProduct, accept: acceptProduct}
	}
	return behaviour{perform: unknownWidget, accept: acceptProduct}
}

// perform runs st, unless its catalog entry says it cannot run here (a
// voice widget without a call, a subflow inside a subflow) or that a value
// it needs is missing or unusable (an empty message body, a URL that is not
// one): then the step fails, or the widget takes its failure event, as
// Studio's would. The validator reports the same reasons before running.
func (r *run) perform(st *model.State) outcome {
	p := propsOf(st)
	if f, known := r.rt.types[st.Type()]; known {
		if ref, refused := f.w.Refuses(p.obj, r.entry()); refused {
			return failure(ref.Event, ref.Message)
		}
		// A canned response stands in for the request a widget would make,
		// URL and all (a template's ${…} placeholders, an empty URL).
		canned := f.w.CallsHTTP() && len(r.x.opts.HTTP[st.Name()]) > 0
		if unmet := f.w.CheckRequirements(runValues{r: r, p: p}); len(unmet) > 0 && !canned {
			return failure(unmet[0].Event, unmet[0].Message)
		}
	}
	return r.rt.behaviourOf(st.Type()).perform(r, st, p)
}

// failure fails the step (event "") or takes the widget's failure event.
func failure(event, reason string) outcome {
	if event == "" {
		return outcome{err: errors.New(reason)}
	}
	return outcome{event: event, detail: reason}
}

// entry is how this execution started, as the catalog's rules see it.
func (r *run) entry() schemas.Entry {
	call := schemas.CallNone
	if r.onCall() {
		call = schemas.CallLive
	}
	return schemas.Entry{Trigger: r.x.TriggerEvent, Call: call, InSubflow: r.x.parent != nil}
}

// runValues are a widget's properties as its requirements see them while it
// runs: rendered in the execution's context.
type runValues struct {
	r *run
	p props
}

func (v runValues) Get(key string) (any, bool) { return v.p.get(key) }

func (v runValues) Render(text string) (string, bool) {
	out, err := v.r.render(text)
	return out, err == nil
}

func (v runValues) FindSubflow(flowSID string) (bool, error) {
	find := v.r.rt.cfg.Subflows
	if find == nil {
		return false, nil
	}
	f, err := find(flowSID)
	if err == nil && f == nil {
		err = errors.New("the resolver found nothing")
	}
	return true, err
}

func (r *run) accept(st *model.State, w *Wait, in Input) (outcome, error) {
	if w.Kind == WaitOutcome {
		return acceptProduct(r, st, propsOf(st), w, in)
	}
	b := r.rt.behaviourOf(st.Type())
	if b.accept == nil {
		return outcome{}, fmt.Errorf("widget type %s does not wait for input", st.Type())
	}
	return b.accept(r, st, propsOf(st), w, in)
}

// transitionEvents lists the events a widget's transitions name, in order.
func transitionEvents(st *model.State) []string {
	var out []string
	for _, t := range st.Transitions() {
		if !slices.Contains(out, t.Event) {
			out = append(out, t.Event)
		}
	}
	return out
}

// choose applies the caller's Outcome for st, if any; otherwise the default
// event def (or, with AskOutcomes, a wait for the caller to choose among the
// events the catalog gives st's type).
func (r *run) choose(st *model.State, def string, defaults map[string]any) outcome {
	if chosen, ok := r.x.opts.Outcomes[st.Name()]; ok {
		event := chosen.Event
		if event == "" {
			event = def
		}
		if event == "" {
			return outcome{err: r.noDefaultEvent(st)}
		}
		if err := r.rt.checkEvent(st, event); err != nil {
			return outcome{err: fmt.Errorf("the caller's outcome: %w", err)}
		}
		out := maps.Clone(defaults)
		if out == nil {
			out = map[string]any{}
		}
		maps.Copy(out, plainMap(chosen.Outputs))
		return outcome{event: event, outputs: out, detail: "outcome chosen by the caller"}
	}
	if r.x.opts.AskOutcomes {
		choices, _ := r.rt.widgetEvents(st)
		return outcome{wait: &Wait{Kind: WaitOutcome, Choices: choices}}
	}
	if def == "" {
		return outcome{err: r.noDefaultEvent(st)}
	}
	return outcome{event: def, outputs: defaults}
}

// noDefaultEvent explains why st cannot run without the caller's choice.
func (r *run) noDefaultEvent(st *model.State) error {
	if _, known := r.rt.types[st.Type()]; known {
		return fmt.Errorf("nothing is known about the events of widget type %q and %s has no transitions; choose its outcome (e.g. --outcome %s=EVENT)", st.Type(), st.Name(), st.Name())
	}
	return fmt.Errorf("widget type %q is unknown to Studioflow; choose its outcome (e.g. --outcome %s=EVENT)", st.Type(), st.Name())
}

// acceptProduct takes the caller's choice for a widget waiting on WaitOutcome.
func acceptProduct(r *run, st *model.State, p props, w *Wait, in Input) (outcome, error) {
	if in.Kind != InputOutcome {
		return outcome{}, unexpected(w, in)
	}
	if len(w.Choices) > 0 && !slices.Contains(w.Choices, in.Event) {
		return outcome{}, fmt.Errorf("%q is not an event of %s (choose one of: %s)", in.Event, st.Name(), strings.Join(w.Choices, ", "))
	}
	if err := r.rt.checkEvent(st, in.Event); err != nil {
		return outcome{}, err
	}
	defaults := map[string]any{}
	if outputs, ok := productOutputs[st.Type()]; ok {
		defaults = outputs(r, st, p)
	}
	maps.Copy(defaults, plainMap(in.Outputs))
	return outcome{event: in.Event, outputs: defaults, detail: "outcome chosen by the caller"}, nil
}

// triggerReached fails a transition that leads back to the trigger: an
// execution enters the trigger only from the event that starts it.
func triggerReached(r *run, st *model.State, _ props) outcome {
	return outcome{err: errors.New("a transition leads back to the trigger; an execution enters it only from the event that starts it")}
}

func unknownWidget(r *run, st *model.State, _ props) outcome {
	return r.choose(st, "", nil)
}
