package ui

import (
	"fmt"
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
	"github.com/studioflow/studioflow/ui/kbd"
)

func itoa(n int) string { return strconv.Itoa(n) }

// conditionLabels lists the split operators in Studio's words, in the
// order of its menu (schemas.ConditionOperators is the one table).
func conditionLabels() []string {
	var out []string
	for _, op := range schemas.ConditionOperators() {
		out = append(out, op.Label)
	}
	return out
}

// operatorID turns a label chosen in the operator menu back into the id the
// file writes; an id the table does not know is shown and kept as it is.
func operatorID(label string) string {
	if op, ok := schemas.ConditionOperatorByLabel(label); ok {
		return op.ID
	}
	return label
}

// splitInputField edits "Variable to test": every condition's arguments
// follow it in the same step, so what the split tests is what it shows.
func (in *Inspector) splitInputField(s *model.State, spec schemas.PropertySpec) fyne.CanvasObject {
	name := s.Name()
	e := newTextField(false, in.keys)
	e.SetText(s.StringProperty("input"))
	e.SetPlaceHolder("{{trigger.message.Body}}")
	e.OnChanged = func(v string) {
		in.apply(model.SetSplitInput(name, v), in.coalesceKey(name, "input"))
	}
	ed := propertyEditor{object: e, focus: e, hint: spec.Description}
	return in.addRow("/properties/input", titleFor(spec, "input"), spec.Required, ed)
}

// splitTransitions is split-based-on's hand-made editor: "No Condition
// Matches" with its target, then each condition (friendly name, operator,
// value) with its target, which can be added, removed and reordered.
func (in *Inspector) splitTransitions(s *model.State, wt schemas.WidgetType) []fyne.CanvasObject {
	objects := []fyne.CanvasObject{sectionTitle("Transitions")}
	name := s.Name()
	match, _ := wt.ConditionEvent()
	matches := 0
	for i, t := range s.Transitions() {
		if t.Event != match {
			label := t.Event
			if e, ok := wt.Event(t.Event); ok {
				label = e.Label
			}
			picker := in.targetPicker(name, i, t.Next)
			objects = append(objects, in.addRow(fmt.Sprintf("/transitions/%d", i), label, false, propertyEditor{object: picker, focus: picker}))
			continue
		}
		matches++
		objects = append(objects, in.conditionCard(s, i, matches, t))
	}
	add := in.control("transitions/add", kbd.NewButtonWithIcon("Add condition", theme.ContentAddIcon(), func() { in.addCondition(name) }))
	objects = append(objects, container.NewHBox(add))
	return objects
}

