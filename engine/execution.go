package engine

import (
	"fmt"
	"strings"
	"time"

	"github.com/studioflow/studioflow/model"
)

// Execution is one run of a flow. Its exported fields are for reading; only
// the Runtime changes them. A waiting Execution is plain data.
type Execution struct {
	SID                   string
	AccountSID            string
	FlowSID               string
	ContactSID            string
	ContactChannelAddress string
	InitiatedBy           string
	TriggerEvent          string
	Status                string // StatusActive or StatusEnded
	DateCreated           time.Time
	DateUpdated           time.Time
	Steps                 []*Step           // in the order they happened (Studio lists them newest first)
	Transcript            []TranscriptEntry // what passed between the flow and the contact
	Waiting               *Wait             // nil unless the execution waits on the contact
	Ended                 *Ending           // nil while active

	flow       *model.Flow
	opts       *StartOptions
	ctx        map[string]any
	at         string // the widget the execution waits in
	lastWidget string
	streak     int
	stepCount  *int // shared with subflow executions: the 1,000-step limit includes them
	waitSeq    int
	callOver   bool
	outgoing   map[string]any // the call a make-outgoing-call widget placed (REST flows)
	httpRuns   map[string]int
	child      *Execution // the running subflow while a run-subflow widget waits
	parent     *Execution
	parentStep string // SID of the parent's run-subflow step
	// nextStepSID is the SID the next step takes: a run-subflow step's SID is
	// chosen when it starts, so its subflow's steps can name it as parent.
	nextStepSID string
}

// Flow returns the flow being executed.
func (x *Execution) Flow() *model.Flow { return x.flow }

// Context returns the current execution context (read-only; it is shared
// with step snapshots).
func (x *Execution) Context() map[string]any { return x.ctx }

// At returns the widget the execution waits in ("" when not waiting). While a
// subflow waits, it is the subflow's widget.
func (x *Execution) At() string {
	if x.child != nil {
		return x.child.At()
	}
	return x.at
}

// WaitingIn returns the widget of this execution's own flow it waits in: a
// run-subflow widget while its subflow waits ("" when not waiting).
func (x *Execution) WaitingIn() string {
	if x.Ended != nil {
		return ""
	}
	return x.at
}

// Variables returns flow.variables.
func (x *Execution) Variables() map[string]any {
	m, _ := lookup(x.ctx, "flow", "variables").(map[string]any)
	return m
}

func (rt *Runtime) newExecution(flow *model.Flow, trig Trigger, opts *StartOptions, steps *int) *Execution {
	now := rt.now()
	contact, flowAddr := trig.addresses()
	x := &Execution{
		SID: rt.sid("FN"), AccountSID: rt.cfg.AccountSID, FlowSID: opts.FlowSID, ContactSID: rt.sid("FC"),
		ContactChannelAddress: contact, TriggerEvent: trig.Event, Status: StatusActive,
		DateCreated: now, DateUpdated: now, flow: flow, opts: opts, stepCount: steps,
	}
	key, fields, initiatedBy := rt.webhook(trig, contact, flowAddr)
	x.InitiatedBy = initiatedBy
	data := map[string]any{}
	if trig.Event == TriggerRequest {
		data = plainMap(trig.Parameters)
	}
	x.ctx = map[string]any{
		"flow": map[string]any{
			"flow_sid": x.FlowSID, "sid": x.SID, "channel": map[string]any{"address": flowAddr},
			"data": data, "variables": map[string]any{},
		},
		"contact": map[string]any{"channel": map[string]any{"address": contact}},
		"trigger": map[string]any{key: fields},
		"widgets": map[string]any{},
	}
	return x
}

// run carries one Start or Resume call: the runtime, the execution being
// advanced and the events produced so far.
type run struct {
	rt   *Runtime
	x    *Execution
	sink *[]Event
	// deadline is when this run must be over, on the wall clock (not the
	// Runtime's Clock, which may be virtual): Config.RunTimeout after it
	// began. Zero for none.
	deadline time.Time
}

// overdue reports whether the run is past its deadline.
func (r *run) overdue() bool {
	return !r.deadline.IsZero() && time.Now().After(r.deadline)
}

