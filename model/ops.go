package model

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// indexedRaw is a widget's JSON at a position in the states list.
type indexedRaw struct {
	index int
	raw   *Object
}

// topMember is a top-level member of the definition, or its absence.
type topMember struct {
	key     string
	value   any
	present bool
}

// snapshot puts back earlier copies of some widgets and top-level members.
// Every in-place edit returns one as its inverse, and applying one returns
// another, so undo and redo need no per-operation logic.
type snapshot struct {
	label  string
	states []indexedRaw
	top    []topMember
}

func (s *snapshot) Label() string { return s.label }

func (s *snapshot) apply(f *Flow) (Op, Change, error) {
	inv := &snapshot{label: s.label}
	var ch Change
	renamed := false
	for _, st := range s.states {
		if st.index < 0 || st.index >= len(f.states) {
			return nil, Change{}, fmt.Errorf("widget position %d is out of range", st.index)
		}
		cur := f.states[st.index]
		next := newState(st.raw)
		inv.states = append(inv.states, indexedRaw{st.index, cur.raw})
		if cur.name != next.name {
			ch.Renamed = append(ch.Renamed, Rename{Old: cur.name, New: next.name})
			renamed = true
		}
		if !slices.EqualFunc(cur.transitions, next.transitions, sameWire) {
			ch.Structure = true
		}
		ch.Widgets = appendUnique(ch.Widgets, next.name)
		f.setState(st.index, next)
	}
	for _, t := range s.top {
		old, had := f.root.Get(t.key)
		inv.top = append(inv.top, topMember{key: t.key, value: old, present: had})
		if t.present {
			f.root.Set(t.key, t.value)
		} else {
			f.root.Delete(t.key)
		}
		ch.FlowLevel = true
	}
	if renamed {
		f.reindex()
		ch.Structure = true
	}
	return inv, ch, nil
}

func sameWire(a, b Transition) bool { return a.Event == b.Event && a.Next == b.Next }

// setState replaces the widget at i without changing the list's length.
func (f *Flow) setState(i int, s *State) {
	f.states[i] = s
	if list, ok := f.statesList(); ok && i < len(list) {
		list[i] = s.raw
	} else {
		f.syncStates()
	}
}

func (f *Flow) statesList() ([]any, bool) {
	v, _ := f.root.Get("states")
	list, ok := v.([]any)
	return list, ok && len(list) == len(f.states)
}

// editStates runs fn on the widgets at the given positions, keeping copies to
// undo with. fn returns an error to leave the flow as it was.
func editStates(f *Flow, label string, indices []int, fn func() error) (Op, Change, error) {
	inv := &snapshot{label: label}
	before := make([]*State, len(indices))
	for k, i := range indices {
		before[k] = &State{name: f.states[i].name, transitions: f.states[i].Transitions()}
		inv.states = append(inv.states, indexedRaw{i, f.states[i].raw.Clone()})
	}
	if err := fn(); err != nil {
		for _, st := range inv.states {
			f.setState(st.index, newState(st.raw.Clone()))
		}
		f.reindex()
		return nil, Change{}, err
	}
	var ch Change
	renamed := false
	for k, i := range indices {
		s := f.states[i]
		s.refresh()
		if before[k].name != s.name {
			ch.Renamed = append(ch.Renamed, Rename{Old: before[k].name, New: s.name})
			renamed = true
		}
		if !slices.EqualFunc(before[k].transitions, s.transitions, sameWire) {
			ch.Structure = true
		}
		ch.Widgets = appendUnique(ch.Widgets, s.name)
	}
	if renamed {
		f.reindex()
		ch.Structure = true
	}
	return inv, ch, nil
}

// existingIndex is the index of the widget named name, or an error saying
// there is none.
func (f *Flow) existingIndex(name string) (int, error) {
	i := f.IndexOf(name)
	if i < 0 {
		return -1, fmt.Errorf("there is no widget named %q", name)
	}
	return i, nil
}

