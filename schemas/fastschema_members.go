package schemas

import "github.com/studioflow/studioflow/model"

// The fast schema evaluator on objects: properties in one pass over the
// members, and the pins that let anyOf and oneOf pass over branches.

// validMembers is validObject's property checks in one pass over the
// object's members (last to first: a repeated key counts once, with its
// last value, as in model.ToGeneric), finding each property's schema by
// name and ticking off required ones in a bit mask.
func (n *fastSchema) validMembers(o *model.Object) bool {
	var seen uint64
	for i := o.Len() - 1; i >= 0; i-- {
		m := o.MemberAt(i)
		if k, ok := n.find(m.Key); ok {
			bit := uint64(1) << k
			if seen&bit != 0 {
				continue
			}
			seen |= bit
			if !n.properties[k].schema.valid(m.Value) {
				return false
			}
			continue
		}
		if !n.noAdditional && n.additional == nil {
			continue
		}
		if n.noAdditional {
			return false
		}
		if repeatedLater(o, i) {
			continue
		}
		if !n.additional.valid(m.Value) {
			return false
		}
	}
	if seen&n.requiredMask != n.requiredMask {
		return false
	}
	for _, r := range n.requiredOther {
		if !o.Has(r) {
			return false
		}
	}
	return true
}

// repeatedLater reports whether the key of o's i-th member appears again
// after it.
func repeatedLater(o *model.Object, i int) bool {
	key := o.MemberAt(i).Key
	for j := i + 1; j < o.Len(); j++ {
		if o.MemberAt(j).Key == key {
			return true
		}
	}
	return false
}

// pinsOf finds n's pins (see fastSchema.pins).
func pinsOf(n *fastSchema, depth int) []pin {
	if n == nil || n.deferred || n.always != nil || depth > 8 {
		return nil
	}
	var out []pin
	for _, p := range n.properties {
		ps := p.schema
		if ps == nil || ps.deferred || len(ps.consts) == 0 {
			continue
		}
		if value, ok := ps.consts[0].(string); ok {
			out = append(out, pin{p.name, value})
		}
	}
	out = append(out, pinsOf(n.ref, depth+1)...)
	for _, a := range n.allOf {
		out = append(out, pinsOf(a, depth+1)...)
	}
	return out
}

// excludes reports whether v is an object that holds, where n pins a
// string, something else: then n cannot accept v.
func (n *fastSchema) excludes(v any) bool {
	if len(n.pins) == 0 {
		return false
	}
	o, ok := v.(*model.Object)
	if !ok {
		return false
	}
	for _, p := range n.pins {
		if got, there := o.Get(p.key); there {
			if s, isString := got.(string); !isString || s != p.value {
				return true
			}
		}
	}
	return false
}
