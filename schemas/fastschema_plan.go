package schemas

import "github.com/studioflow/studioflow/model"

// Shortcuts the fast evaluator plans once per node, after the graph is
// built: nodes that only check a value's type or only stand for another
// node skip the general walk, and anyOf/oneOf branches that all pin one
// member (a transition's "event") are picked by that member's value
// instead of each being asked in turn.

// nodeKind is what a node's keywords let valid skip.
type nodeKind uint8

const (
	kindGeneral     nodeKind = iota
	kindTypes                // only "type": admitsTypeOf decides
	kindAlias                // only a $ref: the referred node decides
	kindMerged               // $ref or allOf beside other keywords: see mergedPlan
	kindRequired             // only "required": the names are looked up, no member walked
	kindString               // a string: "type" string, a string const or enum, lengths
	kindObject               // an object: "type" object and member keywords
	kindArray                // a list: "type" array, items and their count
	kindApplicators          // only not, anyOf, oneOf or if/then/else
)

// pinDispatch finds the branches of an anyOf or oneOf that can match an
// object by one member every branch pins: values[i] is what branch i
// needs at key.
type pinDispatch struct {
	key    string
	values []string
	// morePins[i]: branch i pins members besides key, so excludes has
	// more to check once its value at key matched.
	morePins []bool
}

// plan sets n's kind and its anyOf/oneOf dispatch (after pinsOf has run
// on every node).
func (n *fastSchema) plan() {
	n.kind = kindGeneral
	n.noMemberKeywords = len(n.properties) == 0 && len(n.required) == 0 && !n.noAdditional && n.additional == nil
	n.anyOfBy, n.oneOfBy = dispatchOf(n.anyOf), dispatchOf(n.oneOf)
	n.noApplicators = n.not == nil && len(n.anyOf) == 0 && len(n.oneOf) == 0 && n.ifThen == nil
	n.noInPlace = n.ref == nil && len(n.allOf) == 0
	if n.deferred || n.always != nil {
		return
	}
	if !n.noApplicators {
		// A transition's anyOf over its events.
		if n.noInPlace && n.types == 0 && len(n.consts) == 0 && len(n.enum) == 0 && n.noMemberKeywords && n.noValueKeywords() {
			n.kind = kindApplicators
		}
		return
	}
	if n.noInPlace && n.types == typeString && n.pattern == nil && n.stringChoices() {
		n.kind = kindString
		return
	}
	if n.noInPlace && n.types == typeObject && len(n.consts) == 0 && len(n.enum) == 0 &&
		!n.noMemberKeywords && n.maskable && n.minProperties == -1 && n.maxProperties == -1 {
		n.kind = kindObject
		return
	}
	if n.noInPlace && n.types == typeArray && len(n.consts) == 0 && len(n.enum) == 0 && n.tuple == nil {
		n.kind = kindArray // a widget's transitions
		return
	}
	if len(n.consts) > 0 || len(n.enum) > 0 || len(n.allOf) > 0 {
		return
	}
	if len(n.required) > 0 && n.ref == nil && n.types == 0 && n.requiredAlone() {
		// A oneOf's branches such as {"required": ["say"]}.
		n.kind = kindRequired
		return
	}
	if !n.noValueKeywords() {
		return
	}
	switch {
	case n.ref == nil && n.types != 0:
		n.kind = kindTypes
	case n.ref != nil && n.types == 0:
		n.kind = kindAlias
	}
}

// stringChoices sets n.strings to n's const or enum when every value they
// allow is a string, and reports whether they do (true when n has neither).
func (n *fastSchema) stringChoices() bool {
	choices := n.enum
	if len(n.consts) > 0 {
		if len(n.enum) > 0 {
			return false
		}
		choices = n.consts[:1]
	}
	n.strings = nil
	for _, c := range choices {
		s, ok := c.(string)
		if !ok {
			return false
		}
		n.strings = append(n.strings, s)
	}
	n.anyString = len(choices) == 0
	return true
}

// noValueKeywords reports that n has no object, array, string or number
// keyword.
func (n *fastSchema) noValueKeywords() bool {
	return len(n.required) == 0 && n.requiredAlone()
}

// requiredAlone reports that "required" is n's only object, array, string
// or number keyword, if it has one.
func (n *fastSchema) requiredAlone() bool {
	return n.minProperties == -1 && n.maxProperties == -1 && len(n.properties) == 0 &&
		!n.noAdditional && n.additional == nil &&
		n.minItems == -1 && n.maxItems == -1 && n.items == nil && n.tuple == nil &&
		n.minLength == -1 && n.maxLength == -1 && n.pattern == nil &&
		n.minimum == nil && n.maximum == nil && n.exclusiveMinimum == nil && n.exclusiveMaximum == nil
}

// dispatchOf finds a member every branch pins, or nil.
func dispatchOf(branches []*fastSchema) *pinDispatch {
	if len(branches) < 2 || branches[0] == nil {
		return nil
	}
keys:
	for _, p := range branches[0].pins {
		d := &pinDispatch{key: p.key, values: make([]string, len(branches)), morePins: make([]bool, len(branches))}
		for i, b := range branches {
			value, ok := b.pinOn(p.key)
			if !ok {
				continue keys
			}
			d.values[i] = value
			for _, other := range b.pins {
				d.morePins[i] = d.morePins[i] || other.key != p.key
			}
		}
		return d
	}
	return nil
}

// pinOn is the first string n pins key to.
func (n *fastSchema) pinOn(key string) (string, bool) {
	if n == nil || n.deferred {
		return "", false
	}
	for _, p := range n.pins {
		if p.key == key {
			return p.value, true
		}
	}
	return "", false
}

// matches counts the branches v satisfies, stopping at limit: branches
// that exclude v (see excludes) are not asked, and with a dispatch only
// those pinning its member to v's value are looked at.
func matches(branches []*fastSchema, d *pinDispatch, v any, limit int) int {
	if d != nil {
		if o, ok := v.(*model.Object); ok {
			if got, there := o.Get(d.key); there {
				s, isString := got.(string)
				if !isString { // every branch pins it to a string
					return 0
				}
				count := 0
				for i, b := range branches {
					if d.values[i] == s && !(d.morePins[i] && b.excludes(v)) && b.valid(v) {
						if count++; count >= limit {
							break
						}
					}
				}
				return count
			}
		}
	}
	count := 0
	for _, b := range branches {
		if !b.excludes(v) && b.valid(v) {
			if count++; count >= limit {
				break
			}
		}
	}
	return count
}
