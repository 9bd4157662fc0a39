package schemas

import (
	"encoding/json"
	"fmt"
	"math/big"
	"strconv"
	"unicode/utf8"

	"github.com/studioflow/studioflow/model"
)

// valid reports whether v (a model value) satisfies the schema, as
// jsonschema/v5 would decide on model.ToGeneric(v).
func (n *fastSchema) valid(v any) bool {
	// Planned kinds first: plan gives them only to nodes that are neither
	// deferred nor boolean.
	switch n.kind {
	case kindTypes:
		if m := modelTypeOf(v); m != 0 {
			return n.admitsTypeOf(v, m)
		}
	case kindAlias:
		return n.ref.valid(v)
	case kindMerged:
		if modelTypeOf(v) != 0 {
			return n.merged.valid(v)
		}
	case kindString:
		switch t := v.(type) {
		case string:
			if !n.validString(t) {
				return false
			}
			if n.anyString {
				return true
			}
			for _, c := range n.strings {
				if c == t {
					return true
				}
			}
			return false
		case nil, bool, json.Number, *model.Object, []any:
			return false
		}
	case kindObject:
		switch t := v.(type) {
		case *model.Object:
			return n.validMembers(t)
		case nil, bool, string, json.Number, []any:
			return false
		}
	case kindArray:
		switch t := v.(type) {
		case []any:
			return n.validArray(t)
		case nil, bool, string, json.Number, *model.Object:
			return false
		}
	case kindApplicators:
		if modelTypeOf(v) != 0 {
			return n.validApplicators(v)
		}
	case kindRequired:
		switch t := v.(type) {
		case *model.Object:
			for _, r := range n.required {
				if !t.Has(r) {
					return false
				}
			}
			return true
		case nil, bool, string, json.Number, []any: // "required" checks objects only
			return true
		}
	}
	if n.deferred {
		return n.src.Validate(model.ToGeneric(v)) == nil
	}
	if n.always != nil {
		return *n.always
	}
	return n.validOwn(v, true) && (n.noInPlace || n.validInPlace(v))
}

// validOwn checks v against n's own keywords: all but $ref and allOf, and
// but the member keywords (properties, required, additionalProperties)
// unless members is set. A value that is not a model value is left to
// jsonschema/v5 (with every keyword).
func (n *fastSchema) validOwn(v any, members bool) bool {
	var m typeMask // modelTypeOf(v), found by the same switch
	switch t := v.(type) {
	case nil:
		m = typeNull
	case bool:
		m = typeBoolean
	case string:
		if !n.validString(t) {
			return false
		}
		m = typeString
	case json.Number:
		ok, decided := n.validNumber(t)
		if !decided {
			return n.src.Validate(model.ToGeneric(v)) == nil
		}
		if !ok {
			return false
		}
		m = typeNumber
	case *model.Object:
		if !n.validObject(t, members) {
			return false
		}
		m = typeObject
	case []any:
		if !n.validArray(t) {
			return false
		}
		m = typeArray
	default:
		// Not a model value: leave it to jsonschema/v5, whatever it makes of it.
		return n.src.Validate(model.ToGeneric(v)) == nil
	}
	if n.types != 0 && !n.admitsTypeOf(v, m) {
		return false
	}
	if len(n.consts) > 0 && !sameJSON(v, n.consts[0]) {
		return false
	}
	if len(n.enum) > 0 && !n.inEnum(v) {
		return false
	}
	return n.noApplicators || n.validApplicators(v)
}

// validInPlace checks v against n's $ref and allOf.
func (n *fastSchema) validInPlace(v any) bool {
	if n.ref != nil && !n.ref.valid(v) {
		return false
	}
	for _, s := range n.allOf {
		if !s.valid(v) {
			return false
		}
	}
	return true
}

// validApplicators checks not, anyOf, oneOf and if/then/else.
func (n *fastSchema) validApplicators(v any) bool {
	if n.not != nil && n.not.valid(v) {
		return false
	}
	if len(n.anyOf) > 0 && matches(n.anyOf, n.anyOfBy, v, 1) == 0 {
		return false
	}
	if len(n.oneOf) > 0 && matches(n.oneOf, n.oneOfBy, v, 2) != 1 {
		return false
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

// admitsTypeOf reports whether n's "type" admits v, of type m (modelTypeOf(v)).
func (n *fastSchema) admitsTypeOf(v any, m typeMask) bool {
	if m == typeNumber {
		if n.types&typeNumber != 0 {
			return true
		}
		if n.types&typeInteger != 0 {
			isInt, ok := isIntegerLiteral(v.(json.Number))
			return ok && isInt
		}
		return false
	}
	return n.types&m != 0
}

// modelTypeOf is the JSON type of a model value (typeNumber for every
// number), 0 for anything else.
func modelTypeOf(v any) typeMask {
	switch v.(type) {
	case nil:
		return typeNull
	case bool:
		return typeBoolean
	case string:
		return typeString
	case *model.Object:
		return typeObject
	case []any:
		return typeArray
	case json.Number:
		return typeNumber
	}
	return 0
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
	// A string has at most as many characters as bytes, and at least
	// one when it has a byte: most bounds are decided without counting.
	minDecided := n.minLength == -1 || (len(s) >= n.minLength && n.minLength <= 1)
	maxDecided := n.maxLength == -1 || len(s) <= n.maxLength
	if n.minLength != -1 && len(s) < n.minLength {
		return false
	}
	if !minDecided || !maxDecided {
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

func (n *fastSchema) validObject(o *model.Object, members bool) bool {
	if n.minProperties != -1 || n.maxProperties != -1 {
		count := distinctKeys(o)
		if n.minProperties != -1 && count < n.minProperties {
			return false
		}
		if n.maxProperties != -1 && count > n.maxProperties {
			return false
		}
	}
	if n.noMemberKeywords || !members {
		return true
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
			if _, known := n.find(key); known {
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
