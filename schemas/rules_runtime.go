package schemas

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/studioflow/studioflow/model"
)

// The rules that report, before running, what would make the engine fail a
// step: each widget type's requirements (widgetrules.go) on the values as
// written, and what its catalog entry refuses (a call it needs, a subflow
// inside a subflow) on every path from each of the Trigger's entry points.

// WithSubflows returns a validator that also checks that every Run Subflow
// widget's flow_sid names a flow find can find (find returns why not).
// Without one, only an empty or computed flow_sid is reported.
func (v *Validator) WithSubflows(find func(flowSID string) error) *Validator {
	c := *v
	c.findSubflow = find
	// Its findings depend on more than each widget's JSON: remembered apart.
	c.content = newContentCache()
	return &c
}

// requirementRules reports each unmet requirement of the widget's type on
// its properties as written. An error when the execution fails there; a
// warning when the widget takes its failure event (Failed, Fail, Delivery
// Failure), which the flow may handle, and which Twilio accepts publishing
// (the Studio REST API checks only the schemas). A requirement on a value
// the schema already faults is not repeated.
func (v *Validator) requirementRules(sc *widgetScratch, w *WidgetType, s *model.State, base string, out []Diagnostic, start int) []Diagnostic {
	if w == nil || len(w.requires) == 0 {
		return out
	}
	sc.values = staticValues{props: s.Properties(), find: v.findSubflow}
	unmet := w.checkRequirements(&sc.values) // a pointer: no copy to box
	for _, u := range unmet {
		p := base + "/properties" + u.Path
		if schemaFaults(out[start:], p) {
			continue
		}
		sev := Error
		if u.Event != "" {
			sev = Warning
		}
		out = append(out, Diagnostic{Severity: sev, Widget: s.Name(), Path: p, Rule: RuleRequirement, Message: u.Message})
	}
	return out
}

func schemaFaults(diags []Diagnostic, path string) bool {
	for _, d := range diags {
		if d.Rule == RuleSchema && (d.Path == path || strings.HasPrefix(path, d.Path+"/")) {
			return true
		}
	}
	return false
}

// reachState is a widget reached from one entry point with what is known
// of the call there.
type reachState struct {
	widget int
	call   CallState
}

// entryRules follows every path from each entry point the Trigger wires,
// knowing whether a call is live (the execution started with one, or a Make
// Outgoing Call was answered on the way), and reports every widget its type
// refuses to run there. An error when no entry point can run it and the
// execution fails there; a warning when some entry point can (the failing
// path may never be taken) or when the widget only takes its failure event
// (a subflow inside a subflow takes Failed). It also reports
// transitions back to the Trigger, which fail the execution.
func (v *Validator) entryRules(f *model.Flow, g graph, trigger int, out []Diagnostic) []Diagnostic {
	for i := 0; i < f.Len(); i++ {
		s := f.StateAt(i)
		for j, k := range g.targets[i] {
			if int(k) == trigger {
				out = append(out, Diagnostic{Severity: Error, Widget: s.Name(), Path: statePath(i) + "/transitions/" + strconv.Itoa(j) + "/next", Rule: RuleTrigger,
					Message: fmt.Sprintf("transition %d leads back to the Trigger; an execution enters the Trigger only from the event that starts it, so the execution fails here", j+1)})
			}
		}
	}
	// refused is a reason a widget cannot run, and the entry points that
	// reach it so; worded once all are known.
	type refused struct {
		from  []string
		kind  refusalKind
		entry Entry
		w     *WidgetType
	}
	var refusals [][]*refused // made at the first refusal: most flows have none
	runsAt := make([]bool, f.Len())
	scratch := &reachScratch{}
	if g.scratch != nil {
		scratch = &g.scratch.reach
	}
	t := f.StateAt(trigger)
	for j := 0; j < t.TransitionCount(); j++ {
		tr := t.Transition(j)
		first := int(g.targets[trigger][j])
		if first < 0 || first == trigger {
			continue
		}
		e := entryOf(tr.Event)
		for _, at := range v.reachFrom(f, g, reachState{first, e.Call}, scratch) {
			s := f.StateAt(at.widget)
			w := g.typeAt(v.cat, f, at.widget)
			if w == nil {
				continue
			}
			e.Call = at.call
			k := w.refusal(s.Properties(), e)
			if k == runs {
				runsAt[at.widget] = true
				continue
			}
			if refusals == nil {
				refusals = make([][]*refused, f.Len())
			}
			found := false
			for _, seen := range refusals[at.widget] {
				if seen.kind.event() == k.event() {
					if !slices.Contains(seen.from, tr.Event) {
						seen.from = append(seen.from, tr.Event)
					}
					found = true
				}
			}
			if !found {
				refusals[at.widget] = append(refusals[at.widget], &refused{from: []string{tr.Event}, kind: k, entry: e, w: w})
			}
		}
	}
	for i := range refusals {
		for _, r := range refusals[i] {
			sev := Error
			if runsAt[i] || r.kind.event() != "" {
				sev = Warning
			}
			e := r.entry
			if len(r.from) > 1 { // the same words, naming every entry point
				e.Trigger = describeEntries(r.from)
			}
			msg := r.w.refusalWords(r.kind, e).Message
			if runsAt[i] {
				msg += "; other entry points reach it with what it needs, so only executions started that way fail"
			}
			out = append(out, Diagnostic{Severity: sev, Widget: f.StateAt(i).Name(), Path: statePath(i), Rule: RuleEntry, Message: msg})
		}
	}
	return out
}

