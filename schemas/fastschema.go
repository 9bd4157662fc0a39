package schemas

import (
	"maps"
	"math/big"
	"regexp"
	"slices"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// fastSchema answers "valid or not" for a schema jsonschema/v5 has compiled,
// walking model values directly. jsonschema/v5 needs the value converted to
// plain maps and builds a formatted error for every failing branch of an
// anyOf/oneOf; a widget's transitions are an anyOf/oneOf over all its events,
// so that was most of the cost of validating even a valid widget. The
// validator asks fastSchema first and asks jsonschema/v5 only about a value
// fastSchema finds invalid, for the causes the messages are worded from: every
// diagnostic still comes from jsonschema/v5, and fastSchema only decides
// when there is none.
//
// It is built from jsonschema/v5's compiled Schema, not from the documents,
// so it sees exactly what jsonschema/v5 applies: $refs resolved, $ref
// siblings dropped (draft-07), unknown keywords gone. It implements the
// keywords the Studio schemas use and a few neighbours; a schema with any
// other keyword (format, patternProperties, uniqueItems, …) is deferred:
// jsonschema/v5 validates that part, never silently accepted.
type fastSchema struct {
	src *jsonschema.Schema
	// deferred: a keyword fastSchema does not implement, or a cycle of
	// keywords applied to the same value; jsonschema/v5 validates here.
	deferred bool

	always *bool // boolean schema
	types  typeMask
	consts []any // the const value, when there is one (it may be null)
	enum   []any

	minProperties, maxProperties int // -1: no bound
	required                     []string
	properties                   []fastProperty
	// propIndex finds a property by name (its index in properties); a name
	// absent from it is an additional property.
	propIndex map[string]int
	// names finds a property by name faster, when it could be built
	// (see find).
	names nameTable
	// requiredMask has bit k for each required name that is properties[k]
	// (k < 64); requiredOther lists the other required names. Both are
	// used only when properties has at most 64 entries (maskable).
	requiredMask  uint64
	requiredOther []string
	maskable      bool
	noAdditional  bool        // additionalProperties: false
	additional    *fastSchema // additionalProperties: schema

	minItems, maxItems int
	items              *fastSchema   // items: schema
	tuple              []*fastSchema // items: [schemas]
	noAdditionalItems  bool          // additionalItems: false, with a tuple
	additionalItems    *fastSchema   // additionalItems: schema, with a tuple

	minLength, maxLength int
	pattern              *regexp.Regexp

	minimum, maximum, exclusiveMinimum, exclusiveMaximum *bound

	ref                 *fastSchema
	not                 *fastSchema
	allOf, anyOf, oneOf []*fastSchema
	ifThen, then, els   *fastSchema

	// pins are members the schema needs to hold a given string when they
	// are there (a property whose schema is a string const, found through
	// $ref and allOf too): an object holding something else there cannot
	// be valid, so anyOf and oneOf pass over such a branch without
	// evaluating it (a transition's "event" picks its branch at once).
	pins []pin

	// kind, anyOfBy and oneOfBy are planned shortcuts (fastschema_plan.go).
	kind             nodeKind
	anyOfBy, oneOfBy *pinDispatch
	// noMemberKeywords: no properties, required or additionalProperties,
	// so an object's members need no look.
	noMemberKeywords bool
	// noApplicators: no not, anyOf, oneOf or if; noInPlace: no $ref or
	// allOf (most nodes: their checks are skipped without a call).
	noApplicators, noInPlace bool
	// merged evaluates a kindMerged node (fastschema_merge.go).
	merged *mergedPlan
	// strings are the values a kindString node allows (its const or enum);
	// anyString: it has neither.
	strings   []string
	anyString bool

	// genFn is the generated code for a compiled schema's root (see
	// check); genNodes are the nodes it indexes.
	genFn    func(n []*fastSchema, v any) bool
	genNodes []*fastSchema
}

type pin struct{ key, value string }

type fastProperty struct {
	name   string
	schema *fastSchema
}

// bound is a numeric limit, exact as a big.Rat, with an int64 copy for the
// common case of an integer literal compared with an integer limit.
type bound struct {
	rat   *big.Rat
	small int64
	isInt bool // rat is an integer that fits small
}

func newBound(r *big.Rat) *bound {
	if r == nil {
		return nil
	}
	b := &bound{rat: r}
	if r.IsInt() && r.Num().IsInt64() {
		b.small, b.isInt = r.Num().Int64(), true
	}
	return b
}

// typeMask is a set of JSON Schema type names.
type typeMask uint8

const (
	typeNull typeMask = 1 << iota
	typeBoolean
	typeObject
	typeArray
	typeNumber
	typeString
	typeInteger
)

var typeMaskOf = map[string]typeMask{
	"null": typeNull, "boolean": typeBoolean, "object": typeObject, "array": typeArray,
	"number": typeNumber, "string": typeString, "integer": typeInteger,
}

// fastBuilder compiles a graph of jsonschema/v5 schemas once per node.
type fastBuilder struct {
	built   map[*jsonschema.Schema]*fastSchema
	checked map[*fastSchema]bool // searched for in-place cycles
	// fresh are the nodes the current build made: only they are planned.
	// A node built before points only at nodes built before it, so its
	// plan stays what it was, and it is never written again (other
	// goroutines may be evaluating it: the catalog builds types lazily).
	fresh []*fastSchema
}

func newFastBuilder() *fastBuilder {
	return &fastBuilder{built: map[*jsonschema.Schema]*fastSchema{}, checked: map[*fastSchema]bool{}}
}

// build returns the fast form of s, sharing nodes already built, and marks
// in-place cycles as deferred so that evaluation always ends.
func (b *fastBuilder) build(s *jsonschema.Schema) *fastSchema {
	n := b.node(s)
	b.deferInPlaceCycles(n)
	planNodes(b.fresh)
	clear(b.fresh)
	b.fresh = b.fresh[:0]
	return n
}

// planNodes plans nodes: every node's pins first (plan reads its
// branches'), then their kinds, then their merged plans (which read the
// kinds' flags).
func planNodes(nodes []*fastSchema) {
	for _, m := range nodes {
		m.pins = pinsOf(m, 0)
	}
	for _, m := range nodes {
		m.plan()
	}
	for _, m := range nodes {
		m.planMerge()
	}
}

func (b *fastBuilder) node(s *jsonschema.Schema) *fastSchema {
	if s == nil {
		return nil
	}
	if n, ok := b.built[s]; ok {
		return n
	}
	n := &fastSchema{src: s}
	b.built[s] = n
	b.fresh = append(b.fresh, n)
	if !supported(s) {
		n.deferred = true
		return n
	}
	n.always = s.Always
	for _, t := range s.Types {
		m, ok := typeMaskOf[t]
		if !ok {
			n.deferred = true
			return n
		}
		n.types |= m
	}
	n.consts = s.Constant
	n.enum = s.Enum

	n.minProperties, n.maxProperties = s.MinProperties, s.MaxProperties
	n.required = s.Required
	if len(s.Properties) > 0 {
		n.propIndex = make(map[string]int, len(s.Properties))
		// In name order, so that evaluation is the same on every run.
		for _, name := range slices.Sorted(maps.Keys(s.Properties)) {
			n.propIndex[name] = len(n.properties)
			n.properties = append(n.properties, fastProperty{name, b.node(s.Properties[name])})
		}
	}
	if len(n.properties) > 0 {
		names := make([]string, len(n.properties))
		for i, p := range n.properties {
			names[i] = p.name
		}
		n.names, _ = newNameTable(names)
	}
	n.maskable = len(n.properties) <= 64
	for _, r := range n.required {
		if k, ok := n.propIndex[r]; ok && n.maskable {
			n.requiredMask |= 1 << k
		} else {
			n.requiredOther = append(n.requiredOther, r)
		}
	}
	switch a := s.AdditionalProperties.(type) {
	case bool:
		n.noAdditional = !a
	case *jsonschema.Schema:
		n.additional = b.node(a)
	}

	n.minItems, n.maxItems = s.MinItems, s.MaxItems
	switch it := s.Items.(type) {
	case *jsonschema.Schema:
		n.items = b.node(it)
	case []*jsonschema.Schema:
		for _, e := range it {
			n.tuple = append(n.tuple, b.node(e))
		}
		switch a := s.AdditionalItems.(type) {
		case bool:
			n.noAdditionalItems = !a
		case *jsonschema.Schema:
			n.additionalItems = b.node(a)
		}
	}

	n.minLength, n.maxLength, n.pattern = s.MinLength, s.MaxLength, s.Pattern
	n.minimum, n.maximum = newBound(s.Minimum), newBound(s.Maximum)
	n.exclusiveMinimum, n.exclusiveMaximum = newBound(s.ExclusiveMinimum), newBound(s.ExclusiveMaximum)

	n.ref = b.node(s.Ref)
	n.not = b.node(s.Not)
	n.allOf, n.anyOf, n.oneOf = b.nodes(s.AllOf), b.nodes(s.AnyOf), b.nodes(s.OneOf)
	n.ifThen, n.then, n.els = b.node(s.If), b.node(s.Then), b.node(s.Else)
	return n
}

func (b *fastBuilder) nodes(list []*jsonschema.Schema) []*fastSchema {
	if len(list) == 0 {
		return nil
	}
	out := make([]*fastSchema, len(list))
	for i, s := range list {
		out[i] = b.node(s)
	}
	return out
}

// supported reports whether fastSchema implements every keyword s carries.
// TestFastSchemaKnowsEverySchemaField keeps this list in step with
// jsonschema/v5's Schema struct.
func supported(s *jsonschema.Schema) bool {
	return s.Format == "" &&
		s.RecursiveRef == nil && !s.RecursiveAnchor &&
		s.DynamicRef == nil && s.DynamicAnchor == "" &&
		s.PropertyNames == nil && !s.RegexProperties && len(s.PatternProperties) == 0 &&
		len(s.Dependencies) == 0 && len(s.DependentRequired) == 0 && len(s.DependentSchemas) == 0 &&
		s.UnevaluatedProperties == nil &&
		!s.UniqueItems && len(s.PrefixItems) == 0 && s.Items2020 == nil &&
		s.Contains == nil && s.UnevaluatedItems == nil &&
		s.ContentEncoding == "" && s.ContentMediaType == "" && s.ContentSchema == nil &&
		s.MultipleOf == nil &&
		len(s.Extensions) == 0
}

// deferInPlaceCycles marks a node on every cycle of keywords that apply to
// the same value ($ref, allOf, anyOf, oneOf, not, if/then/else) as deferred:
// such a cycle never ends on its own, and jsonschema/v5 reports it as an
// error. A depth-first search along those keywords finds each such cycle as
// a node met again on its own path. Keywords that apply to a part of the
// value (properties, items, …) start a fresh path: a cycle through them ends
// with the value's depth.
func (b *fastBuilder) deferInPlaceCycles(root *fastSchema) {
	done := b.checked
	var visit func(n *fastSchema, path map[*fastSchema]bool)
	visit = func(n *fastSchema, path map[*fastSchema]bool) {
		if n == nil || n.deferred {
			return
		}
		if path[n] {
			n.deferred = true
			return
		}
		if done[n] {
			return
		}
		path[n] = true
		for _, c := range n.inPlace() {
			visit(c, path)
		}
		delete(path, n)
		done[n] = true
		for _, c := range n.descendants() {
			visit(c, map[*fastSchema]bool{})
		}
	}
	visit(root, map[*fastSchema]bool{})
}

func (n *fastSchema) inPlace() []*fastSchema {
	out := []*fastSchema{n.ref, n.not, n.ifThen, n.then, n.els}
	out = append(out, n.allOf...)
	out = append(out, n.anyOf...)
	return append(out, n.oneOf...)
}

// descendants are the schemas applied to parts of the value.
func (n *fastSchema) descendants() []*fastSchema {
	out := []*fastSchema{n.additional, n.items, n.additionalItems}
	for _, p := range n.properties {
		out = append(out, p.schema)
	}
	return append(out, n.tuple...)
}
