package liquid

import (
	"errors"
	"fmt"
	"math/big"
	"sort"
	"strings"

	"github.com/osteele/liquid/values"
)

// listOf is Ruby Liquid's InputIterator: arrays flattened, a hash as a
// one-item list, nil as an empty list, a range as its numbers, anything
// else as a one-item list.
func listOf(v any) ([]any, error) {
	switch t := v.(type) {
	case nil:
		return nil, nil
	case []any:
		return flatten(t, nil), nil
	case values.Range:
		if t.Len() > MaxValueBytes/16 {
			return nil, ErrValueTooLarge
		}
		if t.Len() <= 0 {
			return nil, nil
		}
		return t.AsArray(), nil
	}
	return []any{v}, nil
}

func flatten(list, out []any) []any {
	for _, e := range list {
		if inner, ok := e.([]any); ok {
			out = flatten(inner, out)
		} else {
			out = append(out, e)
		}
	}
	return out
}

// fFirst and fLast: the first or last item of an array, the first pair of
// a hash; nothing for other values.
func fFirst(_ *renderState, in any, _ []any, _ map[string]any) (any, error) {
	switch t := in.(type) {
	case []any:
		if len(t) > 0 {
			return t[0], nil
		}
	case *Object:
		if t.Len() > 0 {
			k := t.keys[0]
			return []any{k, t.m[k]}, nil
		}
	case values.Range:
		if t.Len() > 0 {
			return t.Index(0), nil
		}
	}
	return nil, nil
}

func fLast(_ *renderState, in any, _ []any, _ map[string]any) (any, error) {
	switch t := in.(type) {
	case []any:
		if len(t) > 0 {
			return t[len(t)-1], nil
		}
	case values.Range:
		if t.Len() > 0 {
			return t.Index(t.Len() - 1), nil
		}
	}
	return nil, nil
}

func fJoin(_ *renderState, in any, args []any, _ map[string]any) (any, error) {
	list, err := listOf(in)
	if err != nil {
		return nil, err
	}
	glue := toS(arg(args, 0, " "))
	var b strings.Builder
	for i, e := range list {
		if i > 0 {
			b.WriteString(glue)
		}
		b.WriteString(toS(e))
		if b.Len() > MaxValueBytes {
			return nil, ErrValueTooLarge
		}
	}
	return b.String(), nil
}

func fReverse(_ *renderState, in any, _ []any, _ map[string]any) (any, error) {
	list, err := listOf(in)
	if err != nil {
		return nil, err
	}
	out := make([]any, len(list))
	for i, e := range list {
		out[len(list)-1-i] = e
	}
	return out, nil
}

func fConcat(_ *renderState, in any, args []any, _ map[string]any) (any, error) {
	other, ok := args[0].([]any)
	if !ok {
		if r, isRange := args[0].(values.Range); isRange {
			other = r.AsArray()
		} else {
			return nil, errors.New("concat filter requires an array argument")
		}
	}
	list, err := listOf(in)
	if err != nil {
		return nil, err
	}
	out := append(append(make([]any, 0, len(list)+len(other)), list...), other...)
	return out, nil
}

func fCompact(_ *renderState, in any, args []any, _ map[string]any) (any, error) {
	list, err := listOf(in)
	if err != nil {
		return nil, err
	}
	out := []any{}
	for _, e := range list {
		if len(args) > 0 {
			v, _ := property(e, args[0])
			if v == nil {
				continue
			}
		} else if e == nil {
			continue
		}
		out = append(out, e)
	}
	return out, nil
}

func fUniq(_ *renderState, in any, args []any, _ map[string]any) (any, error) {
	list, err := listOf(in)
	if err != nil {
		return nil, err
	}
	out := []any{}
	simple := map[any]bool{} // strings, numbers, booleans, nil: compared by value
	var complex []any        // arrays and objects: compared member by member
outer:
	for _, e := range list {
		key := e
		if len(args) > 0 {
			key, _ = property(e, args[0])
		}
		switch key.(type) {
		case nil, string, int, float64, bool:
			if simple[key] {
				continue
			}
			simple[key] = true
		default:
			for _, s := range complex {
				if strictEqual(s, key) {
					continue outer
				}
			}
			complex = append(complex, key)
		}
		out = append(out, e)
	}
	return out, nil
}

// strictEqual is Ruby's eql?: 1 and 1.0 differ.
func strictEqual(a, b any) bool {
	switch a.(type) {
	case int, *big.Int:
		switch b.(type) {
		case int, *big.Int:
		default:
			return false
		}
	case float64:
		if _, ok := b.(float64); !ok {
			return false
		}
	}
	return rubyEqual(a, b)
}

// property is item[key] as Ruby Liquid reads it: a hash member, a
// substring of a string, an array item by index.
func property(item, key any) (any, bool) {
	switch t := item.(type) {
	case *Object:
		k, ok := key.(string)
		if !ok {
			return nil, true
		}
		v, _ := t.Get(k)
		return v, true
	case string:
		if key == nil {
			return t, true // the reference reads an undefined property of a string as the string
		}
		k, ok := key.(string)
		if ok && strings.Contains(t, k) {
			return k, true
		}
		return nil, true
	case []any:
		i, ok := key.(int)
		if !ok {
			return nil, false
		}
		if i < 0 {
			i += len(t)
		}
		if i >= 0 && i < len(t) {
			return t[i], true
		}
		return nil, true
	case int:
		// Ruby's Integer#[] reads a bit; any other key is an error.
		if k, ok := key.(int); ok && k >= 0 && k < 64 {
			return (t >> uint(k)) & 1, true
		}
		return nil, false
	case *big.Int:
		if k, ok := key.(int); ok && k >= 0 {
			return bigBit(t, k), true
		}
		return nil, false
	case float64, bool:
		return nil, false
	case nil:
		return nil, false
	}
	return nil, true
}

