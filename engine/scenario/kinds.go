package scenario

import (
	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/engine/coverage"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
)

// widgetKinds tells the generator what a widget's type does, from its
// catalog entry and from the engine that runs it; the generator never
// names a widget type.
type widgetKinds struct {
	cat *schemas.Catalog
	rt  *engine.Runtime // asked what an outcome may pick, never run
	// types holds each catalog entry once: the search asks about widgets
	// many times and Lookup copies the entry each time.
	types map[string]schemas.WidgetType
}

func newWidgetKinds(cat *schemas.Catalog) widgetKinds {
	types := map[string]schemas.WidgetType{}
	for _, w := range cat.Types() {
		types[w.Type] = w
	}
	return widgetKinds{cat: cat, rt: engine.New(engine.Config{Catalog: cat}), types: types}
}

// of is the widget's catalog entry (the zero WidgetType for a type the
// catalog does not know).
func (k widgetKinds) of(st *model.State) schemas.WidgetType {
	return k.types[st.Type()]
}

func (k widgetKinds) callsHTTP(st *model.State) bool { return k.of(st).CallsHTTP() }

// chooses reports whether a scenario's outcomes may pick the widget's event
// (the engine refuses the rest before the run starts, which the search
// records as the reason).
func (k widgetKinds) chooses(st *model.State) bool { return k.rt.OutcomeChoosable(st.Type()) }

// product reports whether the widget's outputs are a scenario's to choose
// with its outcome: its result comes from outside, and not from an HTTP
// request (a canned response stands in) or a subflow (which runs).
func (k widgetKinds) product(st *model.State) bool {
	w := k.of(st)
	return k.rt.OutcomePicksAny(st.Type()) && !w.CallsHTTP() && !w.RunsSubflow()
}

// inputOn returns what the contact gives the widget to make it take event.
func (k widgetKinds) inputOn(st *model.State, event string) (schemas.InputKind, bool) {
	for _, in := range k.of(st).ContactInputs() {
		if in.Event == event {
			return in.Kind, true
		}
	}
	return 0, false
}

// unheardSpeech reports whether b is a branch the widget takes on spoken
// words while nothing is connected to it: the widget then does not listen
// for speech (the engine turns recognition on only when it leads
// somewhere), so no run can take it.
func (k widgetKinds) unheardSpeech(st *model.State, b coverage.Branch) bool {
	kind, ok := k.inputOn(st, b.Event)
	return ok && kind == schemas.WordsSpoken && b.Next == ""
}

// inputIn returns what the contact gave the widget that its output holds.
func (k widgetKinds) inputIn(st *model.State, output string) (schemas.InputKind, bool) {
	for _, in := range k.of(st).ContactInputs() {
		if in.Output == output {
			return in.Kind, true
		}
	}
	return 0, false
}

// inputSlot is the kind of slot of what the contact gives.
func inputSlot(kind schemas.InputKind) string {
	switch kind {
	case schemas.KeysPressed:
		return "press"
	case schemas.WordsSpoken:
		return "speech"
	case schemas.MessageReply:
		return "reply"
	}
	return ""
}
