// Package flowdiff compares two versions of a Studio flow by meaning rather
// than by text: widgets added, removed, renamed (recognised by identity, so a
// rename is one change and the transitions pointing at the widget follow it),
// moved on the canvas, and changed property by property; transitions
// rewired; flow settings; long text and Liquid compared word by word or line
// by line inside the value.
package flowdiff

import (
	"github.com/studioflow/studioflow/model"
)

// Diff is what changed from an old version of a flow to a new one. Widgets
// are listed in the new flow's order (removed ones in the old flow's).
type Diff struct {
	Settings []Change       `json:"settings,omitempty"`
	Added    []WidgetRef    `json:"added,omitempty"`
	Removed  []WidgetRef    `json:"removed,omitempty"`
	Renamed  []Rename       `json:"renamed,omitempty"`
	Changed  []WidgetChange `json:"changed,omitempty"`
	Moved    []Move         `json:"moved,omitempty"`
}

// WidgetRef names a widget and its type.
type WidgetRef struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

// Rename is a widget that kept its identity under a new name.
type Rename struct {
	Old  string `json:"old"`
	New  string `json:"new"`
	Type string `json:"type"`
}

// Point is a widget's offset on the canvas.
type Point struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
}

// Move is a widget whose canvas offset changed. Moves are layout only: they
// change nothing an execution does.
type Move struct {
	Widget string `json:"widget"`
	From   *Point `json:"from"`
	To     *Point `json:"to"`
}

// WidgetChange is a widget present in both versions (under its new name)
// whose properties or transitions differ.
type WidgetChange struct {
	Widget      string             `json:"widget"`
	OldName     string             `json:"old_name,omitempty"`
	Type        string             `json:"type"`
	Properties  []Change           `json:"properties,omitempty"`
	Transitions []TransitionChange `json:"transitions,omitempty"`
}

// Change kinds.
const (
	KindAdded   = "added"
	KindRemoved = "removed"
	KindChanged = "changed"
)

// Change is one value that differs. Path names it inside its widget's
// properties (or the flow's top level for settings) as "say",
// "flags.allow_concurrent_calls", "parameters[key=order].value" or
// "to[2]". Old is absent for an added value and New for a removed one.
// Text, for long text on both sides, is the edit inside the value, by the
// unit named in TextUnit ("word" or "line").
type Change struct {
	Path     string     `json:"path"`
	Kind     string     `json:"kind"`
	Old      any        `json:"old,omitempty"`
	New      any        `json:"new,omitempty"`
	TextUnit string     `json:"text_unit,omitempty"`
	Text     []TextEdit `json:"text,omitempty"`
}

// Transition change kinds.
const (
	TransitionRewired    = "rewired"
	TransitionAdded      = "added"
	TransitionRemoved    = "removed"
	TransitionConditions = "conditions"
	TransitionReordered  = "reordered"
)

// TransitionChange is one transition of a widget that differs. Event is the
// transition's event; Label tells apart a split's several "match"
// transitions (the condition's friendly name, or its test and value). For
// TransitionReordered, Order lists the labels in their new order.
type TransitionChange struct {
	Event      string   `json:"event"`
	Label      string   `json:"label,omitempty"`
	Kind       string   `json:"kind"`
	OldNext    string   `json:"old_next,omitempty"`
	NewNext    string   `json:"new_next,omitempty"`
	Conditions []Change `json:"conditions,omitempty"`
	Order      []string `json:"order,omitempty"`
}

// Same reports whether the versions do the same thing and look the same.
func (d *Diff) Same() bool {
	return d.SameIgnoringLayout() && len(d.Moved) == 0
}

// SameIgnoringLayout reports whether the only changes are widget offsets.
func (d *Diff) SameIgnoringLayout() bool {
	return len(d.Settings) == 0 && len(d.Added) == 0 && len(d.Removed) == 0 &&
		len(d.Renamed) == 0 && len(d.Changed) == 0
}

// WithoutLayout returns the diff with its moves left out.
func (d *Diff) WithoutLayout() *Diff {
	c := *d
	c.Moved = nil
	return &c
}