// funcOp is an operation defined by a function; all public constructors
// return one.
type funcOp struct {
	label string
	fn    func(f *Flow) (Op, Change, error)
}

func (o *funcOp) Label() string                                 { return o.label }
func (o *funcOp) apply(f *Flow) (Op, Change, error)             { return o.fn(f) }
func newOp(label string, fn func(*Flow) (Op, Change, error)) Op { return &funcOp{label: label, fn: fn} }

// SetProperty sets one property of a widget, keeping the property's place
// among the others (a new one goes last).
func SetProperty(widget, key string, value any) Op {
	return newOp(fmt.Sprintf("Change %s of %s", key, widget), func(f *Flow) (Op, Change, error) {
		i, err := f.existingIndex(widget)
		if err != nil {
			return nil, Change{}, err
		}
		return editStates(f, fmt.Sprintf("Change %s of %s", key, widget), []int{i}, func() error {
			props := ensureProperties(f.states[i])
			props.Set(key, value)
			return nil
		})
	})
}

// DeleteProperty removes one property of a widget.
func DeleteProperty(widget, key string) Op {
	label := fmt.Sprintf("Remove %s of %s", key, widget)
	return newOp(label, func(f *Flow) (Op, Change, error) {
		i, err := f.existingIndex(widget)
		if err != nil {
			return nil, Change{}, err
		}
		return editStates(f, label, []int{i}, func() error {
			if f.states[i].Properties().Delete(key) < 0 {
				return fmt.Errorf("widget %q has no property %q", widget, key)
			}
			return nil
		})
	})
}

func ensureProperties(s *State) *Object {
	if p := s.Properties(); p != nil {
		return p
	}
	p := NewObject()
	s.raw.Set("properties", p)
	return p
}

// MoveWidget sets a widget's offset. Studio stores whole numbers, so the
// position is rounded.
func MoveWidget(widget string, x, y float64) Op {
	label := "Move " + widget
	return newOp(label, func(f *Flow) (Op, Change, error) {
		i, err := f.existingIndex(widget)
		if err != nil {
			return nil, Change{}, err
		}
		return editStates(f, label, []int{i}, func() error {
			setOffset(ensureProperties(f.states[i]), x, y)
			return nil
		})
	})
}

// Position is a widget's place on the canvas.
type Position struct{ X, Y float64 }

// MoveWidgets moves several widgets as one step.
func MoveWidgets(positions map[string]Position) Op {
	names := make([]string, 0, len(positions))
	for n := range positions {
		names = append(names, n)
	}
	slices.Sort(names)
	label := "Move widgets"
	if len(names) == 1 {
		label = "Move " + names[0]
	}
	return newOp(label, func(f *Flow) (Op, Change, error) {
		indices := make([]int, len(names))
		for k, n := range names {
			i, err := f.existingIndex(n)
			if err != nil {
				return nil, Change{}, err
			}
			indices[k] = i
		}
		return editStates(f, label, indices, func() error {
			for k, i := range indices {
				p := positions[names[k]]
				setOffset(ensureProperties(f.states[i]), p.X, p.Y)
			}
			return nil
		})
	})
}

func setOffset(props *Object, x, y float64) {
	xn, yn := Int(int(math.Round(x))), Int(int(math.Round(y)))
	if v, ok := props.Get("offset"); ok {
		if o, ok := v.(*Object); ok {
			o.Set("x", xn)
			o.Set("y", yn)
			return
		}
	}
	props.Set("offset", NewObject(Member{"x", xn}, Member{"y", yn}))
}

// Connect points transition number index of widget at target.
func Connect(widget string, index int, target string) Op {
	label := fmt.Sprintf("Connect %s to %s", widget, target)
	return newOp(label, func(f *Flow) (Op, Change, error) {
		if target == "" {
			return nil, Change{}, fmt.Errorf("connect %s: no target widget given", widget)
		}
		if f.IndexOf(target) < 0 {
			return nil, Change{}, fmt.Errorf("connect %s: there is no widget named %q", widget, target)
		}
		return setNext(f, label, widget, index, target)
	})
}