// entryOf is what a widget knows when the Trigger's event is the one that
// started the execution.
func entryOf(event string) Entry {
	switch event {
	case "incomingCall":
		return Entry{Trigger: event, Call: CallLive}
	case "incomingParent":
		return Entry{Trigger: event, Call: CallUnknown, InSubflow: true}
	}
	return Entry{Trigger: event, Call: CallNone}
}

// reachFrom lists every (widget, call state) reachable from start: a Make
// Outgoing Call's answered event makes the call live for what follows.
func (v *Validator) reachFrom(f *model.Flow, g graph, start reachState, scratch *reachScratch) []reachState {
	scratch.seen = sized(scratch.seen, f.Len())
	seen := scratch.seen // a bit per call state
	mark := func(r reachState) bool {
		bit := uint8(1) << r.call
		if seen[r.widget]&bit != 0 {
			return false
		}
		seen[r.widget] |= bit
		return true
	}
	mark(start)
	if cap(scratch.stack) < f.Len() { // sized once: the search never grows them
		scratch.stack, scratch.out = make([]reachState, 0, f.Len()), make([]reachState, 0, f.Len())
	}
	stack := append(scratch.stack[:0], start)
	out := scratch.out[:0]
	defer func() { scratch.stack, scratch.out = stack, out }()
	for len(stack) > 0 {
		at := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		out = append(out, at)
		s := f.StateAt(at.widget)
		w := g.typeAt(v.cat, f, at.widget) // nil for an unknown type: it answers nothing
		for j, k := range g.targets[at.widget] {
			if k < 0 || f.StateAt(int(k)).IsTrigger() {
				continue
			}
			next := reachState{int(k), at.call}
			if w != nil && w.answersCall(s.Transition(j).Event) {
				next.call = CallLive
			}
			if mark(next) {
				stack = append(stack, next)
			}
		}
	}
	return out
}

// reachScratch is memory reachFrom reuses from one call to the next (its
// result is valid until the next call).
type reachScratch struct {
	seen       []uint8
	stack, out []reachState
}

// loopRules reports loops that never end: widgets whose type has a single
// event (Set Variables, Fork Stream), so they always follow it, leading
// round to each other. Studio stops such an execution (the same widget 10
// times in a row, or 1,000 steps), so it is an error. Reported once per
// loop, at the transition of its first widget in the flow.
func (v *Validator) loopRules(f *model.Flow, g graph, out []Diagnostic) []Diagnostic {
	only := func(i int) (next int, ok bool) {
		s := f.StateAt(i)
		w := g.typeAt(v.cat, f, i)
		if w == nil || w.OpenEvents || len(w.events) != 1 || s.TransitionCount() != 1 {
			return -1, false
		}
		if s.Transition(0).Event != w.events[0].Name {
			return -1, false
		}
		k := int(g.targets[i][0])
		return k, k >= 0
	}
	reported := make([]bool, f.Len())
	var chain []int
	for i := 0; i < f.Len(); i++ {
		if reported[i] {
			continue
		}
		chain = chain[:0]
		at, steps := i, 0
		for steps <= f.Len() {
			next, ok := only(at)
			if !ok {
				break
			}
			chain = append(chain, at)
			steps++
			at = next
			if at == i {
				names := make([]string, len(chain))
				for k, c := range chain {
					names[k] = f.StateAt(c).Name()
				}
				for _, n := range names {
					reported[f.IndexOf(n)] = true
				}
				loop := "itself"
				if len(names) > 1 {
					loop = strings.Join(names[1:], ", then ") + ", and back"
				}
				out = append(out, Diagnostic{Severity: Error, Widget: f.StateAt(i).Name(), Path: statePath(i) + "/transitions/0/next", Rule: RuleLoop,
					Message: fmt.Sprintf("this widget leads to %s with nothing that waits or decides in between, so the loop never ends; Studio stops the execution (the same widget 10 times in a row, or 1,000 steps)", loop)})
				break
			}
		}
	}
	return out
}
