package schemas

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/studioflow/studioflow/model"
)

// typeRule: a widget's type must be there; unknown, end-of-life and legacy
// types are kept, with a warning. w is the catalog's entry for the
// widget's type, nil when there is none.
func (v *Validator) typeRule(s *model.State, w *WidgetType, base string, out []Diagnostic) []Diagnostic {
	if w != nil && w.Maturity != EndOfLife && w.Maturity != Legacy {
		return out // a known type: the widget has one, as text
	}
	tv, has := s.Raw().Get("type")
	typ, isString := tv.(string)
	diag := func(sev Severity, msg string) []Diagnostic {
		return append(out, Diagnostic{Severity: sev, Widget: s.Name(), Path: base + "/type", Rule: RuleType, Message: msg})
	}
	switch {
	case !has:
		return diag(Error, `the widget has no "type"`)
	case !isString:
		return diag(Error, "type must be text, but it is "+describeValue(model.ToGeneric(tv)))
	case typ == "":
		return diag(Error, "type cannot be empty")
	}
	switch known := w != nil; {
	case !known:
		return diag(Warning, fmt.Sprintf("%q is not a widget type Studio or Studioflow knows; the widget is kept as it is, but its settings and events cannot be checked", typ))
	case w.Maturity == EndOfLife:
		return diag(Warning, fmt.Sprintf("%s has reached end of life: Twilio retired it, so executions that reach it may fail; replace it", w.Title))
	case w.Maturity == Legacy && w.OpenEvents:
		return diag(Warning, fmt.Sprintf("%s is a legacy widget Studio no longer offers and nothing public describes; it is kept as it is, but its settings cannot be checked", w.Title))
	case w.Maturity == Legacy:
		return diag(Warning, fmt.Sprintf("%s is a legacy widget Studio no longer offers; it is kept as it is", w.Title))
	}
	return out
}

// schemaRule validates the widget against its own type's schema: the
// branch of the flow schema's if/then dispatch that applies to it.
func (v *Validator) schemaRule(s *model.State, base string, out []Diagnostic) []Diagnostic {
	w, _ := v.cat.typeOf(s.Type())
	return v.schemaRuleOf(w, s, base, out)
}

// schemaRuleOf is schemaRule for a widget of type w (nil when unknown).
func (v *Validator) schemaRuleOf(w *WidgetType, s *model.State, base string, out []Diagnostic) []Diagnostic {
	if w != nil {
		_, fast, err := w.compiled.get()
		if err != nil {
			return append(out, Diagnostic{Severity: Error, Widget: s.Name(), Path: base, Rule: RuleSchema,
				Message: fmt.Sprintf("this %s widget cannot be checked: %v", s.Type(), err)})
		}
		if fast.check(schemaView(s.Raw())) {
			return out
		}
	}
	instance, err := v.validateAgainstType(s)
	if err != nil {
		for _, fd := range v.explain.explain(err, instance, s.Type(), "") {
			sev, msg := Error, fd.message
			if warning, ok := studioTolerates(s, fd); ok {
				sev, msg = Warning, warning
			}
			out = append(out, Diagnostic{Severity: sev, Widget: s.Name(), Path: base + fd.loc, Rule: RuleSchema, Message: msg})
		}
	}
	return out
}

// validateAgainstType validates a widget of a known type against that
// type's schema; it returns the instance it validated.
func (v *Validator) validateAgainstType(s *model.State) (map[string]any, error) {
	w, ok := v.cat.typeOf(s.Type())
	if !ok {
		return nil, nil
	}
	compiled, _, err := w.compiled.get()
	if err != nil {
		return nil, err
	}
	instance := schemaInstance(s)
	return instance, compiled.Validate(instance)
}

