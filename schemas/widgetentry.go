package schemas

import (
	"fmt"
	"slices"
	"strings"

	"github.com/studioflow/studioflow/model"
)

// CallState is what is known of a live call where a widget runs.
type CallState int

// Call states. CallUnknown is only ever the validator's: a subflow shares
// its parent's call, whichever that is.
const (
	CallUnknown CallState = iota
	CallLive
	CallNone
)

// Entry is how the execution a widget runs in started, as far as the
// widget cares.
type Entry struct {
	// Trigger is the trigger event that started the execution
	// ("incomingMessage", …; "incomingParent" in a subflow).
	Trigger string
	// Call says whether there is a live call: the execution started with
	// one (incomingCall, or a parent's), or a Make Outgoing Call was answered.
	Call CallState
	// InSubflow is true in a subflow's execution.
	InSubflow bool
}

// Refusal is why a widget cannot run where it is reached.
type Refusal struct {
	// Event is the event the widget takes; "" when the step fails the
	// whole execution.
	Event   string
	Message string
}

// NeedsCall reports whether a widget of this type with these properties
// acts on a live call. Connect Virtual Agent's needs depend on its channel
// property (voice unless it says conversations).
func (w WidgetType) NeedsCall(props *model.Object) bool { return w.needsCall(props) }

func (w *WidgetType) needsCall(props *model.Object) bool {
	if w.channelProperty != "" {
		if v, ok := props.String(w.channelProperty); ok && v != "" && v != string(VoiceChannel) {
			return false
		}
		return true
	}
	return w.Channel == VoiceChannel
}

// Refuses reports why a widget of this type cannot run in an execution that
// entered it as e, if it cannot.
func (w WidgetType) Refuses(props *model.Object, e Entry) (Refusal, bool) {
	k := w.refusal(props, e)
	if k == runs {
		return Refusal{}, false
	}
	return w.refusalWords(k, e), true
}

// refusalKind is a reason Refuses gives, before it is worded.
type refusalKind int

const (
	runs refusalKind = iota
	refusedNoCall
	refusedNestedSubflow
)

// event is the event the widget takes when refused ("" fails the whole
// execution): a nested subflow takes the failure event of the type that
// runs subflows (Run Subflow's), which the validator's rules ask for
// without a type at hand; refusalWords gives the refused type's own.
func (k refusalKind) event() string {
	if k == refusedNestedSubflow {
		return subflowFailure
	}
	return ""
}

// subflowFailure is the failure event of the type in widgetTable that runs
// subflows, read once.
var subflowFailure = func() string {
	for i := range widgetTable {
		w := WidgetType{WidgetEntry: widgetTable[i]}
		if w.runsSubflow {
			name, _ := w.FailureEvent()
			return name
		}
	}
	return ""
}()

func (w *WidgetType) refusal(props *model.Object, e Entry) refusalKind {
	if e.Call == CallNone && w.needsCall(props) {
		return refusedNoCall
	}
	if e.InSubflow && w.runsSubflow {
		return refusedNestedSubflow
	}
	return runs
}

func (w *WidgetType) refusalWords(k refusalKind, e Entry) Refusal {
	if k == refusedNoCall {
		return Refusal{Message: fmt.Sprintf("%s acts on a call, but an execution started by %s has no call to act on; reach it from Incoming Call or after a Make Outgoing Call's Answered", w.Title, EntryLabel(e.Trigger))}
	}
	fail, _ := w.FailureEvent()
	return Refusal{Event: fail, Message: "a subflow cannot run another subflow (Studio allows one level), so the widget takes " + fail}
}

// EntryLabel is the Trigger port's label for a trigger event ("Incoming
// Message"), or the event itself when it is not one.
func EntryLabel(event string) string {
	for _, e := range triggerEvents() {
		if e.Name == event {
			return e.Label
		}
	}
	return event
}

// EntryChannel is the channel of the executions a trigger event starts
// (voice for incomingCall, messaging for a message or a conversation), any
// for the other trigger events and for an event that is not one.
func EntryChannel(event string) Channel {
	for _, e := range triggerEvents() {
		if e.Name == event && e.Starts != "" {
			return e.Starts
		}
	}
	return AnyChannel
}

func triggerEvents() []Event {
	for _, e := range widgetTable {
		if e.Type == model.TriggerType {
			return e.events
		}
	}
	return nil
}

// AnswersCall reports whether a widget of this type has put a live call in
// the execution when it takes event (Make Outgoing Call's answered).
func (w WidgetType) AnswersCall(event string) bool { return w.answersCall(event) }

func (w *WidgetType) answersCall(event string) bool { return slices.Contains(w.answers, event) }

// Dials returns the property holding the number a widget of this type
// dials, for types that place or connect a call.
func (w WidgetType) Dials() (property string, ok bool) { return w.dials, w.dials != "" }

// RunsSubflow reports whether a widget of this type runs another flow as
// a subflow (Run Subflow), which Studio refuses inside a subflow.
func (w WidgetType) RunsSubflow() bool { return w.runsSubflow }

