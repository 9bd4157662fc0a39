package schemas

import (
	"strings"
	"sync"

	"github.com/studioflow/studioflow/model"
)

// Whether a value a template reads is there when its widget runs: one
// judgement for the validator's reference rule and the inspector's
// provenance marks, so that what the inspector warns about, the Problems
// bar reports, and both say it the same way. The engine is the measure:
// it fills widgets.X when X has run, flow.variables.X when a Set Variables
// setting X has ended, flow.data only for a REST API execution, and
// trigger.NS for the event that started the execution (a subflow also gets
// its parent's trigger data, whatever it was).

// refScope is what judging a reference needs of the flow around it.
type refScope struct {
	flow *model.Flow
	// leadsTo reports whether a path of at least one transition leads from
	// widget a to widget b.
	leadsTo func(a, b int) bool
	// facts are the flow's Set Variables and trigger wiring.
	facts *refFacts
}

// refVerdict is whether a reference reads a value where it is used, or
// why it reads nothing.
type refVerdict uint8

const (
	refSound          refVerdict = iota
	refNoWidget                  // widgets.X: no widget is named X
	refOwnOutputs                // widgets.X inside X, which no path leads back to
	refWidgetNotFirst            // widgets.X: no path leads from X here
	refNoSetter                  // flow.variables.X: no Set Variables sets X
	refSetterNotFirst            // flow.variables.X: none that sets X runs before
	refNoEvent                   // trigger…, flow.data: no trigger event filling it leads here
	// Verdicts other findings already cover (the validator reports them
	// there, not once per reference):
	refNoTrigger  // trigger…, flow.data: the flow has no trigger
	refNotStarted // no trigger event leads here at all
)

// reported says whether the validator reports v at the reference.
func (v refVerdict) reported() bool { return v != refSound && v != refNoTrigger && v != refNotStarted }

// judge says whether r, used in widget at (-1: anywhere), reads a value.
// selfOK says whether widget at, when it sets the variable r reads, counts
// as setting it before: a Set Variables pair may read the old value of the
// variable it sets itself (the counter idiom), and a pair reading what an
// earlier pair of its widget sets is the same-step rule's to report
// (rules_variables.go).
func (sc refScope) judge(r Reference, at int, selfOK bool) refVerdict {
	v := sc.judgeReached(r, at, selfOK)
	if v.reported() && at >= 0 && !sc.started(at) {
		return refNotStarted // the unreachable finding covers the widget
	}
	return v
}

// started reports whether an execution can reach widget at: a trigger
// event leads to it (true when the flow has no trigger, whose own finding
// covers every widget).
func (sc refScope) started(at int) bool {
	starts := sc.facts.triggerStarts()
	if starts == nil {
		return true
	}
	for _, j := range starts {
		if j >= 0 && (j == at || sc.leadsTo(j, at)) {
			return true
		}
	}
	return false
}

// judgeReached is judge for a widget some execution reaches.
func (sc refScope) judgeReached(r Reference, at int, selfOK bool) refVerdict {
	f := sc.flow
	switch r.Kind {
	case RefWidget:
		switch idx := f.IndexOf(r.Name); {
		case idx < 0:
			return refNoWidget
		case at < 0 || sc.leadsTo(idx, at):
			return refSound
		case idx == at:
			return refOwnOutputs
		default:
			return refWidgetNotFirst
		}
	case RefVariable:
		// Most references are sound: look for a setter before at first,
		// and tell the two findings apart only when there is none.
		setters := sc.facts.setters()
		for _, c := range setters {
			if (at < 0 || (c == at && selfOK) || sc.leadsTo(c, at)) && sc.facts.sets(c, r.Name) {
				return refSound
			}
		}
		for _, c := range setters {
			if sc.facts.sets(c, r.Name) {
				return refSetterNotFirst
			}
		}
		return refNoSetter
	case RefData, RefTrigger:
		if r.Kind == RefTrigger && r.Name == "" {
			return refSound // the trigger object itself
		}
		starts := sc.facts.triggerStarts()
		if starts == nil {
			return refNoTrigger
		}
		leadsHere := func(j int) bool { return j >= 0 && (at < 0 || j == at || sc.leadsTo(j, at)) }
		first, parent := fillingEvent(r)
		if (first >= 0 && leadsHere(starts[first])) || (parent && leadsHere(starts[parentEvent])) {
			return refSound
		}
		for _, j := range starts {
			if leadsHere(j) {
				return refNoEvent
			}
		}
		return refNotStarted
	}
	return refSound
}