// nameRule: present, well formed, unique.
func (v *Validator) nameRule(f *model.Flow, s *model.State, i int, base string, out []Diagnostic) []Diagnostic {
	nv, has := s.Raw().Get("name")
	name, isString := nv.(string)
	diag := func(msg string) []Diagnostic {
		return append(out, Diagnostic{Severity: Error, Widget: s.Name(), Path: base + "/name", Rule: RuleName, Message: msg})
	}
	switch {
	case !has:
		return diag(`the widget has no "name"`)
	case !isString:
		return diag("name must be text, but it is " + describeValue(model.ToGeneric(nv)))
	case name == "":
		return diag("name cannot be empty")
	}
	if err := model.ValidateName(name); err != nil {
		return diag(err.Error())
	}
	if f.NamesUnique() {
		return out
	}
	if first := f.IndexOf(name); first != i {
		return diag(fmt.Sprintf("another widget (number %d, a %s) is already named %q; widget names must be unique", first+1, v.titleOf(f.StateAt(first).Type()), name))
	}
	return out
}

// transitionRules: every next names a widget; events belong to the type and
// appear once (split's match excepted); split conditions are well formed.
func (v *Validator) transitionRules(ctx widgetContext, w *WidgetType, s *model.State, i int, base string, out []Diagnostic) []Diagnostic {
	known := w != nil
	tv, _ := s.Raw().Get("transitions")
	list, _ := tv.([]any)
	for j, item := range list {
		_, ok := item.(*model.Object)
		p := func() string { return base + "/transitions/" + strconv.Itoa(j) }
		if !ok {
			if !known {
				out = append(out, Diagnostic{Severity: Error, Widget: s.Name(), Path: p(), Rule: RuleEvent,
					Message: fmt.Sprintf("transition %d must be an object with an event, but it is %s", j+1, describeValue(model.ToGeneric(item)))})
			}
			continue
		}
		t := s.Transition(j) // obj's event and next as strings
		if next := t.Next; next != "" && ctx.target(i, j, next) == unknownTarget {
			out = append(out, Diagnostic{Severity: Error, Widget: s.Name(), Path: p() + "/next", Rule: RuleNext,
				Message: fmt.Sprintf("transition %d leads to %q, but no widget has that name", j+1, next)})
		}
		event := t.Event
		switch {
		case event == "":
			if !known {
				out = append(out, Diagnostic{Severity: Error, Widget: s.Name(), Path: p() + "/event", Rule: RuleEvent,
					Message: fmt.Sprintf("transition %d has no event", j+1)})
			}
		default:
			repeatable := false
			if known { // one look-up of the event for both questions
				e := w.eventNamed(event)
				if e == nil && !w.OpenEvents { // as !w.allowsEvent(event)
					names, _ := v.eventsOf(w.Type)
					out = append(out, Diagnostic{Severity: Error, Widget: s.Name(), Path: p() + "/event", Rule: RuleEvent,
						Message: eventNotAllowed(strconv.Quote(event), names)})
					continue
				}
				repeatable = e != nil && e.Repeatable
			}
			if first := firstWithEvent(s, j, event); first >= 0 && !repeatable {
				out = append(out, Diagnostic{Severity: Error, Widget: s.Name(), Path: p() + "/event", Rule: RuleEvent,
					Message: fmt.Sprintf("the event %q already has a transition (transition %d); a widget has one transition per event", event, first+1)})
			}
		}
	}
	return out
}

// firstWithEvent is the index of the first of s's transitions before the
// j-th with that event (not ""), -1 when none has it.
func firstWithEvent(s *model.State, j int, event string) int {
	for k := 0; k < j; k++ {
		if s.Transition(k).Event == event {
			return k
		}
	}
	return -1
}

// splitRules runs conditionRules on every transition of a split-based-on.
func (v *Validator) splitRules(w *WidgetType, s *model.State, base string, out []Diagnostic) []Diagnostic {
	if w == nil || !w.testsConditions {
		return out
	}
	tv, _ := s.Raw().Get("transitions")
	list, _ := tv.([]any)
	for j, item := range list {
		if obj, ok := item.(*model.Object); ok {
			event, _ := obj.String("event")
			out = v.conditionRules(s, obj, event, j, base, out)
		}
	}
	return out
}

