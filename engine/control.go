package engine

import (
	"fmt"
	"maps"
	"strconv"
	"strings"

	"github.com/studioflow/studioflow/engine/split"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas/liquid"
)

// splitBasedOn follows the first match transition whose conditions all hold
// (several conditions on one transition are ANDed), else noMatch: the
// catalog's condition and unmatched events.
func splitBasedOn(r *run, st *model.State, p props) outcome {
	w := r.rt.types[st.Type()].w
	match, _ := w.ConditionEvent()
	noMatch, _ := w.UnmatchedEvent()
	input := p.str("input")
	for i, t := range st.Transitions() {
		if t.Event != match || len(t.Conditions) == 0 {
			continue
		}
		ok, err := r.conditionsHold(input, t.Conditions)
		if err != nil {
			return outcome{err: err}
		}
		if ok {
			return outcome{event: match, transition: &t, branch: i + 1}
		}
	}
	return outcome{event: noMatch}
}

func (r *run) conditionsHold(input string, conditions []any) (bool, error) {
	for i, c := range conditions {
		obj, ok := c.(*model.Object)
		if !ok {
			return false, fmt.Errorf("condition %d is not an object", i+1)
		}
		cp := props{obj}
		subject := input
		if args, _ := cp.get("arguments"); args != nil {
			if list, ok := args.([]any); ok && len(list) > 0 {
				subject = text(plain(list[0]))
			}
		}
		left, err := r.render(subject)
		if err != nil {
			return false, fmt.Errorf("condition %q, input: %w", cp.str("friendly_name"), err)
		}
		right, err := r.render(cp.str("value"))
		if err != nil {
			return false, fmt.Errorf("condition %q, value: %w", cp.str("friendly_name"), err)
		}
		holds, err := split.Match(cp.str("type"), left, right)
		if err != nil {
			return false, fmt.Errorf("condition %q: %w", cp.str("friendly_name"), err)
		}
		if !holds {
			return false, nil
		}
	}
	return true, nil
}

// setVariables renders each value into flow.variables.KEY.
//
// "Variables get set at the end of a Step" (Studio's step docs): every
// pair renders with the variables as they were when the widget was
// entered, and all are set together once they have, so a pair does not see
// another pair of the same widget (a later pair of one key wins).
func setVariables(r *run, st *model.State, p props) outcome {
	type set struct {
		key   string
		value any
	}
	var sets []set
	for _, v := range p.pairs("variables") {
		if v.Key == "" {
			return outcome{err: fmt.Errorf("a variable has no key")}
		}
		rendered, err := r.render(v.Value)
		if err != nil {
			return outcome{err: fmt.Errorf("variable %s: %w", v.Key, err)}
		}
		value, err := variableValue(rendered, v.Type)
		if err != nil {
			return outcome{err: fmt.Errorf("variable %s: %w", v.Key, err)}
		}
		sets = append(sets, set{v.Key, value})
	}
	for _, s := range sets {
		r.x.ctx = withPath(r.x.ctx, s.value, "flow", "variables", s.key)
	}
	return outcome{event: r.successEvent(st)}
}

// variableValue turns a rendered value into what Studio stores. Studio keeps
// what the template renders, whitespace included: its Set Variables tip
// says a tag without hyphens leaves blank lines around the value, "which
// would cause the integer to be treated as a string", and help article
// 4413699936411 says a variable "will be numeric if you do not enclose it in
// quotation marks". So the rule is: a value that is exactly a number, with
// nothing around it (no space, newline or quotation mark), is stored as a
// number; anything else is stored as the text rendered, unchanged.
// "Exactly a number" is an optional minus, digits without a leading zero
// and, for a decimal, a fraction not ending in 0 (so the number prints back
// as the same text: 1.50 and 007 stay text, as does +15551234567). A whole
// number of any size is one (12345678901234567890 is kept exactly).
// With "Parse as JSON" (type json) the JSON value itself is stored.
func variableValue(rendered, typ string) (any, error) {
	if strings.EqualFold(typ, "json") || strings.EqualFold(typ, "object") {
		s := strings.TrimSpace(rendered)
		v, err := decodeJSON(s)
		if err != nil {
			return nil, fmt.Errorf("value %q is not JSON: %w", s, err)
		}
		return v, nil
	}
	if n, ok := numericValue(rendered); ok {
		return n, nil
	}
	return rendered, nil
}

