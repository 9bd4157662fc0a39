package model

import (
	"fmt"
	"iter"
)

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

// transitionObjects yields the transitions of s's JSON that are objects,
// in order (an entry of another type is passed over).
func (s *State) transitionObjects() iter.Seq[*Object] {
	return func(yield func(*Object) bool) {
		v, _ := s.raw.Get("transitions")
		list, _ := v.([]any)
		for _, e := range list {
			if t, ok := e.(*Object); ok && !yield(t) {
				return
			}
		}
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
		for t := range s.transitionObjects() {
			if nv, has := t.Get("next"); has && nv == nil {
				return true
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