// parentEvent is the place of incomingParent in triggerNamespaces.
const parentEvent = 4

// fillingEvent says which trigger event's executions fill what r reads
// (its place in triggerNamespaces, -1 for none), and whether a subflow's
// (incomingParent) do too: a subflow gets its parent's trigger data.
func fillingEvent(r Reference) (event int, parent bool) {
	name := r.Name
	if r.Kind == RefData {
		name = "request"
	}
	for k, t := range triggerNamespaces {
		if t.namespace == name {
			return k, r.Kind == RefTrigger
		}
	}
	return -1, false
}

// subject is what r reads, as a builder writes it: widgets.menu,
// flow.variables.lang, flow.data, trigger.message.
func (r Reference) subject() string {
	prefix, name := r.subjectParts()
	return prefix + name
}

// readsTrigger reports whether r reads what the trigger fills (trigger…,
// flow.data): Studio's own defaults read such values, which are empty by
// design outside the channel they serve.
func (r Reference) readsTrigger() bool { return r.Kind == RefTrigger || r.Kind == RefData }

// sameSubject reports whether r and o read the same value as far as the
// reference rule can tell (flow.data is one, whatever its key).
func (r Reference) sameSubject(o Reference) bool {
	return r.Kind == o.Kind && (r.Kind == RefData || r.Name == o.Name)
}

// subjectParts is subject in two parts, for messages to join in one
// allocation.
func (r Reference) subjectParts() (prefix, name string) {
	switch r.Kind {
	case RefWidget:
		return "widgets.", r.Name
	case RefVariable:
		return "flow.variables.", r.Name
	case RefData:
		return "flow.data", ""
	}
	if r.Name == "" {
		return "trigger", ""
	}
	return "trigger.", r.Name
}

// message is the validator's finding on r, in field.
func (v refVerdict) message(cat *Catalog, field string, r Reference) string {
	prefix, name := r.subjectParts()
	return field + " refers to " + prefix + name + ", but " + v.reason(cat, r)
}

// reason says why r reads nothing ("" when it is sound), about the widget
// using it ("this widget").
func (v refVerdict) reason(cat *Catalog, r Reference) string {
	switch v {
	case refNoWidget:
		return "no widget has that name, so it will be empty"
	case refOwnOutputs:
		return "that is this widget's own output, which is not set yet when it runs (no path leads back to it)"
	case refWidgetNotFirst:
		return "no path leads from " + r.Name + " to this widget, so it will be empty here"
	case refNoSetter:
		return "no Set Variables widget sets " + r.Name + ", so it will be empty"
	case refSetterNotFirst:
		return "no Set Variables widget that sets " + r.Name + " runs before this widget, so it will be empty here"
	case refNoTrigger:
		return "the flow has no trigger, so it will be empty"
	case refNotStarted:
		return "no path from the Trigger leads to this widget, so nothing starts here"
	case refNoEvent:
		event, parent := fillingEvent(r)
		if event < 0 {
			return "no trigger event fills " + r.subject() + " (Studio fills " + triggerSubjects() + "), so it will be empty"
		}
		what := cat.eventLabel("trigger", triggerNamespaces[event].event)
		if parent && event != parentEvent {
			what += " (or its " + cat.eventLabel("trigger", triggerNamespaces[parentEvent].event) + ", from a parent flow)"
		}
		return "only executions started by the trigger's " + what + " fill it, and no path from there leads to this widget, so it will be empty here"
	}
	return ""
}