func (r *run) emit(e Event) {
	e.Execution = r.x.SID
	*r.sink = append(*r.sink, e)
	if r.rt.cfg.Observer != nil {
		r.rt.cfg.Observer(e)
	}
}

func (r *run) transcribe(direction, kind, widget, txt string) {
	r.transcribeEntry(TranscriptEntry{Direction: direction, Kind: kind, Text: txt, Widget: widget})
}

func (r *run) transcribeEntry(entry TranscriptEntry) {
	for x := r.x; x != nil; x = x.parent {
		x.Transcript = append(x.Transcript, entry)
	}
}

// render renders a template against the execution context.
func (r *run) render(template string) (string, error) {
	return r.rt.liquid.Render(template, r.x.ctx)
}

// begin fires the trigger and runs to the first wait or the end.
func (r *run) begin(x *Execution) {
	r.x = x
	trigger := x.flow.State(x.flow.InitialState())
	if trigger == nil {
		r.end(EndFailed, fmt.Sprintf("the flow's initial_state %q is not a widget of the flow", x.flow.InitialState()))
		return
	}
	next := r.exit(trigger, outcome{event: x.TriggerEvent})
	r.enter(next)
}

// outcome is what a widget did: an event to follow (optionally a specific
// transition), outputs for widgets.NAME, a wait, or a failure.
type outcome struct {
	event      string
	transition *model.Transition
	branch     int // 1-based index of transition among the widget's transitions (split matches)
	outputs    map[string]any
	detail     string
	wait       *Wait
	waitChild  bool
	err        error
	stop       string // ends the execution normally without a step (the call is over)
	// keepWaiting: the input was not taken (speech a gather does not
	// recognise); the widget goes on waiting as before.
	keepWaiting bool
}

// enter runs widgets from name until the execution waits or ends.
func (r *run) enter(name string) {
	x := r.x
	for name != "" && x.Ended == nil {
		st := x.flow.State(name)
		if st == nil {
			r.end(EndFailed, fmt.Sprintf("a transition leads to %q, which is not a widget of the flow", name))
			return
		}
		if *x.stepCount >= MaxSteps {
			r.end(EndLimit, fmt.Sprintf("stopped before %s: an execution may run at most %d steps (Studio's limit)", name, MaxSteps))
			return
		}
		if r.overdue() {
			r.end(EndLimit, fmt.Sprintf("stopped before %s: the flow ran for more than %v without waiting for input (studioflow's limit)", name, r.rt.cfg.RunTimeout))
			return
		}
		if name == x.lastWidget {
			x.streak++
		} else {
			x.lastWidget, x.streak = name, 1
		}
		if x.streak > MaxSameWidgetInARow {
			r.end(EndLimit, fmt.Sprintf("stopped at %s: the same widget ran %d times in a row (Studio's limit)", name, MaxSameWidgetInARow))
			return
		}
		o := r.perform(st)
		if o.wait == nil && r.overdue() {
			r.end(EndLimit, fmt.Sprintf("stopped at %s: the flow ran for more than %v without waiting for input (studioflow's limit)", name, r.rt.cfg.RunTimeout))
			return
		}
		if o.stop != "" {
			r.end(EndCompleted, o.stop)
			return
		}
		if o.wait != nil {
			r.wait(st, o)
			return
		}
		name = r.exit(st, o)
	}
}

func (r *run) wait(st *model.State, o outcome) {
	x := r.x
	x.at = st.Name()
	if o.waitChild {
		x.Waiting = o.wait
		return
	}
	w := o.wait
	x.waitSeq++
	w.seq = x.waitSeq
	w.Widget, w.Type = st.Name(), st.Type()
	if w.Timeout > 0 {
		w.Deadline = r.rt.now().Add(w.Timeout)
	}
	x.Waiting = w
	for p := x.parent; p != nil; p = p.parent {
		p.Waiting = w
	}
	x.DateUpdated = r.rt.now()
	r.emit(Event{Kind: EventWait, Widget: st.Name(), Wait: w})
}

