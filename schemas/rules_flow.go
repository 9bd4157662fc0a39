package schemas

import (
	"fmt"
	"strconv"

	"github.com/studioflow/studioflow/model"
)

// flowSchema checks the top-level members against the flow schema. The
// states themselves are checked one by one against their own type's schema
// (see schemaRule), which is what the flow schema's if/then dispatch does.
func (v *Validator) flowSchema(f *model.Flow, out []Diagnostic) []Diagnostic {
	root := f.Root()
	for _, key := range v.flowRequired {
		if !root.Has(key) {
			out = append(out, Diagnostic{Severity: Error, Path: "/" + model.EscapeToken(key), Rule: RuleFlow,
				Message: fmt.Sprintf("the flow definition has no %q", key)})
		}
	}
	for _, fr := range v.flowFragments {
		val, ok := root.Get(fr.key)
		if !ok {
			continue
		}
		if fr.schema.fast.check(val) {
			continue
		}
		generic := model.ToGeneric(val)
		if err := fr.schema.slow.Validate(generic); err != nil {
			instance := map[string]any{fr.key: generic}
			for _, fd := range v.explain.explain(err, instance, "", "/"+model.EscapeToken(fr.key)) {
				out = append(out, Diagnostic{Severity: Error, Path: fd.loc, Rule: RuleFlow, Message: fd.message})
			}
		}
	}
	if f.Len() == 0 {
		out = append(out, Diagnostic{Severity: Error, Path: "/states", Rule: RuleFlow,
			Message: "the flow has no widgets; it needs at least its Trigger"})
	}
	return out
}

// flowRules are the Studio rules that need the whole flow.
func (v *Validator) flowRules(f *model.Flow, g graph, out []Diagnostic) []Diagnostic {
	g = g.withTypes(v.cat, f)
	trigger := -1
	for i := 0; i < f.Len(); i++ {
		s := f.StateAt(i)
		if !s.IsTrigger() {
			continue
		}
		if trigger < 0 {
			trigger = i
			continue
		}
		out = append(out, Diagnostic{Severity: Error, Widget: s.Name(), Path: statePath(i), Rule: RuleTrigger,
			Message: fmt.Sprintf("a flow has exactly one Trigger, and %q is already one; remove this one", f.StateAt(trigger).Name())})
	}
	if trigger < 0 && f.Len() > 0 {
		out = append(out, Diagnostic{Severity: Error, Path: "/states", Rule: RuleTrigger,
			Message: "the flow has no Trigger widget; every flow starts at exactly one Trigger"})
	}

	if init, ok := f.Root().Get("initial_state"); ok {
		if name, isString := init.(string); isString && name != "" {
			switch idx := f.IndexOf(name); {
			case idx < 0:
				out = append(out, Diagnostic{Severity: Error, Path: "/initial_state", Rule: RuleInitial,
					Message: fmt.Sprintf("initial_state names %q, but no widget has that name; it must name the Trigger", name)})
			case !f.StateAt(idx).IsTrigger():
				out = append(out, Diagnostic{Severity: Error, Path: "/initial_state", Rule: RuleInitial,
					Message: fmt.Sprintf("initial_state must name the Trigger, but %q is a %s widget", name, v.titleOf(f.StateAt(idx).Type()))})
			}
		}
	}
	out = v.subflowRules(f, g, out)
	out = v.loopRules(f, g, out)
	if trigger < 0 {
		return out
	}

	t := f.StateAt(trigger)
	connected := false
	for j := 0; j < t.TransitionCount(); j++ {
		if t.Transition(j).Next != "" {
			connected = true
		}
	}
	if !connected {
		out = append(out, Diagnostic{Severity: Warning, Widget: t.Name(), Path: statePath(trigger) + "/transitions", Rule: RuleTrigger,
			Message: "the Trigger is not connected to any widget, so the flow does nothing"})
	}

	out = v.entryRules(f, g, trigger, out)
	reached := g.reach(trigger)
	for i, ok := range reached {
		s := f.StateAt(i)
		if !ok && !s.IsTrigger() {
			out = append(out, Diagnostic{Severity: Warning, Widget: s.Name(), Path: statePath(i), Rule: RuleUnreachable,
				Message: "no path from the Trigger leads to this widget, so it never runs"})
		}
	}

	if f.AllowConcurrentCalls() {
		if next, ok := t.Next("incomingCall"); ok && next != "" {
			onCall := g.reach(f.IndexOf(next))
			for i, ok := range onCall {
				if s := f.StateAt(i); ok && v.channelOf(s.Type()) == MessagingChannel {
					out = append(out, Diagnostic{Severity: Error, Widget: s.Name(), Path: statePath(i), Rule: RuleCallReply,
						Message: v.titleOf(s.Type()) + " is reachable from the Trigger's Incoming Call while the flow allows concurrent calls, which Studio does not allow; route calls around it or set flags.allow_concurrent_calls to false"})
				}
			}
		}
	}
	return out
}

func (v *Validator) titleOf(typ string) string {
	if w, ok := v.cat.typeOf(typ); ok {
		return w.Title
	}
	return strconv.Quote(typ)
}

// channelOf is the channel a widget type works in ("" when unknown).
func (v *Validator) channelOf(typ string) Channel {
	if w, ok := v.cat.typeOf(typ); ok {
		return w.Channel
	}
	return ""
}

// Studio's limits on subflows (docs:subflows): at most 150 Run Subflow
// widgets and 50 distinct subflows in a flow, and every widget that runs one
// subflow runs the same revision of it.
const (
	maxSubflowWidgets  = 150
	maxDistinctSubflow = 50
)

func (v *Validator) subflowRules(f *model.Flow, g graph, out []Diagnostic) []Diagnostic {
	count := 0
	firstRevision := map[string]int{} // flow_sid → first widget running it
	for i := 0; i < f.Len(); i++ {
		if w := g.typeAt(v.cat, f, i); w == nil || !w.runsSubflow {
			continue
		}
		s := f.StateAt(i)
		count++
		sid := s.StringProperty("flow_sid")
		if sid == "" {
			continue
		}
		first, seen := firstRevision[sid]
		if !seen {
			firstRevision[sid] = i
			continue
		}
		if rev, firstRev := s.StringProperty("flow_revision"), f.StateAt(first).StringProperty("flow_revision"); rev != firstRev {
			out = append(out, Diagnostic{Severity: Error, Widget: s.Name(), Path: statePath(i) + "/properties/flow_revision", Rule: RuleSubflows,
				Message: fmt.Sprintf("this widget runs revision %q of subflow %s, but %q runs revision %q; every widget must run the same revision of one subflow", rev, sid, f.StateAt(first).Name(), firstRev)})
		}
	}
	if count > maxSubflowWidgets {
		out = append(out, Diagnostic{Severity: Error, Path: "/states", Rule: RuleSubflows,
			Message: fmt.Sprintf("the flow has %d Run Subflow widgets, but Studio allows at most %d", count, maxSubflowWidgets)})
	}
	if len(firstRevision) > maxDistinctSubflow {
		out = append(out, Diagnostic{Severity: Error, Path: "/states", Rule: RuleSubflows,
			Message: fmt.Sprintf("the flow runs %d different subflows, but Studio allows at most %d", len(firstRevision), maxDistinctSubflow)})
	}
	return out
}
