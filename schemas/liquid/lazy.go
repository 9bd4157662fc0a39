package liquid

import (
	"math/big"
	"sort"

	"github.com/osteele/liquid/values"
)

// The caller's variables are Go values (the engine's context: maps, lists,
// int64 numbers). Converting them all for every render would cost as much
// as the context is large, so the library reads them through these
// wrappers instead, which convert only what the template reads: a member
// or item as it is looked up, an int64 to int (so it can index a list), a
// *big.Int to a value the library can read.
// Whatever reaches this package's own code (printing, filters, loops,
// comparisons) is converted there with Normalize.

// lazy wraps a Go value for the library.
func lazy(v any) any {
	switch t := v.(type) {
	case nil, string, bool, int, float64, *Object, values.Range:
		return v
	case map[string]any:
		return lazyMap{t}
	case []any:
		return lazyList{t}
	}
	n := Normalize(v)
	if b, ok := n.(*big.Int); ok {
		return bigValue{b}
	}
	return n
}

// lazyMap is a Go map read by the library as a Liquid object.
type lazyMap struct{ m map[string]any }

func (l lazyMap) Interface() any { return l.m }
func (l lazyMap) Int() int       { panic(values.TypeError("can't convert an object to an integer")) }
func (l lazyMap) Equal(o values.Value) bool {
	return rubyEqual(l.m, o.Interface())
}
func (l lazyMap) Less(values.Value) bool { return false }
func (l lazyMap) Test() bool             { return true }
func (l lazyMap) Contains(e values.Value) bool {
	k, ok := e.Interface().(string)
	if !ok {
		return false
	}
	_, has := l.m[k]
	return has
}
func (l lazyMap) IndexValue(i values.Value) values.Value {
	k, ok := i.Interface().(string)
	if !ok {
		return values.ValueOf(nil)
	}
	return values.ValueOf(lazy(l.m[k]))
}
func (l lazyMap) PropertyValue(i values.Value) values.Value {
	k, _ := i.Interface().(string)
	if v, ok := l.m[k]; ok {
		return values.ValueOf(lazy(v))
	}
	switch k {
	case "size":
		return values.ValueOf(len(l.m))
	case "first":
		if len(l.m) > 0 {
			keys := make([]string, 0, len(l.m))
			for key := range l.m {
				keys = append(keys, key)
			}
			sort.Strings(keys) // Go maps have no order; key order is stable
			return values.ValueOf([]any{keys[0], lazy(l.m[keys[0]])})
		}
	}
	return values.ValueOf(nil)
}

// lazyList is a Go list read by the library as a Liquid array.
type lazyList struct{ l []any }

func (l lazyList) Interface() any { return l.l }
func (l lazyList) Int() int       { panic(values.TypeError("can't convert an array to an integer")) }
func (l lazyList) Equal(o values.Value) bool {
	return rubyEqual(l.l, o.Interface())
}
func (l lazyList) Less(values.Value) bool { return false }
func (l lazyList) Test() bool             { return true }
func (l lazyList) Contains(e values.Value) bool {
	return contains(Normalize(l.l), Normalize(e.Interface()))
}
func (l lazyList) IndexValue(i values.Value) values.Value {
	n, ok := Normalize(i.Interface()).(int)
	if f, isFloat := Normalize(i.Interface()).(float64); isFloat {
		n, ok = int(f), true
	}
	if !ok {
		return values.ValueOf(nil)
	}
	if n < 0 {
		n += len(l.l)
	}
	if n < 0 || n >= len(l.l) {
		return values.ValueOf(nil)
	}
	return values.ValueOf(lazy(l.l[n]))
}
func (l lazyList) PropertyValue(i values.Value) values.Value {
	switch i.Interface() {
	case "size":
		return values.ValueOf(len(l.l))
	case "first":
		if len(l.l) > 0 {
			return values.ValueOf(lazy(l.l[0]))
		}
	case "last":
		if len(l.l) > 0 {
			return values.ValueOf(lazy(l.l[len(l.l)-1]))
		}
	}
	return values.ValueOf(nil)
}
