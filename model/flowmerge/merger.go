package flowmerge

import (
	"fmt"
	"strings"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/model/flowdiff"
)

// merger does one merge, collecting its conflicts.
type merger struct {
	conflicts  []model.Conflict
	baseNameOf map[*model.Object]string // merged widget → its name in the base
}

// opt is a value that may be absent (deleted, or never there).
type opt struct {
	v  any
	ok bool
}

func (m *merger) conflict(widget, path string, b, o, t opt) {
	m.conflicts = append(m.conflicts, model.Conflict{Widget: widget, Path: path,
		Base: model.CloneValue(b.v), HasBase: b.ok, Ours: model.CloneValue(o.v), HasOurs: o.ok, Theirs: model.CloneValue(t.v), HasTheirs: t.ok})
}

// mergeWidgets merges the widgets: ours in our order, then theirs that are
// new, then widgets we deleted but they changed (a conflict, kept so that no
// edit is lost).
func (m *merger) mergeWidgets(base *model.Flow, o, t *side) []*model.Object {
	m.baseNameOf = map[*model.Object]string{}
	var out []*model.Object
	done := map[string]bool{}
	emit := func(key string) {
		if done[key] {
			return
		}
		done[key] = true
		b := base.State(key)
		ov, hasO := o.byBase[key]
		tv, hasT := t.byBase[key]
		bo := opt{b.Raw(), true}
		switch {
		case !hasO && !hasT:
			return
		case !hasO:
			if flowdiff.SameValue(bo.v, tv) {
				return // we deleted it, they left it alone
			}
			m.conflict(key, "", bo, opt{}, opt{tv, true})
			w := tv.Clone()
			m.baseNameOf[w] = key
			out = append(out, w)
		case !hasT:
			if flowdiff.SameValue(bo.v, ov) {
				return // they deleted it, we left it alone
			}
			m.conflict(key, "", bo, opt{ov, true}, opt{})
			w := ov.Clone()
			m.baseNameOf[w] = key
			out = append(out, w)
		default:
			w := m.value(key, "", bo, opt{ov, true}, opt{tv, true}).v.(*model.Object)
			m.baseNameOf[w] = key
			out = append(out, w)
		}
	}
	theirAdded := map[string]*model.Object{}
	for _, w := range t.added {
		name, _ := w.String("name")
		theirAdded[name] = w
	}
	for _, key := range o.order {
		if !strings.HasPrefix(key, "+") {
			emit(key)
			continue
		}
		name := key[1:]
		w := findNamed(o.added, name)
		if tw, both := theirAdded[name]; both {
			// Added on both sides under one name: merged as if from nothing.
			merged := m.value(name, "", opt{model.NewObject(), true}, opt{w, true}, opt{tw, true}).v.(*model.Object)
			delete(theirAdded, name)
			out = append(out, merged)
			continue
		}
		out = append(out, w.Clone())
	}
	for _, w := range t.added {
		name, _ := w.String("name")
		if _, left := theirAdded[name]; left {
			out = append(out, w.Clone())
		}
	}
	for _, s := range base.States() {
		emit(s.Name())
	}
	return out
}

func findNamed(list []*model.Object, name string) *model.Object {
	for _, w := range list {
		if n, _ := w.String("name"); n == name {
			return w
		}
	}
	return nil
}

// mergeSettings merges the top-level members other than states (and an
// earlier merge's conflicts), in our order.
func (m *merger) mergeSettings(base, ours, theirs *model.Flow, o, t *side) *model.Object {
	strip := func(f *model.Flow, s *side) *model.Object {
		c := model.NewObject()
		f.Root().Range(func(k string, v any) bool {
			if k == model.ConflictsKey {
				return true
			}
			if k == "states" {
				c.Set(k, []any{}) // keeps its place in the member order
				return true
			}
			if k == "initial_state" && s != nil {
				if name, ok := v.(string); ok {
					if b, ok := s.renamed[name]; ok {
						v = b
					}
				}
			}
			c.Set(k, model.CloneValue(v))
			return true
		})
		return c
	}
	merged := m.value("", "", opt{strip(base, nil), true}, opt{strip(ours, o), true}, opt{strip(theirs, t), true})
	return merged.v.(*model.Object)
}