func fMap(_ *renderState, in any, args []any, _ map[string]any) (any, error) {
	list, err := listOf(in)
	if err != nil {
		return nil, err
	}
	out := make([]any, 0, len(list))
	for _, e := range list {
		v, ok := property(e, args[0])
		if !ok && e != nil {
			return nil, fmt.Errorf("cannot select the property %s", inspect(args[0]))
		}
		out = append(out, v)
	}
	return out, nil
}

func fSum(_ *renderState, in any, args []any, _ map[string]any) (any, error) {
	list, err := listOf(in)
	if err != nil {
		return nil, err
	}
	total := intNumber(0)
	for _, e := range list {
		if len(args) > 0 && args[0] != nil {
			v, ok := property(e, args[0])
			if !ok {
				if e == nil {
					continue
				}
				return nil, fmt.Errorf("cannot select the property %s", inspect(args[0]))
			}
			e = v
		}
		n, err := toNumber(e)
		if err != nil {
			return nil, err
		}
		if total, err = addNumbers(total, n); err != nil {
			return nil, err
		}
	}
	return total.value(), nil
}

// fSort sorts numbers and strings; nil sorts last; mixing the two is an
// error, as in Ruby.
func fSort(_ *renderState, in any, args []any, _ map[string]any) (any, error) {
	return sortList(in, args, func(a, b any) (int, bool) { return order(a, b) })
}

func fSortNatural(_ *renderState, in any, args []any, _ map[string]any) (any, error) {
	return sortList(in, args, func(a, b any) (int, bool) {
		return strings.Compare(strings.ToLower(toS(a)), strings.ToLower(toS(b))), true
	})
}

func sortList(in any, args []any, cmp func(a, b any) (int, bool)) (any, error) {
	list, err := listOf(in)
	if err != nil {
		return nil, err
	}
	out := append([]any{}, list...)
	key := func(e any) any {
		if len(args) > 0 && args[0] != nil {
			v, _ := property(e, args[0])
			return v
		}
		return e
	}
	var failed bool
	sort.SliceStable(out, func(i, j int) bool {
		a, b := key(out[i]), key(out[j])
		switch {
		case a == nil && b == nil:
			return false
		case a == nil:
			return false
		case b == nil:
			return true
		}
		c, ok := cmp(a, b)
		if !ok {
			failed = true
			return false
		}
		return c < 0
	})
	if failed {
		return nil, errors.New("cannot sort values of incompatible types")
	}
	return out, nil
}

// selectItems is Ruby Liquid's filter_array behind where, reject, has,
// find and find_index: an item matches when item[property] is truthy, or
// equals the target value when one is given. A nil item ends the filter
// with nil.
func selectItems(in any, args []any, each func(i int, item any, match bool) bool) (stopped bool, err error) {
	list, err := listOf(in)
	if err != nil {
		return false, err
	}
	for i, item := range list {
		v, ok := property(item, args[0])
		if !ok {
			if item == nil {
				return true, nil
			}
			return false, fmt.Errorf("cannot select the property %s", inspect(args[0]))
		}
		match := truthy(v)
		if len(args) > 1 && args[1] != nil {
			match = rubyEqual(v, args[1])
		}
		if !each(i, item, match) {
			break
		}
	}
	return false, nil
}

func fWhere(_ *renderState, in any, args []any, _ map[string]any) (any, error) {
	out := []any{}
	nilItem, err := selectItems(in, args, func(_ int, item any, match bool) bool {
		if match {
			out = append(out, item)
		}
		return true
	})
	if nilItem || err != nil {
		return nil, err
	}
	return out, nil
}

func fReject(_ *renderState, in any, args []any, _ map[string]any) (any, error) {
	out := []any{}
	nilItem, err := selectItems(in, args, func(_ int, item any, match bool) bool {
		if !match {
			out = append(out, item)
		}
		return true
	})
	if nilItem || err != nil {
		return nil, err
	}
	return out, nil
}

func fHas(_ *renderState, in any, args []any, _ map[string]any) (any, error) {
	found := false
	nilItem, err := selectItems(in, args, func(_ int, _ any, match bool) bool {
		found = match
		return !match
	})
	if nilItem || err != nil {
		return nil, err
	}
	return found, nil
}

func fFind(_ *renderState, in any, args []any, _ map[string]any) (any, error) {
	var found any
	nilItem, err := selectItems(in, args, func(_ int, item any, match bool) bool {
		if match {
			found = item
		}
		return !match
	})
	if nilItem || err != nil {
		return nil, err
	}
	return found, nil
}

func fFindIndex(_ *renderState, in any, args []any, _ map[string]any) (any, error) {
	var found any
	nilItem, err := selectItems(in, args, func(i int, _ any, match bool) bool {
		if match {
			found = i
		}
		return !match
	})
	if nilItem || err != nil {
		return nil, err
	}
	return found, nil
}
