package schemas

import (
	"slices"

	"github.com/studioflow/studioflow/model"
)

// schemaInstance is the widget in plain form as the schemas see it: a
// transition with "next": null is shown without next, since both mean "not
// connected" and split-based-on's schema rejects null (QUIRKS.md 10).
func schemaInstance(s *model.State) map[string]any { return schemaInstanceOf(s.Raw()) }

func schemaInstanceOf(raw *model.Object) map[string]any {
	m, _ := model.ToGeneric(raw).(map[string]any)
	if list, ok := m["transitions"].([]any); ok {
		for _, t := range list {
			if obj, ok := t.(map[string]any); ok {
				if next, has := obj["next"]; has && next == nil {
					delete(obj, "next")
				}
			}
		}
	}
	return m
}

// schemaView is schemaInstance without the conversion: the widget as a model
// value, each transition with "next": null shown without next. It shares
// everything else with raw, and is raw itself when no transition has a null
// next.
func schemaView(raw *model.Object) *model.Object {
	tv, _ := raw.Get("transitions")
	list, _ := tv.([]any)
	var shown []any
	for j, t := range list {
		obj, ok := t.(*model.Object)
		if !ok {
			continue
		}
		if !holdsNull(obj) { // most transitions: no key compared
			continue
		}
		if next, has := obj.Get("next"); !has || next != nil {
			continue
		}
		if shown == nil {
			shown = slices.Clone(list)
		}
		kept := model.NewObject()
		obj.Range(func(key string, value any) bool {
			if key != "next" {
				kept.Set(key, value)
			}
			return true
		})
		shown[j] = kept
	}
	if shown == nil {
		return raw
	}
	view := model.NewObject()
	raw.Range(func(key string, value any) bool {
		if key == "transitions" {
			value = shown
		}
		view.Set(key, value)
		return true
	})
	return view
}

// holdsNull reports whether a member of o is null.
func holdsNull(o *model.Object) bool {
	for i := range o.Len() {
		if o.MemberAt(i).Value == nil {
			return true
		}
	}
	return false
}