// Disconnect clears the target of transition number index of widget.
func Disconnect(widget string, index int) Op {
	label := "Disconnect " + widget
	return newOp(label, func(f *Flow) (Op, Change, error) {
		return setNext(f, label, widget, index, "")
	})
}

func setNext(f *Flow, label, widget string, index int, target string) (Op, Change, error) {
	i, err := f.existingIndex(widget)
	if err != nil {
		return nil, Change{}, err
	}
	t, err := transitionObject(f.states[i], index)
	if err != nil {
		return nil, Change{}, err
	}
	nullStyle := f.usesNullNext()
	return editStates(f, label, []int{i}, func() error {
		writeNext(t, target, nullStyle)
		return nil
	})
}

// writeNext sets or clears a transition's next the way the file does it:
// real exports put "next" before "event" and leave it out when unconnected;
// the documentation's samples write "next": null.
func writeNext(t *Object, target string, nullStyle bool) {
	switch {
	case target != "":
		t.SetAt("next", target, 0)
	case nullStyle:
		t.Set("next", nil)
	default:
		t.Delete("next")
	}
}

func transitionObject(s *State, index int) (*Object, error) {
	v, _ := s.raw.Get("transitions")
	list, _ := v.([]any)
	if index < 0 || index >= len(list) {
		return nil, fmt.Errorf("widget %q has no transition number %d", s.name, index)
	}
	t, ok := list[index].(*Object)
	if !ok {
		return nil, fmt.Errorf("transition %d of %q is not an object", index, s.name)
	}
	return t, nil
}

// usesNullNext reports whether the flow writes unconnected transitions as
// "next": null.
func (f *Flow) usesNullNext() bool {
	for _, s := range f.states {
		v, _ := s.raw.Get("transitions")
		list, _ := v.([]any)
		for _, e := range list {
			if t, ok := e.(*Object); ok {
				if nv, has := t.Get("next"); has && nv == nil {
					return true
				}
			}
		}
	}
	return false
}

// SetTransitions replaces a widget's whole transition list (the split
// editor's add, remove, reorder and condition edits).
func SetTransitions(widget string, transitions []any) Op {
	label := "Edit transitions of " + widget
	return newOp(label, func(f *Flow) (Op, Change, error) {
		i, err := f.existingIndex(widget)
		if err != nil {
			return nil, Change{}, err
		}
		for k, t := range transitions {
			if _, ok := t.(*Object); !ok {
				return nil, Change{}, fmt.Errorf("transition %d must be an object, not %s", k, TypeName(t))
			}
		}
		return editStates(f, label, []int{i}, func() error {
			f.states[i].raw.Set("transitions", CloneValue(transitions))
			return nil
		})
	})
}

// SetFlowField sets a top-level member of the definition (description,
// initial_state, flags, …). The states list is edited only through widget
// operations.
func SetFlowField(key string, value any) Op {
	label := "Change flow " + key
	return newOp(label, func(f *Flow) (Op, Change, error) {
		if key == "states" {
			return nil, Change{}, fmt.Errorf("the states list is changed only by widget operations")
		}
		old, had := f.root.Get(key)
		f.root.Set(key, CloneValue(value))
		return &snapshot{label: label, top: []topMember{{key, old, had}}}, Change{FlowLevel: true}, nil
	})
}