// Compare returns what changed from old to new.
func Compare(old, new *model.Flow) *Diff {
	m := matchWidgets(old, new)
	d := &Diff{}
	d.Settings = compareSettings(old, new, m)
	for _, s := range m.removed {
		d.Removed = append(d.Removed, WidgetRef{Name: s.Name(), Type: s.Type()})
	}
	for _, p := range m.pairs {
		if p.old == nil {
			d.Added = append(d.Added, WidgetRef{Name: p.new.Name(), Type: p.new.Type()})
			continue
		}
		if p.old.Name() != p.new.Name() {
			d.Renamed = append(d.Renamed, Rename{Old: p.old.Name(), New: p.new.Name(), Type: p.new.Type()})
		}
		if wc, changed := compareWidget(p.old, p.new, m); changed {
			d.Changed = append(d.Changed, wc)
		}
		if mv, moved := compareOffset(p.old, p.new); moved {
			d.Moved = append(d.Moved, mv)
		}
	}
	return d
}

// compareSettings compares the flow's top-level members other than states;
// initial_state follows a renamed Trigger.
func compareSettings(old, new *model.Flow, m *matching) []Change {
	var out []Change
	oldRoot, newRoot := withoutStates(old.Root()), withoutStates(new.Root())
	if init, ok := oldRoot.String("initial_state"); ok {
		oldRoot.Set("initial_state", m.follow(init))
	}
	diffObject("", oldRoot, newRoot, m, &out)
	return out
}

func withoutStates(root *model.Object) *model.Object {
	c := model.NewObject()
	root.Range(func(k string, v any) bool {
		if k != "states" {
			c.Set(k, v)
		}
		return true
	})
	return c
}

// compareWidget compares a widget's properties (offset aside) and
// transitions, and its members other than name.
func compareWidget(old, new *model.State, m *matching) (WidgetChange, bool) {
	wc := WidgetChange{Widget: new.Name(), Type: new.Type()}
	if old.Name() != new.Name() {
		wc.OldName = old.Name()
	}
	oldRaw, newRaw := old.Raw(), new.Raw()
	var props []Change
	diffObject("", withoutKeys(old.Properties(), "offset"), withoutKeys(new.Properties(), "offset"), m, &props)
	for _, k := range distinctKeys(oldRaw) {
		switch k {
		case "name", "properties", "transitions":
			continue
		}
		v, _ := oldRaw.Get(k)
		if nv, ok := newRaw.Get(k); ok {
			diffValue(k, v, nv, m, &props)
		} else {
			props = append(props, Change{Path: k, Kind: KindRemoved, Old: model.ToGeneric(v)})
		}
	}
	for _, k := range distinctKeys(newRaw) {
		switch k {
		case "name", "properties", "transitions":
			continue
		}
		if !oldRaw.Has(k) {
			v, _ := newRaw.Get(k)
			props = append(props, Change{Path: k, Kind: KindAdded, New: model.ToGeneric(v)})
		}
	}
	wc.Properties = props
	wc.Transitions = compareTransitions(old, new, m)
	return wc, len(wc.Properties) > 0 || len(wc.Transitions) > 0
}

func withoutKeys(o *model.Object, drop ...string) *model.Object {
	c := model.NewObject()
	o.Range(func(k string, v any) bool {
		for _, d := range drop {
			if k == d {
				return true
			}
		}
		c.Set(k, v)
		return true
	})
	return c
}

func compareOffset(old, new *model.State) (Move, bool) {
	ov, _ := old.Property("offset")
	nv, _ := new.Property("offset")
	if SameValue(ov, nv) {
		return Move{}, false
	}
	mv := Move{Widget: new.Name()}
	if x, y, ok := old.Offset(); ok {
		mv.From = &Point{x, y}
	}
	if x, y, ok := new.Offset(); ok {
		mv.To = &Point{x, y}
	}
	if mv.From != nil && mv.To != nil && *mv.From == *mv.To {
		return Move{}, false // the same place written differently (60 and 60.0)
	}
	return mv, true
}
