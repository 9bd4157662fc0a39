package schemas

import (
	"encoding/json"
	"fmt"
	"maps"
	"math/big"
	"regexp"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"github.com/studioflow/studioflow/model"
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
}

func newFastBuilder() *fastBuilder {
	return &fastBuilder{built: map[*jsonschema.Schema]*fastSchema{}, checked: map[*fastSchema]bool{}}
}

// build returns the fast form of s, sharing nodes already built, and marks
// in-place cycles as deferred so that evaluation always ends.
func (b *fastBuilder) build(s *jsonschema.Schema) *fastSchema {
	n := b.node(s)
	b.deferInPlaceCycles(n)
	for _, m := range b.built {
		m.pins = pinsOf(m, 0)
	}
	return n
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

// valid reports whether v (a model value) satisfies the schema, as
// jsonschema/v5 would decide on model.ToGeneric(v).
func (n *fastSchema) valid(v any) bool {
	if n.deferred {
		return n.src.Validate(model.ToGeneric(v)) == nil
	}
	if n.always != nil {
		return *n.always
	}
	switch t := v.(type) {
	case nil, bool:
	case string:
		if !n.validString(t) {
			return false
		}
	case json.Number:
		ok, decided := n.validNumber(t)
		if !decided {
			return n.src.Validate(model.ToGeneric(v)) == nil
		}
		if !ok {
			return false
		}
	case *model.Object:
		if !n.validObject(t) {
			return false
		}
	case []any:
		if !n.validArray(t) {
			return false
		}
	default:
		// Not a model value: leave it to jsonschema/v5, whatever it makes of it.
		return n.src.Validate(model.ToGeneric(v)) == nil
	}
	if n.types != 0 && !n.admitsType(v) {
		return false
	}
	if len(n.consts) > 0 && !sameJSON(v, n.consts[0]) {
		return false
	}
	if len(n.enum) > 0 && !n.inEnum(v) {
		return false
	}
	return n.validApplicators(v)
}

func (n *fastSchema) validApplicators(v any) bool {
	if n.ref != nil && !n.ref.valid(v) {
		return false
	}
	if n.not != nil && n.not.valid(v) {
		return false
	}
	for _, s := range n.allOf {
		if !s.valid(v) {
			return false
		}
	}
	if len(n.anyOf) > 0 {
		matched := false
		for _, s := range n.anyOf {
			if !s.excludes(v) && s.valid(v) {
				matched = true
				break
			}
		}
		if !matched {
			return false
		}
	}
	if len(n.oneOf) > 0 {
		matched := 0
		for _, s := range n.oneOf {
			if !s.excludes(v) && s.valid(v) {
				matched++
				if matched > 1 {
					return false
				}
			}
		}
		if matched == 0 {
			return false
		}
	}
	if n.ifThen != nil {
		if n.ifThen.valid(v) {
			if n.then != nil && !n.then.valid(v) {
				return false
			}
		} else if n.els != nil && !n.els.valid(v) {
			return false
		}
	}
	return true
}

func (n *fastSchema) admitsType(v any) bool {
	var m typeMask
	switch t := v.(type) {
	case nil:
		m = typeNull
	case bool:
		m = typeBoolean
	case string:
		m = typeString
	case *model.Object:
		m = typeObject
	case []any:
		m = typeArray
	case json.Number:
		if n.types&typeNumber != 0 {
			return true
		}
		if n.types&typeInteger != 0 {
			isInt, ok := isIntegerLiteral(t)
			return ok && isInt
		}
		return false
	}
	return n.types&m != 0
}

func (n *fastSchema) inEnum(v any) bool {
	for _, e := range n.enum {
		if sameJSON(v, e) {
			return true
		}
	}
	return false
}

func (n *fastSchema) validString(s string) bool {
	if n.minLength != -1 || n.maxLength != -1 {
		length := utf8.RuneCountInString(s)
		if n.minLength != -1 && length < n.minLength {
			return false
		}
		if n.maxLength != -1 && length > n.maxLength {
			return false
		}
	}
	return n.pattern == nil || n.pattern.MatchString(s)
}

// validNumber checks the numeric bounds; decided is false when the literal
// is not one big.Rat reads, which jsonschema/v5 then judges itself.
func (n *fastSchema) validNumber(num json.Number) (ok, decided bool) {
	if n.minimum == nil && n.maximum == nil && n.exclusiveMinimum == nil && n.exclusiveMaximum == nil {
		return true, true
	}
	c := numberComparer{literal: string(num)}
	c.small, c.isSmall = plainInt64(c.literal)
	for _, lim := range [...]struct {
		b       *bound
		failsAt func(int) bool
	}{
		{n.minimum, func(c int) bool { return c < 0 }},
		{n.exclusiveMinimum, func(c int) bool { return c <= 0 }},
		{n.maximum, func(c int) bool { return c > 0 }},
		{n.exclusiveMaximum, func(c int) bool { return c >= 0 }},
	} {
		if lim.b == nil {
			continue
		}
		order, ok := c.compare(lim.b)
		if !ok {
			return false, false
		}
		if lim.failsAt(order) {
			return false, true
		}
	}
	return true, true
}

// numberComparer compares one number literal with bounds, reading it as a
// big.Rat only when int64 arithmetic cannot decide.
type numberComparer struct {
	literal string
	small   int64
	isSmall bool
	exact   *big.Rat
}

func (c *numberComparer) compare(b *bound) (int, bool) {
	if c.isSmall && b.isInt {
		switch {
		case c.small < b.small:
			return -1, true
		case c.small > b.small:
			return 1, true
		}
		return 0, true
	}
	if c.exact == nil {
		r, ok := new(big.Rat).SetString(c.literal)
		if !ok {
			return 0, false
		}
		c.exact = r
	}
	return c.exact.Cmp(b.rat), true
}

func (n *fastSchema) validObject(o *model.Object) bool {
	if n.minProperties != -1 || n.maxProperties != -1 {
		count := distinctKeys(o)
		if n.minProperties != -1 && count < n.minProperties {
			return false
		}
		if n.maxProperties != -1 && count > n.maxProperties {
			return false
		}
	}
	if n.maskable {
		return n.validMembers(o)
	}
	for _, r := range n.required {
		if !o.Has(r) {
			return false
		}
	}
	for _, p := range n.properties {
		if val, ok := o.Get(p.name); ok && !p.schema.valid(val) {
			return false
		}
	}
	if n.noAdditional || n.additional != nil {
		for i := 0; i < o.Len(); i++ {
			key := o.MemberAt(i).Key
			if _, known := n.propIndex[key]; known {
				continue
			}
			if n.noAdditional {
				return false
			}
			// A repeated key counts once, with its last value (as in
			// model.ToGeneric), so validate what Get returns.
			val, _ := o.Get(key)
			if !n.additional.valid(val) {
				return false
			}
		}
	}
	return true
}

func (n *fastSchema) validArray(list []any) bool {
	if n.minItems != -1 && len(list) < n.minItems {
		return false
	}
	if n.maxItems != -1 && len(list) > n.maxItems {
		return false
	}
	if n.items != nil {
		for _, e := range list {
			if !n.items.valid(e) {
				return false
			}
		}
	}
	if n.tuple != nil {
		for i, e := range list {
			switch {
			case i < len(n.tuple):
				if !n.tuple[i].valid(e) {
					return false
				}
			case n.additionalItems != nil:
				if !n.additionalItems.valid(e) {
					return false
				}
			case n.noAdditionalItems:
				return false
			}
		}
	}
	return true
}

// distinctKeys counts an object's keys, a repeated key once.
func distinctKeys(o *model.Object) int {
	count := 0
	for i := 0; i < o.Len(); i++ {
		key := o.MemberAt(i).Key
		repeated := false
		for j := i + 1; j < o.Len(); j++ {
			if o.MemberAt(j).Key == key {
				repeated = true
				break
			}
		}
		if !repeated {
			count++
		}
	}
	return count
}

// plainInt64 reads a literal made of an optional minus and digits only.
func plainInt64(s string) (int64, bool) {
	if s == "" || len(s) > 18 {
		return 0, false
	}
	start := 0
	if s[0] == '-' {
		start = 1
	}
	if start == len(s) {
		return 0, false
	}
	for i := start; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

// isIntegerLiteral: whether the number is an integer (1.0 and 1e3 are), as
// jsonschema/v5 decides it; ok is false when big.Rat cannot read it.
func isIntegerLiteral(num json.Number) (isInt, ok bool) {
	if _, small := plainInt64(string(num)); small {
		return true, true
	}
	r, ok := new(big.Rat).SetString(string(num))
	if !ok {
		return false, false
	}
	return r.IsInt(), true
}

// sameJSON compares a model value with a value jsonschema/v5 holds (a const
// or enum item: map[string]any, []any, json.Number, string, bool, nil), as
// jsonschema/v5's equality does: numbers by value, objects by key set.
func sameJSON(v, schemaValue any) bool {
	switch t := v.(type) {
	case nil:
		return schemaValue == nil
	case bool:
		b, ok := schemaValue.(bool)
		return ok && b == t
	case string:
		s, ok := schemaValue.(string)
		return ok && s == t
	case json.Number:
		var literal string
		switch s := schemaValue.(type) {
		case json.Number:
			literal = string(s)
		case float64, int, int64:
			literal = fmt.Sprint(s)
		default:
			return false
		}
		if literal == string(t) {
			return true
		}
		a, okA := new(big.Rat).SetString(string(t))
		b, okB := new(big.Rat).SetString(literal)
		return okA && okB && a.Cmp(b) == 0
	case []any:
		s, ok := schemaValue.([]any)
		if !ok || len(s) != len(t) {
			return false
		}
		for i := range t {
			if !sameJSON(t[i], s[i]) {
				return false
			}
		}
		return true
	case *model.Object:
		s, ok := schemaValue.(map[string]any)
		if !ok || distinctKeys(t) != len(s) {
			return false
		}
		for key, want := range s {
			got, has := t.Get(key)
			if !has || !sameJSON(got, want) {
				return false
			}
		}
		return true
	}
	return false
}