// numericValue reads s as a number when it is exactly one, printed as the
// engine prints that number (see variableValue).
func numericValue(s string) (any, bool) {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && strconv.FormatInt(n, 10) == s {
		return n, true
	}
	if n, ok := liquid.ParseInteger(s); ok && text(n) == s { // past int64, kept exactly
		return n, true
	}
	if !strings.Contains(s, ".") {
		return nil, false
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && text(f) == s && !strings.ContainsAny(s, "eE+") {
		return f, true
	}
	return nil, false
}

// runSubflow runs another flow as a child execution; its flow.variables come
// back as widgets.NAME.*. A subflow that cannot run takes the widget's
// failure event.
func runSubflow(r *run, st *model.State, p props) outcome {
	x := r.x
	flowSID := p.str("flow_sid")
	failed := r.failureEvent(st)
	if x.parent != nil {
		return outcome{event: failed, detail: "a subflow cannot run another subflow (Studio allows one level)"}
	}
	if r.rt.cfg.Subflows == nil {
		return outcome{event: failed, detail: fmt.Sprintf("no subflows are available to find flow %s", flowSID)}
	}
	sub, err := r.rt.cfg.Subflows(flowSID)
	if err != nil || sub == nil {
		return outcome{event: failed, detail: fmt.Sprintf("subflow %s: %v", flowSID, err)}
	}
	params := map[string]any{}
	for _, v := range p.pairs("parameters") {
		rendered, err := r.render(v.Value)
		if err != nil {
			return outcome{err: fmt.Errorf("parameter %s: %w", v.Key, err)}
		}
		if strings.EqualFold(v.Type, "json") || strings.EqualFold(v.Type, "object") {
			value, err := variableValue(rendered, v.Type)
			if err != nil {
				return outcome{err: fmt.Errorf("parameter %s: %w", v.Key, err)}
			}
			params[v.Key] = value
		} else {
			params[v.Key] = rendered
		}
	}
	stepSID := r.rt.sid("FT")
	opts := *x.opts
	opts.FlowSID = flowSID
	contact := x.ContactChannelAddress
	flowAddr := text(lookup(x.ctx, "flow", "channel", "address"))
	child := r.rt.newExecution(sub, Trigger{
		Event: TriggerParent, From: contact, To: flowAddr, Parameters: params,
		Fields: map[string]any{"step_sid": stepSID, "execution_sid": x.SID, "flow_sid": x.FlowSID, "trigger_type": x.TriggerEvent},
	}, &opts, x.stepCount)
	// The parent's trigger data is copied into the subflow (trigger.call, …).
	trig := maps.Clone(lookup(child.ctx, "trigger").(map[string]any))
	for k, v := range lookup(x.ctx, "trigger").(map[string]any) {
		if _, taken := trig[k]; !taken {
			trig[k] = v
		}
	}
	child.ctx = withPath(child.ctx, trig, "trigger")
	child.parent, child.parentStep = x, stepSID
	child.callOver = x.callOver
	x.nextStepSID = stepSID

	cr := &run{rt: r.rt, sink: r.sink, deadline: r.deadline}
	cr.begin(child)
	if child.Waiting != nil {
		x.child = child
		return outcome{wait: child.Waiting, waitChild: true}
	}
	return r.subflowResult(st, child)
}

// subflowResult is what st, the run-subflow widget, takes once its child
// ended: its success event with the subflow's variables when it completed,
// else its failure event.
func (r *run) subflowResult(st *model.State, child *Execution) outcome {
	r.x.callOver = child.callOver
	if child.Ended != nil && child.Ended.Kind == EndCompleted {
		return outcome{event: r.successEvent(st), outputs: maps.Clone(child.Variables()), detail: "subflow: " + child.Ended.Reason}
	}
	reason := "the subflow did not end"
	if child.Ended != nil {
		reason = child.Ended.Reason
	}
	return outcome{event: r.failureEvent(st), detail: "subflow: " + reason}
}

// resumeSubflow passes an input to the waiting subflow and, once it ends,
// continues the parent from its run-subflow widget.
func (r *run) resumeSubflow(st *model.State, in Input) error {
	x := r.x
	child := x.child
	cr := &run{rt: r.rt, sink: r.sink, deadline: r.deadline}
	if err := cr.resume(child, in); err != nil {
		return err
	}
	if child.Waiting != nil {
		return nil
	}
	x.child, x.Waiting, x.at = nil, nil, ""
	r.enter(r.exit(st, r.subflowResult(st, child)))
	return nil
}
