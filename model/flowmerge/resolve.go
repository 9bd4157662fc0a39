package flowmerge

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/model/flowdiff"
)

// Side is one side of a conflict.
type Side int

// The sides of a merge.
const (
	Ours Side = iota
	Theirs
)

func (s Side) String() string {
	if s == Theirs {
		return "theirs"
	}
	return "ours"
}

// Resolve returns a copy of the flow with its i-th recorded conflict
// settled by taking one side's value (or deletion), and that entry removed;
// with the last entry gone the flow is a normal flow again.
func Resolve(f *model.Flow, i int, side Side) (*model.Flow, error) {
	conflicts := f.Conflicts()
	if i < 0 || i >= len(conflicts) {
		return nil, fmt.Errorf("there is no conflict %d (the flow records %d)", i+1, len(conflicts))
	}
	c := conflicts[i]
	val := opt{c.Ours, c.HasOurs}
	if side == Theirs {
		val = opt{c.Theirs, c.HasTheirs}
	}
	val.v = model.CloneValue(val.v)
	root := f.Root().Clone()
	segs, err := parsePath(c.Path)
	if err != nil {
		return nil, fmt.Errorf("conflict %d: %w", i+1, err)
	}
	if c.Widget == "" {
		if len(segs) == 0 {
			return nil, fmt.Errorf("conflict %d names neither a widget nor a setting", i+1)
		}
		if _, _, err := put(root, segs, val); err != nil {
			return nil, fmt.Errorf("conflict %d (%s): %w", i+1, c.Path, err)
		}
	} else if err := putWidget(root, c.Widget, segs, val); err != nil {
		return nil, fmt.Errorf("conflict %d (widget %s, %s): %w", i+1, c.Widget, c.Path, err)
	}
	list, _ := root.Get(model.ConflictsKey)
	entries, _ := list.([]any)
	rest := append(append([]any{}, entries[:i]...), entries[i+1:]...)
	if len(rest) == 0 {
		root.Delete(model.ConflictsKey)
	} else {
		root.Set(model.ConflictsKey, rest)
	}
	return model.FromObject(root)
}

// putWidget applies val at segs inside the named widget (segs empty: the
// widget itself, replaced or removed).
func putWidget(root *model.Object, name string, segs []seg, val opt) error {
	v, _ := root.Get("states")
	states, ok := v.([]any)
	if !ok {
		return fmt.Errorf("the flow has no states list")
	}
	idx := -1
	for j, s := range states {
		if o, ok := s.(*model.Object); ok {
			if n, _ := o.String("name"); n == name {
				idx = j
				break
			}
		}
	}
	if len(segs) == 0 {
		switch {
		case idx >= 0 && val.ok:
			states[idx] = val.v
		case idx >= 0:
			states = append(states[:idx], states[idx+1:]...)
		case val.ok:
			states = append(states, val.v)
		}
		root.Set("states", states)
		return nil
	}
	if idx < 0 {
		return fmt.Errorf("no widget is named %q", name)
	}
	_, _, err := put(states[idx], segs, val)
	return err
}

// seg is one step of a conflict path: a member, and for lists which
// element (sel: "key=K", an index, or a transition's event and label).
type seg struct {
	key, sel string
	hasSel   bool
}

// parsePath splits "properties.parameters[key=a.b].value" into steps; dots
// and brackets inside a selector's quotes or brackets do not split.
func parsePath(p string) ([]seg, error) {
	if p == "" {
		return nil, nil
	}
	var out []seg
	var cur seg
	var b strings.Builder
	depth, quoted := 0, false
	flush := func() {
		if !cur.hasSel {
			cur.key = b.String()
		}
		out = append(out, cur)
		cur = seg{}
		b.Reset()
	}
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case quoted:
			b.WriteByte(c)
			if c == '\\' && i+1 < len(p) {
				i++
				b.WriteByte(p[i])
			} else if c == '"' {
				quoted = false
			}
		case c == '"' && depth > 0:
			quoted = true
			b.WriteByte(c)
		case c == '[' && depth == 0:
			cur.key = b.String()
			b.Reset()
			depth = 1
		case c == ']' && depth == 1:
			cur.sel, cur.hasSel = b.String(), true
			b.Reset()
			depth = 0
		case c == '.' && depth == 0:
			flush()
		default:
			b.WriteByte(c)
		}
	}
	if depth != 0 || quoted {
		return nil, fmt.Errorf("path %q is cut short", p)
	}
	flush()
	return out, nil
}

// put sets (or, for an absent val, deletes) the value at segs under cur,
// which it changes in place; it returns cur and whether it remains.
func put(cur any, segs []seg, val opt) (any, bool, error) {
	if len(segs) == 0 {
		return val.v, val.ok, nil
	}
	s := segs[0]
	obj, ok := cur.(*model.Object)
	if !ok {
		return nil, false, fmt.Errorf("%s: not inside an object", s.key)
	}
	child, has := obj.Get(s.key)
	if !s.hasSel {
		if !has && len(segs) > 1 {
			if !val.ok {
				return obj, true, nil // already gone
			}
			child, has = model.NewObject(), true
		}
		nv, present, err := put(child, segs[1:], val)
		if err != nil {
			return nil, false, err
		}
		if present {
			obj.Set(s.key, nv)
		} else {
			obj.Delete(s.key)
		}
		return obj, true, nil
	}
	list, _ := child.([]any)
	idx, err := findElement(s, list)
	if err != nil {
		return nil, false, err
	}
	if idx < 0 {
		if len(segs) == 1 && val.ok {
			obj.Set(s.key, append(list, val.v))
		} else if val.ok {
			return nil, false, fmt.Errorf("%s[%s]: no such element", s.key, s.sel)
		}
		return obj, true, nil
	}
	nv, present, err := put(list[idx], segs[1:], val)
	if err != nil {
		return nil, false, err
	}
	if present {
		list[idx] = nv
	} else {
		list = append(list[:idx], list[idx+1:]...)
	}
	obj.Set(s.key, list)
	return obj, true, nil
}

// findElement finds the element a selector names, or -1.
func findElement(s seg, list []any) (int, error) {
	switch {
	case s.key == "transitions":
		event, label, _ := strings.Cut(s.sel, " ")
		if label != "" {
			l, err := strconv.Unquote(label)
			if err != nil {
				return -1, fmt.Errorf("transition label %s: %w", label, err)
			}
			label = l
		}
		ts, ok := asTransitions(list)
		if !ok {
			return -1, fmt.Errorf("the transitions are not a list of objects")
		}
		for i, t := range ts {
			if t.Event == event && (label == "" || flowdiff.Label(t) == label) {
				return i, nil
			}
		}
		return -1, nil
	case strings.HasPrefix(s.sel, "key="):
		k := strings.TrimPrefix(s.sel, "key=")
		for i, e := range list {
			if o, ok := e.(*model.Object); ok {
				if v, _ := o.String("key"); v == k {
					return i, nil
				}
			}
		}
		return -1, nil
	default:
		n, err := strconv.Atoi(s.sel)
		if err != nil {
			return -1, fmt.Errorf("%s[%s]: not an index", s.key, s.sel)
		}
		if n < 0 || n >= len(list) {
			return -1, nil
		}
		return n, nil
	}
}
