package model

import (
	"fmt"
	"math"
	"slices"
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

// editWidget is the operation labelled label that edits the one widget
// named widget with fn, given its state (fn returns an error to leave the
// flow as it was).
func editWidget(label, widget string, fn func(s *State) error) Op {
	return newOp(label, func(f *Flow) (Op, Change, error) {
		i, err := f.existingIndex(widget)
		if err != nil {
			return nil, Change{}, err
		}
		return editStates(f, label, []int{i}, func() error { return fn(f.states[i]) })
	})
}

// SetProperty sets one property of a widget, keeping the property's place
// among the others (a new one goes last).
func SetProperty(widget, key string, value any) Op {
	return editWidget(fmt.Sprintf("Change %s of %s", key, widget), widget, func(s *State) error {
		ensureProperties(s).Set(key, value)
		return nil
	})
}

// DeleteProperty removes one property of a widget.
func DeleteProperty(widget, key string) Op {
	return editWidget(fmt.Sprintf("Remove %s of %s", key, widget), widget, func(s *State) error {
		if s.Properties().Delete(key) < 0 {
			return fmt.Errorf("widget %q has no property %q", widget, key)
		}
		return nil
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
	return editWidget("Move "+widget, widget, func(s *State) error {
		setOffset(ensureProperties(s), x, y)
		return nil
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