// triggerSubjects lists the trigger namespaces Studio fills, for people.
func triggerSubjects() string {
	names := make([]string, len(triggerNamespaces))
	for i, t := range triggerNamespaces {
		names[i] = "trigger." + t.namespace
	}
	return strings.Join(names, ", ")
}

// refFacts finds, once and on first use, the widgets that can set flow
// variables and those the trigger's events lead to: a validation that
// reads no flow.variables or trigger data never pays for them. Safe for
// concurrent use.
type refFacts struct {
	flow  *model.Flow
	props []typeProperty // the types that set flow variables, and where

	settersOnce sync.Once
	// setterList lists them: given (a graph's, kept while the graph is;
	// types change only with it) or found on first use.
	setterList func() []int
	settersAre []int

	startsOnce sync.Once
	starts     []int // by triggerNamespaces' order: the widget the event leads to, -1 for none
}

// newRefFacts makes the facts of f; setters, when not nil, lists the
// widgets whose type sets flow variables (see flowShape.setters).
func newRefFacts(f *model.Flow, props []typeProperty, setters func() []int) *refFacts {
	return &refFacts{flow: f, props: props, setterList: setters}
}

// setters lists, in flow order, the widgets whose type sets flow variables.
func (s *refFacts) setters() []int {
	s.settersOnce.Do(func() {
		if s.setterList != nil {
			s.settersAre = s.setterList()
			return
		}
		s.settersAre = variableSetters(s.flow, s.props)
	})
	return s.settersAre
}

// sets reports whether widget i, one of setters, sets flow variable key.
func (s *refFacts) sets(i int, key string) bool {
	st := s.flow.StateAt(i)
	for _, p := range s.props {
		if p.w.Type == st.Type() && setsVariable(st, p.key, key) {
			return true
		}
	}
	return false
}

// variableSetters lists, in flow order, the widgets of f whose type sets
// flow variables (props).
func variableSetters(f *model.Flow, props []typeProperty) []int {
	var out []int
	for i := 0; i < f.Len(); i++ {
		typ := f.StateAt(i).Type()
		for _, p := range props {
			if p.w.Type == typ {
				out = append(out, i)
				break
			}
		}
	}
	return out
}

// triggerStarts is, for each event of triggerNamespaces, the widget the
// trigger's transition leads to (-1 for none); nil when there is no trigger.
func (s *refFacts) triggerStarts() []int {
	s.startsOnce.Do(func() {
		trig := s.flow.Trigger()
		if trig == nil {
			return
		}
		s.starts = make([]int, len(triggerNamespaces))
		for k, t := range triggerNamespaces {
			s.starts[k] = -1
			if next, _ := trig.Next(t.event); next != "" {
				s.starts[k] = s.flow.IndexOf(next)
			}
		}
	})
	return s.starts
}

// variableKeys lists the keys of the {key, value} list st holds in prop,
// in order ("" for an item without one).
func variableKeys(st *model.State, prop string) []string {
	var keys []string
	eachVariableKey(st, prop, func(k string) { keys = append(keys, k) })
	return keys
}

// eachVariableKey calls fn with each key of the {key, value} list st holds
// in prop, in order ("" for an item without one).
func eachVariableKey(st *model.State, prop string, fn func(key string)) {
	v, _ := st.Property(prop)
	list, _ := v.([]any)
	for _, item := range list {
		pair, _ := item.(*model.Object)
		key, _ := pair.String("key")
		fn(key)
	}
}

// setsVariable reports whether the {key, value} list st holds in prop sets
// key.
func setsVariable(st *model.State, prop, key string) bool {
	v, _ := st.Property(prop)
	list, _ := v.([]any)
	for _, item := range list {
		pair, _ := item.(*model.Object)
		if k, _ := pair.String("key"); k == key {
			return true
		}
	}
	return false
}
