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
	// chooses says which events a caller's Outcome may pick for the type
	// (see choice).
	chooses choice
	// outputs gives the plausible widgets.NAME.* values for an event the
	// caller chose (nil: none). Product types find theirs in productOutputs.
	outputs widgetOutputs
}

// widgetOutputs gives a widget's plausible outputs for the event it takes.
type widgetOutputs func(r *run, st *model.State, p props, event string) map[string]any

// choice is which events a caller's Outcome may pick for a widget type.
type choice int

const (
	// choosesNone: the engine runs the type itself; its events come from
	// the flow and the contact's input.
	choosesNone choice = iota
	// choosesAny: the type's result comes from outside (other products,
	// HTTP, messages sent), so any of its events.
	choosesAny
	// choosesUnanswered: the events the contact's input does not decide,
	// from the catalog: the widget's failure (send-and-wait's message not
	// delivered) and no input before its timeout. The reply itself comes
	// from the input (the contact types it).
	choosesUnanswered
)

// behaviourTable lists the widget types the engine simulates in full, by
// type (each Runtime indexes it once). Every other type the catalog knows
// runs as a product (performProduct: the caller's choice, else its success
// event); a type the catalog does not know runs as unknownWidget. What a
// type needs to run (a call, a body, a URL, …) is not here but in its
// catalog entry, which the validator reads too.
func behaviourTable() map[string]behaviour {
	return map[string]behaviour{
		"say-play":                {perform: sayPlay},
		"gather-input-on-call":    {perform: gather, accept: acceptGather},
		"record-voicemail":        {perform: recordVoicemail, accept: acceptRecording},
		"send-message":            {perform: sendMessage, accept: acceptProduct, chooses: choosesAny, outputs: (*run).sentOutputs},
		"send-and-wait-for-reply": {perform: sendAndWait, accept: acceptReply, chooses: choosesUnanswered},
		"split-based-on":          {perform: splitBasedOn},
		"set-variables":           {perform: setVariables},
		"run-subflow":             {perform: runSubflow},
		"make-http-request":       {perform: makeHTTPRequest, accept: acceptProduct, chooses: choosesAny, outputs: requestOutputs},
		"run-function":            {perform: runFunction, accept: acceptProduct, chooses: choosesAny, outputs: functionOutputs},
		"run-function-v2":         {perform: runFunction, accept: acceptProduct, chooses: choosesAny, outputs: functionOutputs},
		model.TriggerType:         {perform: triggerReached},
	}
}

// behaviourOf returns how a widget type runs.
func (rt *Runtime) behaviourOf(widgetType string) behaviour {
	if b, ok := rt.behaviours[widgetType]; ok {
		return b
	}
	if _, known := rt.types[widgetType]; known {
		return behaviour{perform: performProduct, accept: acceptProduct, chooses: choosesAny}
	}
	return behaviour{perform: unknownWidget, accept: acceptProduct, chooses: choosesAny}
}

// perform runs st, unless its catalog entry says it cannot run here (a
// voice widget without a call, a subflow inside a subflow) or that a value
// it needs is missing or unusable (an empty message body, a URL that is not
// one): then the step fails, or the widget takes its failure event, as
// Studio's would. The validator reports the same reasons before running.
func (r *run) perform(st *model.State) outcome {
	p := propsOf(st)
	f, known := r.rt.types[st.Type()]
	if known {
		if ref, refused := f.w.Refuses(p.obj, r.entry()); refused {
			return failure(ref.Event, ref.Message)
		}
	}
	if o, ok := r.x.opts.Outcomes[st.Name()]; ok {
		// Checked by Start for the flow's own widgets; a subflow's are
		// checked when they run.
		if err := r.rt.checkChoosable(st, o.Event); err != nil {
			return outcome{err: fmt.Errorf("the caller's outcome: %w", err)}
		}
	}
	// A canned response or the caller's outcome stands in for the request
	// an HTTP widget would make, URL and all (a template's ${…}
	// placeholders, an empty URL).
	if known && !(f.w.CallsHTTP() && r.requestStandsIn(st)) {
		if unmet := f.w.CheckRequirements(runValues{r: r, p: p}); len(unmet) > 0 {
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
// events the catalog gives st's type). outputs, when not nil, gives the
// plausible widgets.NAME.* values for the event taken.
func (r *run) choose(st *model.State, def string, outputs func(event string) map[string]any) outcome {
	if chosen, ok := r.x.opts.Outcomes[st.Name()]; ok && (chosen.Event != "" || def != "") {
		return r.chosen(st, chosen, def, outputs)
	}
	if r.x.opts.AskOutcomes {
		choices, _ := r.rt.widgetEvents(st)
		return outcome{wait: &Wait{Kind: WaitOutcome, Choices: choices}}
	}
	if def == "" {
		return outcome{err: r.noDefaultEvent(st)}
	}
	var out map[string]any
	if outputs != nil {
		out = outputs(def)
	}
	return outcome{event: def, outputs: out}
}

// chosen takes the caller's Outcome for st (its event, else def), with the
// outputs of that event and the caller's own on top.
func (r *run) chosen(st *model.State, chosen Outcome, def string, outputs func(event string) map[string]any) outcome {
	event := chosen.Event
	if event == "" {
		event = def
	}
	if err := r.rt.checkEvent(st, event); err != nil {
		return outcome{err: fmt.Errorf("the caller's outcome: %w", err)}
	}
	out := map[string]any{}
	if outputs != nil {
		out = outputs(event)
	}
	maps.Copy(out, plainMap(chosen.Outputs))
	return outcome{event: event, outputs: out, detail: ChosenByCaller}
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
	o := r.callEffects(st, r.chosen(st, Outcome{Event: in.Event, Outputs: in.Outputs}, "", r.outputsFor(st, p)))
	return o, o.err
}

// triggerReached fails a transition that leads back to the trigger: an
// execution enters the trigger only from the event that starts it.
func triggerReached(r *run, st *model.State, _ props) outcome {
	return outcome{err: errors.New("a transition leads back to the trigger; an execution enters it only from the event that starts it")}
}

// unknownWidget takes the event the caller chose for a widget of a type
// the catalog does not know; the catalog's call-ended event ends the call
// as it does for any widget (callEffects).
func unknownWidget(r *run, st *model.State, _ props) outcome {
	return r.callEffects(st, r.choose(st, "", nil))
}

// outputsFor gives the plausible outputs of st for the event it takes, for
// the widget types that have some (nil otherwise).
func (r *run) outputsFor(st *model.State, p props) func(event string) map[string]any {
	outputs := r.rt.behaviourOf(st.Type()).outputs
	if outputs == nil {
		outputs = productOutputs[st.Type()]
	}
	if outputs == nil {
		return nil
	}
	return func(event string) map[string]any { return outputs(r, st, p, event) }
}

// requestOutputs and functionOutputs are an HTTP widget's outputs for an
// event the caller chose.
func requestOutputs(r *run, st *model.State, _ props, event string) map[string]any {
	return httpOutcomeOutputs(event == r.successEvent(st))
}

func functionOutputs(r *run, st *model.State, _ props, event string) map[string]any {
	return r.functionOutputs(st, event)
}
