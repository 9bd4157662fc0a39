package schemas

import "github.com/studioflow/studioflow/model"

// mergedPlan evaluates a node whose $ref and allOf lead to more nodes that
// all apply to the same value (a transition: its event's definition, which
// is NextLink and a const on event) in one pass over the object's members:
// the property schemas of every such node that has no
// additionalProperties are merged by name, so each member is looked up
// once, and each node's other keywords are checked as they are.
type mergedPlan struct {
	// conjuncts are the node and every node its $ref and allOf lead to,
	// each once; ownMembers[i] says conjunct i checks its member keywords
	// itself (it has additionalProperties, or too many properties).
	conjuncts  []*fastSchema
	ownMembers []bool
	// typed are the conjuncts whose own keywords (their members aside)
	// are a "type" alone, taken out of conjuncts: one type test each, not
	// a walk of every keyword.
	typed []*fastSchema

	props []mergedProp
	// names finds props by name; index when names could not be built.
	names nameTable
	index map[string]int
	// requiredMask has bit k when props[k] is required; requiredOther are
	// required names no conjunct describes.
	requiredMask  uint64
	requiredOther []string
	hasMembers    bool
}

// mergedProp is one property name and every conjunct's schema for it.
type mergedProp struct {
	name    string
	schemas []*fastSchema
}

// planMerge sets n's merged plan (after plan has run on every node), when
// n has $ref or allOf beside other keywords and every conjunct can be
// evaluated here.
func (n *fastSchema) planMerge() {
	n.merged = nil
	if n.kind != kindGeneral || (n.ref == nil && len(n.allOf) == 0) {
		return
	}
	if p := newMergedPlan(n); p != nil {
		n.merged, n.kind = p, kindMerged
	}
}

func newMergedPlan(n *fastSchema) *mergedPlan {
	var conjuncts []*fastSchema
	seen := map[*fastSchema]bool{}
	var add func(c *fastSchema) bool
	add = func(c *fastSchema) bool {
		switch {
		case c == nil || seen[c]:
			return true
		case c.deferred || c.always != nil:
			return false
		}
		seen[c] = true
		conjuncts = append(conjuncts, c)
		if !add(c.ref) {
			return false
		}
		for _, a := range c.allOf {
			if !add(a) {
				return false
			}
		}
		return true
	}
	if !add(n) || len(conjuncts) < 2 {
		return nil
	}
	p := &mergedPlan{conjuncts: conjuncts, ownMembers: make([]bool, len(conjuncts)), index: map[string]int{}}
	var required []string
	for i, c := range conjuncts {
		switch {
		case c.noMemberKeywords:
			continue
		case !c.maskable || c.noAdditional || c.additional != nil:
			p.ownMembers[i] = true
			continue
		}
		for _, prop := range c.properties {
			k, ok := p.index[prop.name]
			if !ok {
				k = len(p.props)
				p.index[prop.name] = k
				p.props = append(p.props, mergedProp{name: prop.name})
			}
			p.props[k].schemas = append(p.props[k].schemas, prop.schema)
		}
		required = append(required, c.required...)
	}
	if len(p.props) > 64 {
		return nil
	}
	p.splitTyped()
	for _, r := range required {
		if k, ok := p.index[r]; ok {
			p.requiredMask |= 1 << k
		} else if !containsString(p.requiredOther, r) {
			p.requiredOther = append(p.requiredOther, r)
		}
	}
	if len(p.props) > 0 {
		names := make([]string, len(p.props))
		for i, prop := range p.props {
			names[i] = prop.name
		}
		p.names, _ = newNameTable(names)
	}
	p.hasMembers = len(p.props) > 0 || len(p.requiredOther) > 0
	return p
}

func containsString(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

// splitTyped moves the conjuncts that check no keyword of their own but a
// type (and members, which the plan checks) from conjuncts to typed, and
// drops those that check nothing at all.
func (p *mergedPlan) splitTyped() {
	var kept []*fastSchema
	var own []bool
	for i, c := range p.conjuncts {
		switch {
		case p.ownMembers[i] || !c.typeAloneOwn():
			kept, own = append(kept, c), append(own, p.ownMembers[i])
		case c.types != 0:
			p.typed = append(p.typed, c)
		}
	}
	p.conjuncts, p.ownMembers = kept, own
}

// typeAloneOwn reports that validOwn(v, false) checks nothing of n but its
// type: no value keyword, const, enum or applicator.
func (n *fastSchema) typeAloneOwn() bool {
	return !n.deferred && n.always == nil && len(n.consts) == 0 && len(n.enum) == 0 &&
		n.minProperties == -1 && n.maxProperties == -1 &&
		n.minItems == -1 && n.maxItems == -1 && n.items == nil && n.tuple == nil &&
		!n.noAdditionalItems && n.additionalItems == nil &&
		n.minLength == -1 && n.maxLength == -1 && n.pattern == nil &&
		n.minimum == nil && n.maximum == nil && n.exclusiveMinimum == nil && n.exclusiveMaximum == nil &&
		n.not == nil && len(n.anyOf) == 0 && len(n.oneOf) == 0 && n.ifThen == nil
}

// valid is fastSchema.valid for a model value.
func (p *mergedPlan) valid(v any) bool {
	if len(p.typed) > 0 {
		m := modelTypeOf(v)
		for _, c := range p.typed {
			if !c.admitsTypeOf(v, m) {
				return false
			}
		}
	}
	for i, c := range p.conjuncts {
		if !c.validOwn(v, p.ownMembers[i]) {
			return false
		}
	}
	if o, ok := v.(*model.Object); ok && p.hasMembers {
		return p.validMembers(o)
	}
	return true
}

// validMembers checks the merged properties in one pass over the members
// (last to first: a repeated key counts once, with its last value).
func (p *mergedPlan) validMembers(o *model.Object) bool {
	var seen uint64
	for i := o.Len() - 1; i >= 0; i-- {
		m := o.MemberAt(i)
		k, ok := p.find(m.Key)
		if !ok {
			continue
		}
		bit := uint64(1) << k
		if seen&bit != 0 {
			continue
		}
		seen |= bit
		for _, s := range p.props[k].schemas {
			if !s.valid(m.Value) {
				return false
			}
		}
	}
	if seen&p.requiredMask != p.requiredMask {
		return false
	}
	for _, r := range p.requiredOther {
		if !o.Has(r) {
			return false
		}
	}
	return true
}

func (p *mergedPlan) find(key string) (int, bool) {
	if p.names.slots == nil {
		k, ok := p.index[key]
		return k, ok
	}
	i := p.names.candidate(key)
	if i < 0 || !sameKey(p.props[i].name, key) {
		return 0, false
	}
	return i, true
}
