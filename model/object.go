// Package model holds a Studio flow definition with loss-free JSON, and the
// undoable operations every view edits it through.
//
// JSON values in this package are: nil (null), bool, json.Number (the number's
// literal text, so 60 stays 60 and 1e3 stays 1e3), string, []any and *Object.
package model

import (
	"encoding/json"
	"fmt"
	"slices"
)

// Member is one key/value pair of an Object.
type Member struct {
	Key   string
	Value any
}

// Object is a JSON object that keeps its members in their original order.
// Objects are small in flow definitions (a few dozen keys at most), so lookups
// scan the member list rather than keep a map beside it.
type Object struct {
	members []Member
}

// NewObject returns an object with the given members, in that order.
func NewObject(members ...Member) *Object {
	return &Object{members: members}
}

// Len reports the number of members.
func (o *Object) Len() int {
	if o == nil {
		return 0
	}
	return len(o.members)
}

// Keys returns the member keys in order.
func (o *Object) Keys() []string {
	if o == nil {
		return nil
	}
	keys := make([]string, len(o.members))
	for i, m := range o.members {
		keys[i] = m.Key
	}
	return keys
}

// Members returns a copy of the member list. The values themselves are shared
// and must be treated as read-only.
func (o *Object) Members() []Member {
	if o == nil {
		return nil
	}
	return append([]Member(nil), o.members...)
}

// Range calls fn for each member in order until fn returns false. It does not
// copy the member list; fn must not change the object.
func (o *Object) Range(fn func(key string, value any) bool) {
	if o == nil {
		return
	}
	for _, m := range o.members {
		if !fn(m.Key, m.Value) {
			return
		}
	}
}

// MemberAt returns the i-th member.
func (o *Object) MemberAt(i int) Member { return o.members[i] }

// Get returns the value of key. When a key occurs more than once (legal JSON,
// never written by Studio), the last one wins, as in JavaScript.
func (o *Object) Get(key string) (any, bool) {
	if o == nil {
		return nil, false
	}
	for i := len(o.members) - 1; i >= 0; i-- {
		if o.members[i].Key == key {
			return o.members[i].Value, true
		}
	}
	return nil, false
}

// String returns the value of key when it is a JSON string.
func (o *Object) String(key string) (string, bool) {
	v, ok := o.Get(key)
	if !ok {
		return "", false
	}
	s, ok := v.(string)
	return s, ok
}

// Has reports whether key is present.
func (o *Object) Has(key string) bool {
	_, ok := o.Get(key)
	return ok
}

func (o *Object) index(key string) int {
	if o == nil { // as Get: a missing object has no members
		return -1
	}
	for i := len(o.members) - 1; i >= 0; i-- {
		if o.members[i].Key == key {
			return i
		}
	}
	return -1
}

// Set replaces the value of key where it stands, or appends the member.
func (o *Object) Set(key string, value any) {
	if i := o.index(key); i >= 0 {
		o.members[i].Value = value
		return
	}
	o.members = append(o.members, Member{Key: key, Value: value})
}

// SetAt replaces the value of key where it stands, or inserts the member at
// position pos (clamped to the object's length).
func (o *Object) SetAt(key string, value any, pos int) {
	if i := o.index(key); i >= 0 {
		o.members[i].Value = value
		return
	}
	if pos < 0 {
		pos = 0
	}
	if pos > len(o.members) {
		pos = len(o.members)
	}
	o.members = append(o.members, Member{})
	copy(o.members[pos+1:], o.members[pos:])
	o.members[pos] = Member{Key: key, Value: value}
}

// Delete removes key and reports where it stood (-1 when absent).
func (o *Object) Delete(key string) int {
	i := o.index(key)
	if i < 0 {
		return -1
	}
	o.members = append(o.members[:i], o.members[i+1:]...)
	return i
}

// Clone returns a deep copy.
func (o *Object) Clone() *Object {
	if o == nil {
		return nil
	}
	c := &Object{members: make([]Member, len(o.members))}
	for i, m := range o.members {
		c.members[i] = Member{Key: m.Key, Value: CloneValue(m.Value)}
	}
	return c
}

// CloneValue returns a deep copy of a JSON value.
func CloneValue(v any) any {
	switch t := v.(type) {
	case *Object:
		return t.Clone()
	case []any:
		c := make([]any, len(t))
		for i, e := range t {
			c[i] = CloneValue(e)
		}
		return c
	default:
		return v
	}
}

// ToGeneric converts a value of this package into the plain form
// encoding/json produces with UseNumber: map[string]any, []any, json.Number,
// string, bool and nil. Key order is lost; use it for validation and
// templating only.
func ToGeneric(v any) any {
	switch t := v.(type) {
	case *Object:
		m := make(map[string]any, len(t.members))
		for _, mem := range t.members {
			m[mem.Key] = ToGeneric(mem.Value)
		}
		return m
	case []any:
		c := make([]any, len(t))
		for i, e := range t {
			c[i] = ToGeneric(e)
		}
		return c
	default:
		return v
	}
}

// FromGeneric converts plain Go JSON values (maps, slices, float64, int,
// json.Number, string, bool, nil) into this package's form. Map keys are
// sorted, since a map has no order to keep.
func FromGeneric(v any) (any, error) {
	switch t := v.(type) {
	case nil, bool, string, json.Number:
		return t, nil
	case *Object:
		return t.Clone(), nil
	case float64, float32, int, int64, int32, uint, uint64, uint32:
		return json.Number(fmt.Sprint(t)), nil
	case map[string]any:
		keys := sortedKeys(t)
		o := &Object{members: make([]Member, 0, len(keys))}
		for _, k := range keys {
			cv, err := FromGeneric(t[k])
			if err != nil {
				return nil, fmt.Errorf("%s: %w", k, err)
			}
			o.members = append(o.members, Member{Key: k, Value: cv})
		}
		return o, nil
	case []any:
		c := make([]any, len(t))
		for i, e := range t {
			cv, err := FromGeneric(e)
			if err != nil {
				return nil, fmt.Errorf("[%d]: %w", i, err)
			}
			c[i] = cv
		}
		return c, nil
	default:
		return nil, fmt.Errorf("%T is not a JSON value", v)
	}
}

// Equal reports whether two JSON values are the same, including member order
// and each number's literal text.
func Equal(a, b any) bool {
	switch ta := a.(type) {
	case *Object:
		tb, ok := b.(*Object)
		if !ok || ta.Len() != tb.Len() {
			return false
		}
		for i := range ta.members {
			if ta.members[i].Key != tb.members[i].Key || !Equal(ta.members[i].Value, tb.members[i].Value) {
				return false
			}
		}
		return true
	case []any:
		tb, ok := b.([]any)
		return ok && slices.EqualFunc(ta, tb, Equal)
	default:
		return a == b
	}
}

// TypeName names a JSON value's type the way a person would.
func TypeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "a true/false value"
	case json.Number:
		return "a number"
	case string:
		return "a text string"
	case []any:
		return "a list"
	case *Object:
		return "an object"
	default:
		return fmt.Sprintf("%T", v)
	}
}
