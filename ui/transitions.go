package ui

import (
	"fmt"
	"slices"
	"sort"

	"fyne.io/fyne/v2"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
	"github.com/studioflow/studioflow/ui/kbd"
)

// transitionFields lists each transition with a target picker.
func (in *Inspector) transitionFields(s *model.State, wt schemas.WidgetType, known bool) []fyne.CanvasObject {
	if s.TransitionCount() == 0 && !s.IsTrigger() {
		return nil
	}
	objects := []fyne.CanvasObject{sectionTitle("Transitions")}
	transitions := s.Transitions()
	shown := make([]bool, len(transitions))
	row := func(i int) fyne.CanvasObject {
		t := transitions[i]
		label := t.Event
		if known {
			if e, ok := wt.Event(t.Event); ok {
				label = e.Label
			}
		}
		picker := in.targetPicker(s.Name(), i, t.Next)
		shown[i] = true
		return in.addRow(fmt.Sprintf("/transitions/%d", i), label, false, propertyEditor{object: picker, focus: picker})
	}
	if s.IsTrigger() && known {
		// Studio's five entry points in its order, always offered;
		// choosing a target for one the file does not list adds its
		// transition.
		for _, ev := range wt.Events() {
			if i := slices.IndexFunc(transitions, func(t model.Transition) bool { return t.Event == ev.Name }); i >= 0 {
				objects = append(objects, row(i))
				continue
			}
			picker := in.eventPicker(s.Name(), ev.Name)
			objects = append(objects, in.addRow("/transitions/"+ev.Name, ev.Label, false, propertyEditor{object: picker, focus: picker}))
		}
	}
	for i := range transitions {
		if !shown[i] {
			objects = append(objects, row(i))
		}
	}
	return objects
}

// eventPicker is the target picker of an entry point the file does not
// list: it starts unconnected and adds the transition when given a target.
func (in *Inspector) eventPicker(widgetName, event string) *kbd.Select {
	sel := in.targetPicker(widgetName, -1, "")
	sel.OnChanged = func(target string) {
		if target != notConnected {
			in.applyStructural(model.ConnectEvent(widgetName, event, target))
		}
	}
	return sel
}

// notConnected is the target picker's entry for an unconnected transition.
const notConnected = "(not connected)"

func (in *Inspector) targetPicker(widgetName string, index int, next string) *kbd.Select {
	options := []string{notConnected}
	for _, st := range in.doc.Flow().States() {
		if st.Name() != widgetName && !st.IsTrigger() {
			options = append(options, st.Name())
		}
	}
	sort.Strings(options[1:])
	sel := kbd.NewSelect(options, nil)
	if next == "" {
		sel.SetSelected(notConnected)
	} else {
		if !slices.Contains(options, next) {
			sel.Options = append(sel.Options, next)
		}
		sel.SetSelected(next)
	}
	sel.OnChanged = func(target string) {
		if target == notConnected {
			in.applyStructural(model.Disconnect(widgetName, index))
			return
		}
		in.applyStructural(model.Connect(widgetName, index, target))
	}
	return sel
}