// RenameWidget renames a widget and updates everything that names it: every
// transition's next, initial_state, and Liquid references such as
// {{widgets.OLD.body}} in any string of any widget.
func RenameWidget(oldName, newName string) Op {
	label := fmt.Sprintf("Rename %s to %s", oldName, newName)
	return newOp(label, func(f *Flow) (Op, Change, error) {
		i, err := f.existingIndex(oldName)
		if err != nil {
			return nil, Change{}, err
		}
		if oldName == newName {
			return nil, Change{}, fmt.Errorf("%q already has that name", oldName)
		}
		if err := ValidateName(newName); err != nil {
			return nil, Change{}, err
		}
		if f.IndexOf(newName) >= 0 {
			return nil, Change{}, fmt.Errorf("another widget is already named %q", newName)
		}
		rewrite := func(s string) string { return RewriteWidgetRefs(s, oldName, newName) }
		var touched []int
		for k, s := range f.states {
			if k == i || stateMentions(s, oldName, rewrite) {
				touched = append(touched, k)
			}
		}
		inv, ch, err := editStates(f, label, touched, func() error {
			for _, k := range touched {
				s := f.states[k]
				if k == i {
					s.raw.Set("name", newName)
				}
				if v, ok := s.raw.Get("properties"); ok {
					rewriteStrings(v, rewrite)
				}
				tv, _ := s.raw.Get("transitions")
				list, _ := tv.([]any)
				for _, e := range list {
					t, ok := e.(*Object)
					if !ok {
						continue
					}
					if n, _ := t.String("next"); n == oldName {
						t.Set("next", newName)
					}
					if c, ok := t.Get("conditions"); ok {
						rewriteStrings(c, rewrite)
					}
				}
			}
			return nil
		})
		if err != nil {
			return nil, Change{}, err
		}
		if f.InitialState() == oldName {
			snap := inv.(*snapshot)
			snap.top = append(snap.top, topMember{key: "initial_state", value: oldName, present: true})
			f.root.Set("initial_state", newName)
			ch.FlowLevel = true
		}
		return inv, ch, nil
	})
}

func stateMentions(s *State, name string, rewrite func(string) string) bool {
	for _, t := range s.transitions {
		if t.Next == name {
			return true
		}
	}
	found := false
	probe := func(str string) string {
		if !found && strings.Contains(str, name) && rewrite(str) != str {
			found = true
		}
		return str
	}
	if v, ok := s.raw.Get("properties"); ok {
		rewriteStrings(v, probe)
	}
	for _, t := range s.transitions {
		for _, c := range t.Conditions {
			rewriteStrings(c, probe)
		}
	}
	return found
}

// AddWidget inserts a widget (its whole JSON object: name, type, transitions,
// properties) at position index, or at the end when index is negative.
func AddWidget(state *Object, index int) Op {
	name, _ := state.String("name")
	label := "Add " + name
	return newOp(label, func(f *Flow) (Op, Change, error) {
		if err := ValidateName(name); err != nil {
			return nil, Change{}, err
		}
		if f.IndexOf(name) >= 0 {
			return nil, Change{}, fmt.Errorf("another widget is already named %q", name)
		}
		at := index
		if at < 0 || at > len(f.states) {
			at = len(f.states)
		}
		ins := &insertStates{label: label, items: []indexedRaw{{at, state.Clone()}}}
		return ins.apply(f)
	})
}

// insertStates puts widgets back at their positions (ascending).
type insertStates struct {
	label string
	items []indexedRaw
}

func (o *insertStates) Label() string { return o.label }

func (o *insertStates) apply(f *Flow) (Op, Change, error) {
	var ch Change
	indices := make([]int, 0, len(o.items))
	for _, it := range o.items {
		if it.index < 0 || it.index > len(f.states) {
			return nil, Change{}, fmt.Errorf("widget position %d is out of range", it.index)
		}
		s := newState(it.raw)
		f.states = slices.Insert(f.states, it.index, s)
		indices = append(indices, it.index)
		ch.Added = append(ch.Added, s.name)
	}
	f.syncStates()
	ch.Structure = true
	return &removeStates{label: o.label, indices: indices}, ch, nil
}

// removeStates takes widgets out by position, without touching transitions
// that point at them.
type removeStates struct {
	label   string
	indices []int
}

func (o *removeStates) Label() string { return o.label }

