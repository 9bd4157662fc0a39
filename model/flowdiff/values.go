package flowdiff

import (
	"fmt"
	"slices"
	"strings"

	"github.com/studioflow/studioflow/model"
)

// diffObject appends the changes between two objects, member by member,
// under path.
func diffObject(path string, old, new *model.Object, m *matching, out *[]Change) {
	for _, k := range distinctKeys(old) {
		v, _ := old.Get(k)
		p := joinPath(path, k)
		nv, ok := new.Get(k)
		if !ok {
			*out = append(*out, Change{Path: p, Kind: KindRemoved, Old: model.ToGeneric(v)})
			continue
		}
		diffValue(p, v, nv, m, out)
	}
	for _, k := range distinctKeys(new) {
		if !old.Has(k) {
			v, _ := new.Get(k)
			*out = append(*out, Change{Path: joinPath(path, k), Kind: KindAdded, New: model.ToGeneric(v)})
		}
	}
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// diffValue appends the changes between two values at path: objects member
// by member, lists of keyed objects (parameters, headers) by key, other lists
// of one length element by element, and anything else as a whole.
func diffValue(path string, old, new any, m *matching, out *[]Change) {
	if s, ok := old.(string); ok {
		old = m.followText(s)
	}
	if SameValue(old, new) {
		return
	}
	switch o := old.(type) {
	case *model.Object:
		if n, ok := new.(*model.Object); ok {
			diffObject(path, o, n, m, out)
			return
		}
	case []any:
		if n, ok := new.([]any); ok {
			if diffKeyedList(path, o, n, m, out) {
				return
			}
			if len(o) == len(n) {
				for i := range o {
					diffValue(fmt.Sprintf("%s[%d]", path, i), o[i], n[i], m, out)
				}
				return
			}
		}
	case string:
		if n, ok := new.(string); ok {
			c := Change{Path: path, Kind: KindChanged, Old: o, New: n}
			if isLongText(o) || isLongText(n) {
				c.TextUnit, c.Text = DiffText(o, n)
			}
			*out = append(*out, c)
			return
		}
	}
	*out = append(*out, Change{Path: path, Kind: KindChanged, Old: model.ToGeneric(old), New: model.ToGeneric(new)})
}

// LongText is the length from which text is compared inside the value.
const LongText = 60

func isLongText(s string) bool {
	return len(s) >= LongText || strings.Contains(s, "\n") || strings.Contains(s, "{{") || strings.Contains(s, "{%")
}

// diffKeyedList compares two lists whose elements are all objects with a
// distinct string "key" member (a Run Function's parameters, an HTTP
// widget's parameters), pairing elements by key. It reports false, having
// done nothing, for other lists.
func diffKeyedList(path string, old, new []any, m *matching, out *[]Change) bool {
	ok, ok2 := keyed(old), keyed(new)
	if ok == nil || ok2 == nil {
		return false
	}
	for _, e := range old {
		obj := e.(*model.Object)
		k, _ := obj.String("key")
		p := fmt.Sprintf("%s[key=%s]", path, k)
		if ne, found := ok2[k]; found {
			diffValue(p, obj, ne, m, out)
		} else {
			*out = append(*out, Change{Path: p, Kind: KindRemoved, Old: model.ToGeneric(obj)})
		}
	}
	for _, e := range new {
		obj := e.(*model.Object)
		k, _ := obj.String("key")
		if _, found := ok[k]; !found {
			*out = append(*out, Change{Path: fmt.Sprintf("%s[key=%s]", path, k), Kind: KindAdded, New: model.ToGeneric(obj)})
		}
	}
	return true
}

// keyed indexes a list of objects by their "key" member, or returns nil
// when the list is empty or is not such a list.
func keyed(list []any) map[string]*model.Object {
	if len(list) == 0 {
		return nil
	}
	idx := make(map[string]*model.Object, len(list))
	for _, e := range list {
		obj, ok := e.(*model.Object)
		if !ok {
			return nil
		}
		k, ok := obj.String("key")
		if !ok {
			return nil
		}
		if _, dup := idx[k]; dup {
			return nil
		}
		idx[k] = obj
	}
	return idx
}

// SameValue reports whether two JSON values mean the same: as model.Equal,
// but the order of an object's members does not count (Studio and editors
// write them in different orders; no behaviour depends on it), and of a
// repeated key only the last value counts (as JavaScript reads it).
func SameValue(a, b any) bool {
	switch ta := a.(type) {
	case *model.Object:
		tb, ok := b.(*model.Object)
		if !ok {
			return false
		}
		ka, kb := distinctKeys(ta), distinctKeys(tb)
		if len(ka) != len(kb) {
			return false
		}
		for _, k := range ka {
			av, _ := ta.Get(k)
			bv, ok := tb.Get(k)
			if !ok || !SameValue(av, bv) {
				return false
			}
		}
		return true
	case []any:
		tb, ok := b.([]any)
		return ok && slices.EqualFunc(ta, tb, SameValue)
	default:
		return model.Equal(a, b)
	}
}

// distinctKeys lists an object's keys once each, in first-seen order.
func distinctKeys(o *model.Object) []string {
	seen := map[string]bool{}
	var out []string
	for _, k := range o.Keys() {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}
