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
)

func itoa(n int) string { return strconv.Itoa(n) }

// conditionTypes reads the split condition operators from the
// split-based-on schema (definitions/Condition/properties/type/enum).
func conditionTypes(cat *schemas.Catalog) []string {
	wt, ok := cat.Lookup("split-based-on")
	if !ok {
		return nil
	}
	v, err := model.ParseValue(wt.Schema())
	if err != nil {
		return nil
	}
	for _, key := range []string{"definitions", "Condition", "properties", "type", "enum"} {
		o, ok := v.(*model.Object)
		if !ok {
			return nil
		}
		v, _ = o.Get(key)
	}
	list, _ := v.([]any)
	var out []string
	for _, e := range list {
		if s, ok := e.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// splitTransitions is split-based-on's hand-made editor: "No Condition
// Matches" with its target, then each condition (friendly name, operator,
// value) with its target, which can be added, removed and reordered.
func (in *Inspector) splitTransitions(s *model.State, wt schemas.WidgetType) []fyne.CanvasObject {
	objects := []fyne.CanvasObject{sectionTitle("Transitions")}
	name := s.Name()
	matches := 0
	for i, t := range s.Transitions() {
		if t.Event != "match" {
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
	add := widget.NewButtonWithIcon("Add condition", theme.ContentAddIcon(), func() { in.addCondition(name) })
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
	friendlyEntry.SetPlaceHolder("If value equal_to …")
	friendlyEntry.OnChanged = func(v string) { in.setCondition(name, i, "friendly_name", v) }

	options := slices.Clone(in.conditionTypes)
	if op != "" && !slices.Contains(options, op) {
		options = append(options, op)
	}
	opSelect := widget.NewSelect(options, nil)
	if op != "" {
		opSelect.SetSelected(op)
	}
	opSelect.OnChanged = func(v string) { in.setCondition(name, i, "type", v) }

	valueEntry := newTextField(false, in.keys)
	valueEntry.SetText(value)
	valueEntry.SetPlaceHolder("Value (Liquid allowed)")
	valueEntry.OnChanged = func(v string) { in.setCondition(name, i, "value", v) }

	picker := in.targetPicker(name, i, t.Next)
	up := widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { in.moveTransition(name, i, -1) })
	down := widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { in.moveTransition(name, i, +1) })
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { in.removeTransition(name, i) })
	for _, b := range []*widget.Button{up, down, remove} {
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

// setCondition sets one member of the first condition of transition i,
// creating the condition (its arguments from the split's input) if needed.
func (in *Inspector) setCondition(widgetName string, i int, member, value string) {
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
	c.Set(member, value)
	t.Set("conditions", conds)
	in.apply(model.SetTransitions(widgetName, list), in.coalesceKey(widgetName, fmt.Sprintf("transition/%d/%s", i, member)))
}

func (in *Inspector) newCondition(widgetName string) *model.Object {
	input := ""
	if s := in.doc.Flow().State(widgetName); s != nil {
		input = s.StringProperty("input")
	}
	return model.NewObject(
		model.Member{Key: "friendly_name", Value: "If value equal_to "},
		model.Member{Key: "arguments", Value: []any{input}},
		model.Member{Key: "type", Value: "equal_to"},
		model.Member{Key: "value", Value: ""},
	)
}

func (in *Inspector) addCondition(widgetName string) {
	list := in.transitionList(widgetName)
	t := model.NewObject(
		model.Member{Key: "event", Value: "match"},
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
		if e, _ := t.String("event"); e != "match" {
			return
		}
	}
	list[i], list[j] = list[j], list[i]
	in.applyStructural(model.SetTransitions(widgetName, list))
}