// QueuesCall reports whether a widget of this type puts the caller on hold
// in a queue until an agent takes the call (Enqueue Call, Send To Flex).
func (w WidgetType) QueuesCall() bool { return w.queuesCall }

// CallsHTTP reports whether a widget of this type makes an HTTP request
// itself (Make HTTP Request, Run Function), so a canned response can stand
// in for it.
func (w WidgetType) CallsHTTP() bool { return w.http != noHTTP }

// CallsFunction reports whether a widget of this type calls a Twilio
// Function (Run Function): it POSTs its parameters as a form, whatever else
// its properties say, and being a Twilio product like the others, its
// outcome may be chosen instead. Make HTTP Request sends what its method,
// content_type and body say.
func (w WidgetType) CallsFunction() bool { return w.http == functionCall }

// SucceedsOnAcceptance reports whether a widget of this type has done its
// work once Twilio accepts what it hands over (Send Message: sent means
// queued for delivery), so its success event is the outcome to expect
// without asking anyone.
func (w WidgetType) SucceedsOnAcceptance() bool { return w.succeedsOnAcceptance }

// TestsConditions reports whether each of a widget's transitions but its
// first (noMatch) carries conditions tested against the widget's input, the
// first that holds being taken (Split Based On).
func (w WidgetType) TestsConditions() bool { return w.testsConditions }

// ConditionEvent returns, for a type that tests conditions, the event each
// of its conditions rides on: the repeatable event, one transition per
// condition (Split Based On's match). ok is false for every other type.
func (w WidgetType) ConditionEvent() (name string, ok bool) {
	return w.conditionEvents(true)
}

// UnmatchedEvent returns, for a type that tests conditions, the event
// taken when none of them holds: its event that is not repeatable (Split
// Based On's noMatch). ok is false for every other type.
func (w WidgetType) UnmatchedEvent() (name string, ok bool) {
	return w.conditionEvents(false)
}

func (w *WidgetType) conditionEvents(repeatable bool) (string, bool) {
	if !w.testsConditions {
		return "", false
	}
	for _, e := range w.events {
		if e.Repeatable == repeatable {
			return e.Name, true
		}
	}
	return "", false
}

// CallEndedEvent returns the event a widget of this type takes when the
// call it acts on ends under it, the caller hanging up (the voice types'
// hangup). ok is false for a type that has none.
func (w WidgetType) CallEndedEvent() (name string, ok bool) {
	for _, e := range w.events {
		if e.CallEnded {
			return e.Name, true
		}
	}
	return "", false
}

// EndsCall reports whether event is the one a widget of this type takes
// when its call ends (CallEndedEvent).
func (w WidgetType) EndsCall(event string) bool {
	e, ok := w.event(event)
	return ok && e.CallEnded
}

// CallEndedEvent returns the event a widget takes when the caller hangs
// up, whatever its type: the commons' Hangup transition's (hangup). A type
// the catalog does not know, or whose events are open (the legacy types),
// may take it too; a known type takes it only when it lists it
// (CallEndedEventOf).
func (c *Catalog) CallEndedEvent() string { return hangupEv().Name }

// CallEndedEventOf returns the event a widget of type typ takes when its
// call ends: the type's own (WidgetType.CallEndedEvent), or the catalog's
// for a type it does not know or whose events are open. ok is false for a
// known type that has none.
func (c *Catalog) CallEndedEventOf(typ string) (name string, ok bool) {
	if w, known := c.knownClosed(typ); known {
		return w.CallEndedEvent()
	}
	return c.CallEndedEvent(), true
}

// EndsCall reports whether a widget of type typ taking event ends its call:
// the type's call-ended event (WidgetType.EndsCall), or the catalog's for a
// type it does not know or whose events are open. A hangup on a voice call
// ends the call whatever the widget.
func (c *Catalog) EndsCall(typ, event string) bool {
	if w, known := c.knownClosed(typ); known {
		return w.EndsCall(event)
	}
	return event == c.CallEndedEvent()
}

// knownClosed is typ's entry when the catalog knows it and knows its
// events. A nil catalog knows no type.
func (c *Catalog) knownClosed(typ string) (*WidgetType, bool) {
	if c == nil {
		return nil, false
	}
	w, ok := c.typeOf(typ)
	return w, ok && !w.OpenEvents
}

// PropertyRole is what a property holds, where that matters beyond its
// schema's type.
type PropertyRole int

// Property roles.
const (
	// PlainProperty: nothing beyond what the schema says.
	PlainProperty PropertyRole = iota
	// FlowVariables: a list of {key, value, type} entries, each setting
	// flow.variables.KEY (Set Variables' variables).
	FlowVariables
	// SubflowSID: the SID of the flow the widget runs, taken as written
	// (Run Subflow's flow_sid).
	SubflowSID
	// TestedValue: the value the widget's conditions are tested against
	// (Split Based On's input).
	TestedValue
)

// InputKind is a kind of input a contact gives a widget that waits on them.
type InputKind int

