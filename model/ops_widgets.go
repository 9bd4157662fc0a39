package model

import (
	"fmt"
	"slices"
	"strings"
)

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
				for t := range s.transitionObjects() {
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
			if f.states[i].IsTrigger() {
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
					for t := range f.states[k].transitionObjects() {
						if n, _ := t.String("next"); doomed[n] {
							writeNext(t, "", nullStyle)
						}
					}
				}
				return nil
			})
		})
		return Batch(label, clear, &removeStates{label: label, indices: indices}).apply(f)
	})
}
