package engine

import (
	"fmt"
	"slices"
	"strings"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
)

// widgetFacts is what the engine reads from the catalog about one widget
// type, indexed once per Runtime so a step costs a map lookup, not a copy.
type widgetFacts struct {
	events  []string // in Studio's order, the success event first
	success string   // "" when the type has none
	failure string   // its outright failure; "" when the type has none
	open    bool     // nothing is known about its events: any name is accepted
	w       schemas.WidgetType
}

func indexCatalog(c *schemas.Catalog) map[string]widgetFacts {
	types := c.Types()
	out := make(map[string]widgetFacts, len(types))
	for _, w := range types {
		f := widgetFacts{open: w.OpenEvents, w: w}
		for _, e := range w.Events() {
			f.events = append(f.events, e.Name)
		}
		f.success, _ = w.SuccessEvent()
		f.failure, _ = w.FailureEvent()
		out[w.Type] = f
	}
	return out
}

// widgetEvents lists the events st can take: its type's events from the
// catalog, then, for a type whose events are open or unknown, the events its
// own transitions name. known is false when the catalog lacks the type.
func (rt *Runtime) widgetEvents(st *model.State) (events []string, known bool) {
	f, known := rt.types[st.Type()]
	events = slices.Clone(f.events)
	if known && !f.open {
		return events, true
	}
	for _, e := range transitionEvents(st) {
		if !slices.Contains(events, e) {
			events = append(events, e)
		}
	}
	return events, known
}

// defaultEvent is the event st takes when the caller chose none: its type's
// success event or, for a known type whose events are open (the legacy
// types), the first event its transitions name. "" for a type the catalog
// does not know: nothing says which of its events would be the success.
func (rt *Runtime) defaultEvent(st *model.State) string {
	f, known := rt.types[st.Type()]
	switch {
	case f.success != "":
		return f.success
	case known:
		if evs := transitionEvents(st); len(evs) > 0 {
			return evs[0]
		}
	}
	return ""
}

// successEvent, failureEvent and inputEvent are st's events as its type's
// catalog entry names them: the one taken when all goes well, the one
// taken when its work fails outright, and the one the contact's input of
// that kind makes a waiting widget take (Gather's keypress for keys
// pressed, its timeout for none). "" when the type has no such event.
func (r *run) successEvent(st *model.State) string { return r.rt.types[st.Type()].success }

func (r *run) failureEvent(st *model.State) string { return r.rt.types[st.Type()].failure }

func (r *run) inputEvent(st *model.State, kind schemas.InputKind) string {
	event, _ := r.rt.types[st.Type()].w.InputEvent(kind)
	return event
}

// checkEvent refuses an event the widget's type does not have. Types whose
// events are open or unknown accept any event.
func (rt *Runtime) checkEvent(st *model.State, event string) error {
	f, known := rt.types[st.Type()]
	if !known || f.open || slices.Contains(f.events, event) {
		return nil
	}
	return fmt.Errorf("%q is not an event of %s (a %s widget); choose one of: %s", event, st.Name(), st.Type(), strings.Join(f.events, ", "))
}

// checkChoosable refuses a caller's Outcome for a widget whose events the
// engine decides itself (say-play, gather, split, …), and an event a widget
// does not let the caller pick (send-and-wait's reply comes from the input):
// an Outcome is never accepted and then ignored.
func (rt *Runtime) checkChoosable(st *model.State, event string) error {
	switch rt.behaviourOf(st.Type()).chooses {
	case choosesNone:
		return fmt.Errorf("%s (a %s widget) runs in the simulator itself: its event comes from the flow and the contact's input, not from an outcome", st.Name(), st.Type())
	case choosesAny:
		return nil
	}
	unanswered := rt.unansweredEvents(st.Type())
	if slices.Contains(unanswered, event) {
		return nil
	}
	return fmt.Errorf("an outcome for %s (a %s widget) may only be %s; the rest comes from the contact's input", st.Name(), st.Type(), strings.Join(unanswered, " or "))
}

// unansweredEvents are the events of a widget type waiting on the contact
// that their input does not decide (choosesUnanswered): its failure event,
// then the one it takes when no input comes.
func (rt *Runtime) unansweredEvents(widgetType string) []string {
	f := rt.types[widgetType]
	var out []string
	if f.failure != "" {
		out = append(out, f.failure)
	}
	if none, ok := f.w.InputEvent(schemas.NoInput); ok {
		out = append(out, none)
	}
	return out
}

// OutcomeChoosable reports whether a caller's Outcome may pick an event of
// a widget of this type; false for the types the engine runs itself, whose
// events come from the flow and the contact's input (checkChoosable).
func (rt *Runtime) OutcomeChoosable(widgetType string) bool {
	return rt.behaviourOf(widgetType).chooses != choosesNone
}

// OutcomePicksAny reports whether a caller's Outcome may pick any event of
// a widget of this type, not just one of a few. It is true for the types
// whose result comes from outside the flow (other products, an HTTP
// request, a message sent) and for the types the catalog does not know.
func (rt *Runtime) OutcomePicksAny(widgetType string) bool {
	return rt.behaviourOf(widgetType).chooses == choosesAny
}

// onCall reports whether the execution has a live call for voice widgets to
// act on: it was started by a call (a subflow inherits its parent's
// trigger.call), or a make-outgoing-call widget's call was answered.
func (r *run) onCall() bool {
	if _, ok := lookup(r.x.ctx, "trigger", "call").(map[string]any); ok {
		return true
	}
	for x := r.x; x != nil; x = x.parent {
		if x.outgoing != nil {
			return true
		}
	}
	return false
}