func (in *Inspector) conditionCard(s *model.State, i, number int, t model.Transition) fyne.CanvasObject {
	name := s.Name()
	var cond *model.Object
	if len(t.Conditions) > 0 {
		cond, _ = t.Conditions[0].(*model.Object)
	}
	friendly, _ := cond.String("friendly_name")
	op, _ := cond.String("type")
	value, _ := cond.String("value")
	base := fmt.Sprintf("/transitions/%d", i)
	field := func(member string) string { return fmt.Sprintf("%s/conditions/0/%s", base, member) }

	friendlyEntry := newTextField(false, in.keys)
	friendlyEntry.SetText(friendly)
	friendlyEntry.SetPlaceHolder(schemas.AutoFriendlyName(op, value))
	// following: the name is Studio's own ("If value equal_to 1"), so it
	// follows the operator and value until the user types one.
	following := schemas.IsAutoFriendlyName(friendly, op, value)
	updating := false
	friendlyEntry.OnChanged = func(v string) {
		if updating {
			return
		}
		following = false
		in.setCondition(name, i, map[string]string{"friendly_name": v}, "friendly_name")
	}
	follow := func(nextOp, nextValue string, changes map[string]string) {
		if following {
			auto := schemas.AutoFriendlyName(nextOp, nextValue)
			changes["friendly_name"] = auto
			updating = true
			friendlyEntry.SetText(auto)
			updating = false
		}
		friendlyEntry.SetPlaceHolder(schemas.AutoFriendlyName(nextOp, nextValue))
	}

	valueEntry := newTextField(false, in.keys)
	valueEntry.SetText(value)
	valueEntry.SetPlaceHolder("Value (Liquid allowed)")

	options := conditionLabels()
	if op != "" && !slices.Contains(options, schemas.ConditionLabel(op)) {
		options = append(options, op)
	}
	opSelect := kbd.NewSelect(options, nil)
	if op != "" {
		opSelect.SetSelected(schemas.ConditionLabel(op))
	}
	opSelect.OnChanged = func(label string) {
		next := operatorID(label)
		changes := map[string]string{"type": next}
		nextValue := value
		// Operators that take no value still write one (the schema wants
		// it): Studio writes the operator's label.
		if o, ok := schemas.ConditionOperatorByID(next); ok && o.NoValue {
			nextValue = o.Label
		} else if prev, ok := schemas.ConditionOperatorByID(op); ok && prev.NoValue && value == prev.Label {
			nextValue = ""
		}
		if nextValue != value {
			changes["value"] = nextValue
			updating = true
			valueEntry.SetText(nextValue)
			updating = false
		}
		follow(next, nextValue, changes)
		op, value = next, nextValue
		in.setCondition(name, i, changes, "type")
	}
	valueEntry.OnChanged = func(v string) {
		if updating {
			return
		}
		changes := map[string]string{"value": v}
		follow(op, v, changes)
		value = v
		in.setCondition(name, i, changes, "value")
	}

	picker := in.targetPicker(name, i, t.Next)
	// A moved condition keeps the keyboard on the button pressed; a
	// removed one leaves it on the same place: the next condition's.
	id := func(at int, what string) string { return fmt.Sprintf("transitions/%d/%s", at, what) }
	up := in.control(id(i, "up"), kbd.NewButtonWithIcon("", theme.MoveUpIcon(), func() {
		in.preferNext(id(i-1, "up"), id(i-1, "down"))
		in.moveTransition(name, i, -1)
	}))
	down := in.control(id(i, "down"), kbd.NewButtonWithIcon("", theme.MoveDownIcon(), func() {
		in.preferNext(id(i+1, "down"), id(i+1, "up"))
		in.moveTransition(name, i, +1)
	}))
	remove := in.control(id(i, "remove"), kbd.NewButtonWithIcon("", theme.DeleteIcon(), func() { in.removeTransition(name, i) }))
	for _, b := range []*kbd.Button{up, down, remove} {
		b.Importance = widget.LowImportance
	}
	header := container.NewBorder(nil, nil,
		widget.NewLabelWithStyle(fmt.Sprintf("Condition %d", number), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewHBox(up, down, remove))
	return container.NewVBox(widget.NewSeparator(), header,
		in.addRow(field("friendly_name"), "Friendly name", true, propertyEditor{object: friendlyEntry, focus: friendlyEntry}),
		in.addRow(field("type"), "Operator", true, propertyEditor{object: opSelect, focus: opSelect}),
		in.addRow(field("value"), "Value", true, propertyEditor{object: valueEntry, focus: valueEntry}),
		in.addRow(base, "Then go to", false, propertyEditor{object: picker, focus: picker}),
	)
}

// transitionList returns a copy of a widget's transitions as JSON objects.
func (in *Inspector) transitionList(widgetName string) []any {
	s := in.doc.Flow().State(widgetName)
	if s == nil {
		return nil
	}
	v, _ := s.Raw().Get("transitions")
	list, _ := model.CloneValue(v).([]any)
	return list
}

// setCondition sets members of the first condition of transition i,
// creating the condition (its arguments from the split's input) if needed;
// field names the form field for coalescing keystrokes into one undo step.
func (in *Inspector) setCondition(widgetName string, i int, members map[string]string, field string) {
	list := in.transitionList(widgetName)
	if i >= len(list) {
		return
	}
	t, ok := list[i].(*model.Object)
	if !ok {
		return
	}
	cv, _ := t.Get("conditions")
	conds, _ := cv.([]any)
	if len(conds) == 0 {
		conds = []any{in.newCondition(widgetName)}
	}
	c, ok := conds[0].(*model.Object)
	if !ok {
		c = in.newCondition(widgetName)
		conds[0] = c
	}
	for _, key := range []string{"friendly_name", "type", "value"} {
		if v, ok := members[key]; ok {
			c.Set(key, v)
		}
	}
	t.Set("conditions", conds)
	in.apply(model.SetTransitions(widgetName, list), in.coalesceKey(widgetName, fmt.Sprintf("transition/%d/%s", i, field)))
}

func (in *Inspector) newCondition(widgetName string) *model.Object {
	input := ""
	if s := in.doc.Flow().State(widgetName); s != nil {
		input = s.StringProperty("input")
	}
	return model.NewObject(
		model.Member{Key: "friendly_name", Value: schemas.AutoFriendlyName("equal_to", "")},
		model.Member{Key: "arguments", Value: []any{input}},
		model.Member{Key: "type", Value: "equal_to"},
		model.Member{Key: "value", Value: ""},
	)
}

// conditionEvent is the event a split's conditions ride on (the catalog's
// ConditionEvent for the widget's type; "" when it tests no conditions).
func (in *Inspector) conditionEvent(widgetName string) string {
	s := in.doc.Flow().State(widgetName)
	if s == nil {
		return ""
	}
	wt, _ := in.cat.Lookup(s.Type())
	match, _ := wt.ConditionEvent()
	return match
}

func (in *Inspector) addCondition(widgetName string) {
	match := in.conditionEvent(widgetName)
	if match == "" {
		return
	}
	list := in.transitionList(widgetName)
	t := model.NewObject(
		model.Member{Key: "event", Value: match},
		model.Member{Key: "conditions", Value: []any{in.newCondition(widgetName)}},
	)
	in.applyStructural(model.SetTransitions(widgetName, append(list, t)))
}

func (in *Inspector) removeTransition(widgetName string, i int) {
	list := in.transitionList(widgetName)
	if i < len(list) {
		in.applyStructural(model.SetTransitions(widgetName, slices.Delete(list, i, i+1)))
	}
}

// moveTransition swaps condition i with the next or previous condition
// (order matters: the first condition that holds wins).
func (in *Inspector) moveTransition(widgetName string, i, by int) {
	list := in.transitionList(widgetName)
	j := i + by
	if j < 0 || j >= len(list) || i >= len(list) {
		return
	}
	if t, ok := list[j].(*model.Object); ok {
		if e, _ := t.String("event"); e != in.conditionEvent(widgetName) {
			return
		}
	}
	list[i], list[j] = list[j], list[i]
	in.applyStructural(model.SetTransitions(widgetName, list))
}
