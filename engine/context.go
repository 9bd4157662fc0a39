package engine

import (
	"maps"
	"slices"

	"github.com/studioflow/studioflow/schemas/liquid"
)

// The execution context is a tree of plain maps that is never changed in
// place: every update copies the maps along its path. A step's context
// snapshot is then just the root map of its moment, shared, not copied.
// JSON that came from outside (a response body, a variable parsed as JSON)
// sits in it as *liquid.Object, which keeps the order of its members; it is
// never changed either (a merge builds a new one).

func withPath(root map[string]any, value any, path ...string) map[string]any {
	out := maps.Clone(root)
	if out == nil {
		out = map[string]any{}
	}
	if len(path) == 1 {
		out[path[0]] = value
		return out
	}
	child, _ := out[path[0]].(map[string]any)
	out[path[0]] = withPath(child, value, path[1:]...)
	return out
}

func lookup(root map[string]any, path ...string) any {
	var cur any = root
	for _, k := range path {
		v, ok := Member(cur, k)
		if !ok {
			return nil
		}
		cur = v
	}
	return cur
}

// Member returns a member of an object in a context: a map's (the objects
// the engine builds) or a *liquid.Object's (JSON decoded from a response or
// a variable). ok is false when v is not an object or has no such member.
func Member(v any, key string) (any, bool) {
	switch t := v.(type) {
	case map[string]any:
		m, ok := t[key]
		return m, ok
	case *liquid.Object:
		return t.Get(key)
	}
	return nil, false
}

// Keys returns the member names of an object in a context, in the order
// Liquid iterates them: a *liquid.Object's in document order, a map's
// sorted. ok is false when v is not an object.
func Keys(v any) ([]string, bool) {
	switch t := v.(type) {
	case map[string]any:
		keys := slices.Collect(maps.Keys(t))
		slices.Sort(keys)
		return keys, true
	case *liquid.Object:
		return slices.Clone(t.Keys()), true
	}
	return nil, false
}

// mergeObjects returns a new object holding prev's members, then parsed's:
// a member of both keeps prev's place and takes parsed's value, new ones go
// last (Ruby's Hash#merge). prev may be a map (an outcome's outputs) or an
// object, or nil.
func mergeObjects(prev any, parsed *liquid.Object) *liquid.Object {
	keys, _ := Keys(prev)
	n := len(keys)
	if parsed != nil {
		n += parsed.Len()
	}
	out := liquid.NewObject(n)
	for _, k := range keys {
		v, _ := Member(prev, k)
		out.Set(k, liquid.Normalize(v))
	}
	if parsed != nil {
		for _, k := range parsed.Keys() {
			v, _ := parsed.Get(k)
			out.Set(k, v)
		}
	}
	return out
}