// Input kinds.
const (
	// KeysPressed: digits pressed on the phone's keypad.
	KeysPressed InputKind = iota + 1
	// WordsSpoken: what the caller says, as speech recognition hears it.
	WordsSpoken
	// MessageReply: the text of a message the contact sends back.
	MessageReply
	// NoInput: nothing; the wait's timeout elapses first.
	NoInput
)

// ContactInput is one way the contact answers a widget: the kind of input,
// the event it makes the widget take, and the output that holds it.
type ContactInput struct {
	Kind   InputKind
	Event  string // "keypress"
	Output string // "Digits", below widgets.NAME
}

// ContactInputs lists what the contact can give a widget of this type
// while it waits on them (Gather's keys and speech, Send & Wait's reply):
// its events that answer an input (Event.Answers) other than NoInput.
func (w WidgetType) ContactInputs() []ContactInput {
	var out []ContactInput
	for _, e := range w.events {
		if e.Answers != 0 && e.Answers != NoInput {
			out = append(out, ContactInput{Kind: e.Answers, Event: e.Name, Output: e.Holds})
		}
	}
	return out
}

// InputEvent returns the event a widget of this type takes when the
// contact gives it input of that kind while it waits on them (Gather's
// keypress for KeysPressed, its timeout for NoInput). ok is false when
// the type takes no such input.
func (w WidgetType) InputEvent(kind InputKind) (name string, ok bool) {
	for _, e := range w.events {
		if kind != 0 && e.Answers == kind {
			return e.Name, true
		}
	}
	return "", false
}

// FailureEvent returns the event a widget of this type takes when its work
// fails outright (Event.Fails): Send Message's failed, Send & Wait's
// deliveryFailure, Run Function's fail. ok is false for a type with none
// (Capture Payments fails in several ways, none of them marked) and for a
// type marking more than one, which has no single failure event.
func (w WidgetType) FailureEvent() (name string, ok bool) {
	e, ok := w.failure()
	return e.Name, ok
}

// failure is the type's one event marked Fails (FailureEvent).
func (w *WidgetType) failure() (Event, bool) {
	var found Event
	n := 0
	for _, e := range w.events {
		if e.Fails {
			found = e
			n++
		}
	}
	if n != 1 {
		return Event{}, false
	}
	return found, true
}

// bindRequirements gives the type's requirements that take its failure
// event that event (Requirement.bind). The table's list is not changed:
// the type gets its own.
func (w *WidgetType) bindRequirements() error {
	if len(w.requires) == 0 {
		return nil
	}
	fail, ok := w.failure()
	bound := make([]Requirement, len(w.requires))
	for i, r := range w.requires {
		b, err := r.bind(fail, ok)
		if err != nil {
			return err
		}
		bound[i] = b
	}
	w.requires = bound
	return nil
}

// Role says what the named property of this type holds.
func (w WidgetType) Role(property string) PropertyRole { return w.roles[property] }

// PropertyWithRole returns the property of this type that plays the role.
func (w WidgetType) PropertyWithRole(role PropertyRole) (property string, ok bool) {
	for name, r := range w.roles {
		if r == role {
			return name, true
		}
	}
	return "", false
}

// Requirements lists what a widget of this type needs when it runs (see
// Requirement).
func (w WidgetType) Requirements() []Requirement { return w.requires }

// CheckRequirements runs every requirement of the type on v.
func (w WidgetType) CheckRequirements(v Values) []Unmet { return w.checkRequirements(v) }

func (w *WidgetType) checkRequirements(v Values) []Unmet {
	var out []Unmet
	for i := range w.requires {
		r := &w.requires[i] // not copied: most hold
		for _, f := range r.check(v) {
			out = append(out, Unmet{Requirement: *r, Finding: f})
		}
	}
	return out
}

// Unmet is a requirement a widget does not meet, and how.
type Unmet struct {
	Requirement
	Finding
}

// staticValues are a widget's properties before running: text holding
// Liquid is unknown.
type staticValues struct {
	props *model.Object
	find  func(flowSID string) error
}

func (s staticValues) Get(key string) (any, bool) { return s.props.Get(key) }

func (s staticValues) Render(text string) (string, bool) { return text, !hasLiquid(text) }

func (s staticValues) FindSubflow(flowSID string) (bool, error) {
	if s.find == nil {
		return false, nil
	}
	return true, s.find(flowSID)
}

// describeEntries joins trigger labels: "Incoming Message or REST API".
func describeEntries(events []string) string {
	labels := make([]string, len(events))
	for i, e := range events {
		labels[i] = EntryLabel(e)
	}
	if len(labels) < 2 {
		return strings.Join(labels, "")
	}
	return strings.Join(labels[:len(labels)-1], ", ") + " or " + labels[len(labels)-1]
}

// Outputs lists the widgets.NAME.* fields the type documents, dotted below
// the widget ("Digits", "inbound.Body", "parsed").
func (w WidgetType) Outputs() []string { return slices.Clone(w.outputs) }