func (o *removeStates) apply(f *Flow) (Op, Change, error) {
	sorted := slices.Clone(o.indices)
	slices.Sort(sorted)
	sorted = slices.Compact(sorted)
	var ch Change
	items := make([]indexedRaw, 0, len(sorted))
	for _, i := range sorted {
		if i < 0 || i >= len(f.states) {
			return nil, Change{}, fmt.Errorf("widget position %d is out of range", i)
		}
		items = append(items, indexedRaw{i, f.states[i].raw})
		ch.Removed = append(ch.Removed, f.states[i].name)
	}
	for k := len(sorted) - 1; k >= 0; k-- {
		f.states = slices.Delete(f.states, sorted[k], sorted[k]+1)
	}
	f.syncStates()
	ch.Structure = true
	return &insertStates{label: o.label, items: items}, ch, nil
}

// RemoveWidgets deletes widgets and clears the next of every transition that
// pointed at them. The trigger cannot be deleted.
func RemoveWidgets(names ...string) Op {
	label := "Delete " + strings.Join(names, ", ")
	if len(names) > 3 {
		label = fmt.Sprintf("Delete %d widgets", len(names))
	}
	return newOp(label, func(f *Flow) (Op, Change, error) {
		doomed := map[string]bool{}
		var indices []int
		for _, n := range names {
			i, err := f.existingIndex(n)
			if err != nil {
				return nil, Change{}, err
			}
			if f.states[i].typ == "trigger" {
				return nil, Change{}, fmt.Errorf("the trigger widget %q cannot be deleted", n)
			}
			doomed[n] = true
			indices = append(indices, i)
		}
		var pointing []int
		for k, s := range f.states {
			if doomed[s.name] {
				continue
			}
			for _, t := range s.transitions {
				if doomed[t.Next] {
					pointing = append(pointing, k)
					break
				}
			}
		}
		nullStyle := f.usesNullNext()
		clear := newOp(label, func(f *Flow) (Op, Change, error) {
			return editStates(f, label, pointing, func() error {
				for _, k := range pointing {
					tv, _ := f.states[k].raw.Get("transitions")
					list, _ := tv.([]any)
					for _, e := range list {
						if t, ok := e.(*Object); ok {
							if n, _ := t.String("next"); doomed[n] {
								writeNext(t, "", nullStyle)
							}
						}
					}
				}
				return nil
			})
		})
		return Batch(label, clear, &removeStates{label: label, indices: indices}).apply(f)
	})
}

// ReplaceFlow swaps in a whole new definition (Show Flow JSON's Save, Tidy
// up over everything). The new flow is owned by the document from now on.
func ReplaceFlow(next *Flow) Op {
	label := "Replace flow"
	return newOp(label, func(f *Flow) (Op, Change, error) {
		old := *f
		*f = *next
		var ch Change
		ch.FlowLevel = true
		ch.Structure = true
		for _, s := range f.states {
			ch.Widgets = append(ch.Widgets, s.name)
		}
		prev := &old
		return newOp(label, func(g *Flow) (Op, Change, error) {
			return ReplaceFlow(prev).apply(g)
		}), ch, nil
	})
}

// Batch applies several operations as one undoable step. When one fails, the
// ones before it are undone and the flow is left as it was.
func Batch(label string, ops ...Op) Op {
	return &batch{label: label, ops: ops}
}

type batch struct {
	label string
	ops   []Op
}

func (b *batch) Label() string { return b.label }

func (b *batch) apply(f *Flow) (Op, Change, error) {
	inverses := make([]Op, 0, len(b.ops))
	var ch Change
	for _, op := range b.ops {
		inv, c, err := op.apply(f)
		if err != nil {
			for k := len(inverses) - 1; k >= 0; k-- {
				_, _, _ = inverses[k].apply(f)
			}
			return nil, Change{}, err
		}
		inverses = append(inverses, inv)
		ch.merge(c)
	}
	slices.Reverse(inverses)
	return &batch{label: b.label, ops: inverses}, ch, nil
}