// value merges one value three ways. Objects merge member by member, a
// widget's transitions transition by transition, keyed lists (parameters)
// by key; anything else changed differently on both sides is a conflict
// that keeps our side.
func (m *merger) value(widget, path string, b, o, t opt) opt {
	switch {
	case same(o, t):
		return clone(o)
	case same(b, o):
		return clone(t)
	case same(b, t):
		return clone(o)
	}
	if o.ok && t.ok {
		oo, isObjO := o.v.(*model.Object)
		to, isObjT := t.v.(*model.Object)
		if isObjO && isObjT {
			bo, _ := b.v.(*model.Object)
			if bo == nil {
				bo = model.NewObject()
			}
			return opt{m.object(widget, path, bo, oo, to), true}
		}
		ol, isListO := o.v.([]any)
		tl, isListT := t.v.([]any)
		if isListO && isListT {
			bl, _ := b.v.([]any)
			if widget != "" && path == "transitions" {
				return opt{m.transitions(widget, bl, ol, tl), true}
			}
			if merged, ok := m.keyedList(widget, path, bl, ol, tl); ok {
				return opt{merged, true}
			}
		}
	}
	m.conflict(widget, path, b, o, t)
	if !o.ok {
		// Keep their version in place of our deletion, so nothing is lost.
		return clone(t)
	}
	return clone(o)
}

func same(a, b opt) bool {
	return a.ok == b.ok && (!a.ok || flowdiff.SameValue(a.v, b.v))
}

func clone(a opt) opt {
	return opt{model.CloneValue(a.v), a.ok}
}

func get(o *model.Object, k string) opt {
	v, ok := o.Get(k)
	return opt{v, ok}
}

// object merges members; the result has our order, with members only they
// added after.
func (m *merger) object(widget, path string, b, o, t *model.Object) *model.Object {
	out := model.NewObject()
	add := func(k string) {
		r := m.value(widget, joinPath(path, k), get(b, k), get(o, k), get(t, k))
		if r.ok {
			out.Set(k, r.v)
		}
	}
	for _, k := range o.Keys() {
		add(k)
	}
	for _, k := range t.Keys() {
		if !o.Has(k) {
			add(k)
		}
	}
	for _, k := range b.Keys() {
		if !o.Has(k) && !t.Has(k) {
			add(k) // deleted on both sides: stays deleted
		}
	}
	return out
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// keyedList merges lists of objects with distinct "key" members (a Run
// Function's parameters) by key. It reports false for other lists.
func (m *merger) keyedList(widget, path string, b, o, t []any) ([]any, bool) {
	bk, ok1 := keyOrder(b, true)
	ok, ok2 := keyOrder(o, false)
	tk, ok3 := keyOrder(t, false)
	if !ok1 || !ok2 || !ok3 {
		return nil, false
	}
	keys := append([]string(nil), ok...)
	for _, k := range tk {
		if indexOf(keys, k) < 0 {
			keys = append(keys, k)
		}
	}
	var out []any
	for _, k := range keys {
		r := m.value(widget, fmt.Sprintf("%s[key=%s]", path, k), byKey(b, bk, k), byKey(o, ok, k), byKey(t, tk, k))
		if r.ok {
			out = append(out, r.v)
		}
	}
	if out == nil {
		out = []any{}
	}
	return out, true
}

// keyOrder lists the "key" members of a list of objects; an empty list
// qualifies only as the base.
func keyOrder(list []any, emptyOK bool) ([]string, bool) {
	if len(list) == 0 {
		return nil, emptyOK
	}
	var keys []string
	for _, e := range list {
		obj, ok := e.(*model.Object)
		if !ok {
			return nil, false
		}
		k, ok := obj.String("key")
		if !ok || indexOf(keys, k) >= 0 {
			return nil, false
		}
		keys = append(keys, k)
	}
	return keys, true
}

func byKey(list []any, keys []string, k string) opt {
	if i := indexOf(keys, k); i >= 0 {
		return opt{list[i], true}
	}
	return opt{}
}

func indexOf(list []string, s string) int {
	for i, e := range list {
		if e == s {
			return i
		}
	}
	return -1
}
