package model

import "fmt"

// SetSplitInput sets a Split Based On's "Variable to test" (properties.input)
// and makes every condition test it: each condition's arguments become
// [input]. Studio keeps the two together; a split whose conditions test
// another variable than the one shown would route by something invisible.
func SetSplitInput(widget, input string) Op {
	return editWidget("Change variable to test of "+widget, widget, func(s *State) error {
		ensureProperties(s).Set("input", input)
		for t := range s.transitionObjects() {
			cv, _ := t.Get("conditions")
			conds, _ := cv.([]any)
			for _, c := range conds {
				if co, ok := c.(*Object); ok {
					co.Set("arguments", []any{input})
				}
			}
		}
		return nil
	})
}

// ConnectEvent points the transition of widget for event at target, adding
// that transition when the widget has none (the Trigger's entry points a
// file does not list). A new transition is written in the file's style:
// its members in the order the widget's other transitions use, "next"
// left out or null as the file does for unconnected ones. An empty target
// disconnects.
func ConnectEvent(widget, event, target string) Op {
	label := fmt.Sprintf("Connect %s %s to %s", widget, event, target)
	if target == "" {
		label = fmt.Sprintf("Disconnect %s %s", widget, event)
	}
	return newOp(label, func(f *Flow) (Op, Change, error) {
		i, err := f.existingIndex(widget)
		if err != nil {
			return nil, Change{}, err
		}
		if target != "" && f.IndexOf(target) < 0 {
			return nil, Change{}, fmt.Errorf("connect %s: there is no widget named %q", widget, target)
		}
		s := f.states[i]
		for k, t := range s.Transitions() {
			if t.Event == event {
				return setNext(f, label, widget, k, target)
			}
		}
		nullStyle := f.usesNullNext()
		nextFirst := transitionsPutNextFirst(f, s)
		return editStates(f, label, []int{i}, func() error {
			t := NewObject(Member{Key: "event", Value: event})
			switch {
			case target != "" && nextFirst:
				t.SetAt("next", target, 0)
			case target != "":
				t.Set("next", target)
			case nullStyle:
				t.Set("next", nil)
			}
			v, _ := s.raw.Get("transitions")
			list, _ := v.([]any)
			s.raw.Set("transitions", append(list, t))
			return nil
		})
	})
}

// transitionsPutNextFirst reports whether the flow writes "next" before
// "event" (real exports do; the documentation's samples and Studio's blank
// flow do the reverse), judging by the first transition that has both, in
// this widget first. With none to go by, a flow that writes "next": null
// is taken for the documentation's style.
func transitionsPutNextFirst(f *Flow, s *State) bool {
	for _, st := range append([]*State{s}, f.states...) {
		for t := range st.transitionObjects() {
			if !t.Has("next") || !t.Has("event") {
				continue
			}
			for _, k := range t.Keys() {
				switch k {
				case "next":
					return true
				case "event":
					return false
				}
			}
		}
	}
	return !f.usesNullNext()
}