// exit records the step for st leaving on o and returns the next widget ("" when the execution ended).
func (r *run) exit(st *model.State, o outcome) string {
	x := r.x
	if *x.stepCount >= MaxSteps {
		r.end(EndLimit, fmt.Sprintf("stopped at %s: an execution may run at most %d steps, subflows included (Studio's limit)", st.Name(), MaxSteps))
		return ""
	}
	if o.err != nil {
		// No step: a step's name is an event the widget took, and an
		// error is none of its events. The end reason names the widget.
		r.endAt(st.Name(), EndFailed, fmt.Sprintf("%s (%s): %v", st.Name(), st.Type(), o.err))
		return ""
	}
	if o.outputs != nil {
		x.ctx = withPath(x.ctx, o.outputs, "widgets", st.Name())
	}
	next, found := "", false
	if o.transition != nil {
		next, found = o.transition.Next, true
	} else {
		next, found = st.Next(o.event)
	}
	to := next
	if next == "" {
		to = EndedTransition
	}
	r.record(st, o.event, to, o.detail, o.branch)
	if next == "" {
		reason := fmt.Sprintf("the flow ended at %s on %s", st.Name(), o.event)
		if !found {
			reason = fmt.Sprintf("the flow ended at %s: it has no transition for %s", st.Name(), o.event)
		}
		if o.detail != "" {
			reason += " (" + o.detail + ")"
		}
		r.end(EndCompleted, reason)
	}
	return next
}

func (r *run) record(st *model.State, event, to, detail string, branch int) {
	x := r.x
	now := r.rt.now()
	*x.stepCount++
	sid := x.nextStepSID
	if sid == "" {
		sid = r.rt.sid("FT")
	}
	x.nextStepSID = ""
	step := &Step{
		SID: sid, AccountSID: x.AccountSID, FlowSID: x.FlowSID, ExecutionSID: x.SID,
		Name: event, Context: x.ctx, TransitionedFrom: st.Name(), TransitionedTo: to, Type: st.Type(),
		DateCreated: now, DateUpdated: now, Detail: detail, Branch: branch,
	}
	if x.parentStep != "" {
		ps := x.parentStep
		step.ParentStepSID = &ps
	}
	for e := x; e != nil; e = e.parent {
		e.Steps = append(e.Steps, step)
	}
	x.DateUpdated = now
	r.emit(Event{Kind: EventStep, Widget: st.Name(), Step: step})
}

func (r *run) end(kind, reason string) { r.endAt("", kind, reason) }

// endAt ends the execution; widget, when set, is the widget whose error
// ended it.
func (r *run) endAt(widget, kind, reason string) {
	x := r.x
	if x.Ended != nil {
		return
	}
	x.Status = StatusEnded
	x.Ended = &Ending{Kind: kind, Reason: reason, Widget: widget}
	x.Waiting = nil
	x.child = nil
	x.DateUpdated = r.rt.now()
	r.emit(Event{Kind: EventEnd, Ending: x.Ended})
}

// resume delivers in to the widget x waits in.
func (r *run) resume(x *Execution, in Input) error {
	r.x = x
	if x.Ended != nil {
		return fmt.Errorf("execution %s has ended (%s)", x.SID, x.Ended.Reason)
	}
	if x.Waiting == nil {
		return ErrNotWaiting
	}
	st := x.flow.State(x.at)
	if x.child != nil {
		return r.resumeSubflow(st, in)
	}
	o, err := r.accept(st, x.Waiting, in)
	if err != nil {
		return fmt.Errorf("%s is waiting at %s: %w", x.SID, x.at, err)
	}
	if o.keepWaiting {
		return nil
	}
	x.Waiting, x.at = nil, ""
	for p := x.parent; p != nil; p = p.parent {
		p.Waiting = nil
	}
	r.enter(r.exit(st, o))
	return nil
}

// unexpected describes an input a wait cannot take.
func unexpected(w *Wait, in Input) error {
	want := map[WaitKind]string{
		WaitGather:  "key presses, speech, silence or a hangup",
		WaitRecord:  "a recording (speech or keys), silence or a hangup",
		WaitReply:   "a reply message or silence",
		WaitOutcome: "an outcome: one of " + strings.Join(w.Choices, ", "),
	}[w.Kind]
	return fmt.Errorf("it takes %s, not %s", want, in.Kind)
}
