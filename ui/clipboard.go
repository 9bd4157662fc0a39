package ui

import (
	"fmt"
	"math"
	"slices"

	"github.com/studioflow/studioflow/model"
)

// Widgets travel through the system clipboard as Studio JSON: a definition
// holding just the copied widgets ({"states": [...]}), so they can be pasted
// into another window or from a text editor. Paste also accepts a whole
// definition, one widget object, or a list of widgets.

// copyWidgets writes the named widgets (the trigger excepted: a flow has
// exactly one) as a definition in canonical form.
func copyWidgets(f *model.Flow, names []string) ([]byte, int) {
	var states []any
	for _, s := range f.States() {
		if slices.Contains(names, s.Name()) && !s.IsTrigger() {
			states = append(states, s.Raw().Clone())
		}
	}
	if len(states) == 0 {
		return nil, 0
	}
	return model.MarshalCanonical(model.NewObject(model.Member{Key: "states", Value: states})), len(states)
}

// pastedWidgets reads widgets from clipboard text.
func pastedWidgets(text []byte) ([]*model.Object, error) {
	if len(text) > model.MaxFileSize {
		return nil, fmt.Errorf("the clipboard holds %d MiB, more than a flow may (%d MiB)", len(text)>>20, model.MaxFileSize>>20)
	}
	v, err := model.ParseValue(text)
	if err != nil {
		return nil, fmt.Errorf("the clipboard does not hold Studio JSON: %w", err)
	}
	var list []any
	switch t := v.(type) {
	case *model.Object:
		if sv, ok := t.Get("states"); ok {
			list, _ = sv.([]any)
		} else if t.Has("type") && t.Has("name") {
			list = []any{t}
		} else if dv, ok := t.Get("definition"); ok {
			if d, ok := dv.(*model.Object); ok {
				sv, _ := d.Get("states")
				list, _ = sv.([]any)
			}
		}
	case []any:
		list = t
	}
	var out []*model.Object
	for i, e := range list {
		o, ok := e.(*model.Object)
		if !ok {
			return nil, fmt.Errorf("widget %d in the clipboard is not a JSON object", i+1)
		}
		if typ, _ := o.String("type"); typ == model.TriggerType {
			continue
		}
		if _, ok := o.String("name"); !ok {
			return nil, fmt.Errorf("widget %d in the clipboard has no name", i+1)
		}
		out = append(out, o.Clone())
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("the clipboard holds no widgets to paste")
	}
	return out, nil
}

// pasteOp builds the operation that adds the pasted widgets to f, moved
// by shift (the canvas's CopyShift): names that clash get fresh ones (and
// the transitions and Liquid references among the pasted widgets follow),
// and transitions to widgets that were not pasted are cleared. It is one
// undoable step.
func pasteOp(f *model.Flow, widgets []*model.Object, shift model.Position) (model.Op, []string) {
	// Fresh names avoid every pasted name too, so no rename can turn one
	// pasted widget's references into another's.
	taken := map[string]bool{}
	for _, w := range widgets {
		name, _ := w.String("name")
		taken[name] = true
	}
	used := map[string]bool{}
	rename := map[string]string{}
	for _, w := range widgets {
		name, _ := w.String("name")
		fresh := name
		if model.ValidateName(name) != nil || f.IndexOf(name) >= 0 || used[name] {
			fresh = model.FreshNameExcept(f, name, taken)
		}
		taken[fresh], used[fresh] = true, true
		rename[name] = fresh
	}
	var ops []model.Op
	var names []string
	for _, w := range widgets {
		old, _ := w.String("name")
		w.Set("name", rename[old])
		for from, to := range rename {
			if from != to {
				rewriteRefs(w, from, to)
			}
		}
		retarget(w, rename)
		moveBy(w, shift)
		ops = append(ops, model.AddWidget(w, -1))
		names = append(names, rename[old])
	}
	label := "Paste " + plural(len(names), "widget")
	return model.Batch(label, ops...), names
}

func offsetOf(w *model.Object) (float64, float64, bool) {
	pv, _ := w.Get("properties")
	props, _ := pv.(*model.Object)
	ov, _ := props.Get("offset")
	o, _ := ov.(*model.Object)
	xv, _ := o.Get("x")
	yv, _ := o.Get("y")
	x, okx := model.NumberValue(xv)
	y, oky := model.NumberValue(yv)
	return x, y, okx && oky
}

func moveBy(w *model.Object, shift model.Position) {
	x, y, ok := offsetOf(w)
	if !ok {
		return
	}
	pv, _ := w.Get("properties")
	props := pv.(*model.Object)
	props.Set("offset", model.NewObject(
		model.Member{Key: "x", Value: model.Int(int(math.Round(x + shift.X)))},
		model.Member{Key: "y", Value: model.Int(int(math.Round(y + shift.Y)))},
	))
}

// retarget points transitions at the pasted widgets' new names and clears
// those that lead outside the pasted group.
func retarget(w *model.Object, rename map[string]string) {
	tv, _ := w.Get("transitions")
	list, _ := tv.([]any)
	for _, e := range list {
		t, ok := e.(*model.Object)
		if !ok {
			continue
		}
		next, _ := t.String("next")
		if next == "" {
			continue
		}
		if to, ok := rename[next]; ok {
			t.Set("next", to)
		} else {
			t.Delete("next")
		}
	}
}

// rewriteRefs renames Liquid references ({{widgets.OLD…}}) in every string
// of a widget's properties and transitions.
func rewriteRefs(w *model.Object, from, to string) {
	for _, key := range []string{"properties", "transitions"} {
		if v, ok := w.Get(key); ok {
			w.Set(key, mapStrings(v, func(s string) string { return model.RewriteWidgetRefs(s, from, to) }))
		}
	}
}

func mapStrings(v any, fn func(string) string) any {
	switch t := v.(type) {
	case string:
		return fn(t)
	case []any:
		for i, e := range t {
			t[i] = mapStrings(e, fn)
		}
		return t
	case *model.Object:
		for _, m := range t.Members() {
			t.Set(m.Key, mapStrings(m.Value, fn))
		}
		return t
	}
	return v
}