// conditionRules checks a split-based-on transition's conditions against
// the official Condition definition (the schema itself never applies it:
// it names the array "condition", exports write "conditions").
func (v *Validator) conditionRules(s *model.State, t *model.Object, event string, j int, base string, out []Diagnostic) []Diagnostic {
	p := func() string { return base + "/transitions/" + strconv.Itoa(j) } // for a finding
	cv, hasConds := t.Get("conditions")
	if _, hasSingular := t.Get("condition"); hasSingular && !hasConds {
		out = append(out, Diagnostic{Severity: Warning, Widget: s.Name(), Path: p() + "/condition", Rule: RuleConditions,
			Message: `Studio reads "conditions" (plural); this "condition" list is ignored when the flow runs`})
	}
	list, isList := cv.([]any)
	switch {
	case hasConds && !isList:
		return append(out, Diagnostic{Severity: Error, Widget: s.Name(), Path: p() + "/conditions", Rule: RuleConditions,
			Message: fmt.Sprintf("the conditions of %s must be a list, but it is %s", transitionText(v.cat.stateNamer(s), j), describeValue(model.ToGeneric(cv)))})
	case event == "match" && len(list) == 0:
		return append(out, Diagnostic{Severity: Error, Widget: s.Name(), Path: p() + "/conditions", Rule: RuleConditions,
			Message: fmt.Sprintf("transition %d (Condition Matches) needs at least one condition", j+1)})
	}
	var instance map[string]any
	for k, c := range list {
		cp := func() string { return "/transitions/" + strconv.Itoa(j) + "/conditions/" + strconv.Itoa(k) } // for a finding
		if !v.condition.fast.check(c) {
			if err := v.condition.slow.Validate(model.ToGeneric(c)); err != nil {
				if instance == nil {
					instance = schemaInstance(s)
				}
				for _, fd := range v.explain.explain(err, instance, "", cp()) {
					out = append(out, Diagnostic{Severity: Error, Widget: s.Name(), Path: base + fd.loc, Rule: RuleConditions, Message: fd.message})
				}
			}
		}
		cond, _ := c.(*model.Object)
		if kind, _ := cond.String("type"); kind == "regex" {
			if pattern, _ := cond.String("value"); !hasLiquid(pattern) {
				if _, err := SplitRegex(pattern); err != nil {
					out = append(out, Diagnostic{Severity: Error, Widget: s.Name(), Path: base + cp() + "/value", Rule: RuleConditions,
						Message: fmt.Sprintf("the regular expression of condition %d of %s does not compile, so the execution fails when the split tests it: %v", k+1, transitionText(v.cat.stateNamer(s), j), err)})
				}
			}
		}
		av, _ := cond.Get("arguments")
		args, _ := av.([]any)
		for m, a := range args {
			if str, ok := a.(string); ok && strings.TrimSpace(str) == "" {
				out = append(out, Diagnostic{Severity: Error, Widget: s.Name(), Path: base + cp() + "/arguments/" + strconv.Itoa(m), Rule: RuleConditions,
					Message: fmt.Sprintf("argument %d of condition %d of %s is empty; it holds the value to test, such as {{widgets.gather_1.Digits}}", m+1, k+1, transitionText(v.cat.stateNamer(s), j))})
			}
		}
	}
	return out
}

// stringRules checks every string of the widget's properties and split
// conditions: Liquid syntax, and {{widgets.X}} references. The path to a
// string and the field's name are only written out for a finding.
func (v *Validator) stringRules(ctx widgetContext, wt *WidgetType, s *model.State, i int, base string, out []Diagnostic) []Diagnostic {
	var path []pathSeg
	if ctx.scratch != nil {
		path = ctx.scratch.paths[:0]
	}
	w := stringWalker{v: v, ctx: ctx, wt: wt, s: s, i: i, base: base, path: path, out: out}
	if props, ok := s.Raw().Get("properties"); ok {
		w.path = append(w.path, pathSeg{key: "properties", index: -1})
		w.visit(props)
		w.path = w.path[:0]
	}
	if wt != nil && wt.testsConditions {
		// A condition's argument holding the split's input text is read as
		// the input is: its findings are the input's, reported there (the
		// field the inspector shows), not once more per condition.
		w.mirror = s.StringProperty("input")
		for j := 0; j < s.TransitionCount(); j++ {
			conds := s.Transition(j).Conditions
			if len(conds) == 0 {
				continue
			}
			w.path = append(w.path[:0], pathSeg{key: "transitions", index: -1}, pathSeg{index: j}, pathSeg{key: "conditions", index: -1})
			w.visit(conds)
		}
	}
	if ctx.scratch != nil { // the path's memory, for the next widget
		ctx.scratch.paths = w.path[:0]
	}
	return w.out
}

// stringWalker visits the strings of one widget for stringRules.
type stringWalker struct {
	v   *Validator
	ctx widgetContext
	wt  *WidgetType // nil for a type the catalog does not know
	// mirror is a split's input: see stringRules.
	mirror string
	s      *model.State
	i      int
	base   string
	path   []pathSeg
	out    []Diagnostic
}

func (w *stringWalker) visit(val any) {
	switch t := val.(type) {
	case string:
		if strings.IndexByte(t, '{') < 0 { // no Liquid without one
			return
		}
		if t == w.mirror && len(w.path) == 6 && w.path[4].key == "arguments" {
			return
		}
		sc := w.ctx.scratch
		if sc != nil && sc.inert.has(t) {
			return
		}
		var inert bool
		w.out, inert = w.v.checkString(w.ctx, w.wt, w.s, w.i, w.base, w.path, t, w.out)
		if inert && sc != nil {
			sc.inert.add(t)
		}
	case *model.Object:
		for k := 0; k < t.Len(); k++ {
			m := t.MemberAt(k)
			if len(w.path) == 1 && m.Key == "offset" {
				continue
			}
			if len(w.path) == 4 && w.path[0].key == "transitions" && m.Key == "friendly_name" {
				continue // a condition's label: Studio shows it, never renders it
			}
			w.path = append(w.path, pathSeg{key: m.Key, index: -1})
			w.visit(m.Value)
			w.path = w.path[:len(w.path)-1]
		}
	case []any:
		for k, e := range t {
			w.path = append(w.path, pathSeg{index: k})
			w.visit(e)
			w.path = w.path[:len(w.path)-1]
		}
	}
}

// readsOwnSetting says whether the string at path, when it is the value of
// a Set Variables pair (properties/variables/K/value), reads variable key
// that its own pair or an earlier pair of the widget sets (see judge).
func (v *Validator) readsOwnSetting(wt *WidgetType, s *model.State, path []pathSeg, key string) bool {
	if len(path) != 4 || path[0].key != "properties" || path[1].index >= 0 || path[2].index < 0 || path[3].key != "value" {
		return false
	}
	for _, p := range v.variableProps {
		if p.w != wt || p.key != path[1].key {
			continue
		}
		val, _ := s.Properties().Get(p.key)
		list, _ := val.([]any)
		for _, item := range list[:min(path[2].index+1, len(list))] {
			pair, _ := item.(*model.Object)
			if k, _ := pair.String("key"); k == key {
				return true
			}
		}
	}
	return false
}

// isStudioDefault reports whether str is what Studio writes into a new
// widget of type w at path, a property of its own: the Chat defaults such
// as {{trigger.message.ChannelSid}}, which read nothing by design when
// another trigger event started the execution.
func (w *WidgetType) isStudioDefault(path []pathSeg, str string) bool {
	if w == nil || len(path) != 2 || path[0].key != "properties" || path[1].index >= 0 {
		return false
	}
	props, _ := w.defaults.Get("properties")
	o, _ := props.(*model.Object)
	def, ok := o.String(path[1].key)
	return ok && equalBarBlanks(def, str)
}

// equalBarBlanks reports whether a and b are the same text once their
// spaces and tabs are left out: "{{ a }}" and "{{a}}" read the same.
func equalBarBlanks(a, b string) bool {
	blank := func(c byte) bool { return c == ' ' || c == '\t' }
	i, j := 0, 0
	for {
		for i < len(a) && blank(a[i]) {
			i++
		}
		for j < len(b) && blank(b[j]) {
			j++
		}
		if i == len(a) || j == len(b) {
			return i == len(a) && j == len(b)
		}
		if a[i] != b[j] {
			return false
		}
		i, j = i+1, j+1
	}
}

// pathSeg is one step of a path inside a widget: an object key, or a list
// index (index >= 0).
type pathSeg struct {
	key   string
	index int
}

func (p pathSeg) text() string {
	if p.index >= 0 {
		return strconv.Itoa(p.index)
	}
	return p.key
}

// pointerOf writes a path as a JSON Pointer ("/properties/body").
func pointerOf(path []pathSeg) string {
	var b strings.Builder
	for _, p := range path {
		b.WriteByte('/')
		b.WriteString(model.EscapeToken(p.text()))
	}
	return b.String()
}

// checkString checks one string; inert reports that it has nothing to
// check or report wherever it stands (see inertStrings).
func (v *Validator) checkString(ctx widgetContext, wt *WidgetType, s *model.State, i int, base string, path []pathSeg, str string, out []Diagnostic) (_ []Diagnostic, inert bool) {
	var rel, field string // written on the first finding
	add := func(sev Severity, rule Rule, msg func(field string) string) {
		if rel == "" {
			rel = pointerOf(path)
			field = describeField(rel, v.cat.stateNamer(s))
		}
		out = append(out, Diagnostic{Severity: sev, Widget: s.Name(), Path: base + rel, Rule: rule, Message: msg(field)})
	}
	checkRefs := func(refs []Reference) {
		for k, r := range refs {
			if slices.ContainsFunc(refs[:k], r.sameSubject) {
				continue // one finding per value the string reads
			}
			selfOK := r.Kind == RefVariable && v.readsOwnSetting(wt, s, path, r.Name)
			if verdict := ctx.refs.judge(r, i, selfOK); verdict.reported() && !(r.readsTrigger() && wt.isStudioDefault(path, str)) {
				add(Warning, RuleReference, func(field string) string {
					return verdict.message(v.cat, field, r)
				})
			}
		}
	}
	report := func(text liquidText) {
		v.liquid.report(text.verdict, func(sev Severity, msg func(field string) string) { add(sev, RuleLiquid, msg) })
		checkRefs(text.refs)
	}
	sc := ctx.scratch
	if sc != nil && sc.scanned == nil {
		sc = nil // one widget's validation: nothing to remember
	}
	if sc != nil {
		if e := sc.scanned.find(str); e != nil { // read at another widget
			if e.parsed {
				report(e.text)
			} else {
				checkRefs(sc.refArena[e.from:e.to])
			}
			return out, false
		}
	}
	// Most strings hold only variable paths: nothing to parse, nothing
	// lenient or unclosed, and their references found in the same pass.
	var buf [8]Reference
	switch refs, kind := classifyLiquid(str, buf[:0]); kind {
	case plainText:
		return out, true
	case simpleOutput:
		checkRefs(refs)
		if len(refs) > 0 && sc != nil {
			from := len(sc.refArena)
			sc.refArena = append(sc.refArena, refs...)
			sc.scanned.put(str, scannedEntry{from: int32(from), to: int32(len(sc.refArena))})
		}
		return out, len(refs) == 0
	}
	text := v.liquid.text(str)
	report(text)
	inert = len(text.refs) == 0 && text.verdict.clean()
	if !inert && sc != nil {
		sc.scanned.put(str, scannedEntry{parsed: true, text: text})
	}
	return out, inert
}

// propertyQuirkRules: the offset every export carries (never referenced by
// the official schemas) and set-variables' variables (which the official
// schema means to check but does not, QUIRKS.md 4). Warnings only: Twilio's
// own validation would not reject these.
func (v *Validator) propertyQuirkRules(w *WidgetType, s *model.State, base string, out []Diagnostic) []Diagnostic {
	props := s.Properties()
	check := func(key string, rule Rule) {
		val, ok := props.Get(key)
		if !ok {
			return
		}
		schema := v.variables
		if rule == RuleOffset {
			schema = v.offset
		}
		if schema.fast.check(val) {
			return
		}
		generic := model.ToGeneric(val)
		err := schema.slow.Validate(generic)
		if err == nil {
			return
		}
		instance := map[string]any{"properties": map[string]any{key: generic}}
		for _, fd := range v.explain.explain(err, instance, "", "/properties/"+model.EscapeToken(key)) {
			out = append(out, Diagnostic{Severity: Warning, Widget: s.Name(), Path: base + fd.loc, Rule: rule, Message: fd.message})
		}
	}
	check("offset", RuleOffset)
	for _, p := range v.variableProps {
		if p.w == w {
			check(p.key, RuleVariables)
		}
	}
	return out
}
