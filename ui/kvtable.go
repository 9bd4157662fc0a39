package ui

import (
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/ui/kbd"
)

// keyValueTable edits an array of {key, value} objects (Parameter,
// TypedParameter, set-variables' variables): one row per entry with add,
// remove and reorder. Other members of an entry (TypedParameter's type and
// index) are kept as they are.
type keyValueTable struct {
	in                   *Inspector
	widget, key          string
	keyTitle, valueTitle string
	multiLineValues      bool
	first                fyne.Focusable
}

func newKeyValueTable(in *Inspector, p property, keyTitle, valueTitle string) *keyValueTable {
	return &keyValueTable{in: in, widget: p.widget, key: p.key, keyTitle: keyTitle, valueTitle: valueTitle}
}

// entries reads the list from the model as it is now.
func (t *keyValueTable) entries() []any {
	s := t.in.doc.Flow().State(t.widget)
	if s == nil {
		return nil
	}
	v, _ := s.Property(t.key)
	list, _ := v.([]any)
	out, _ := model.CloneValue(list).([]any)
	return out
}

func (t *keyValueTable) editor() propertyEditor {
	rows := container.NewVBox()
	list := t.entries()
	for i, e := range list {
		rows.Add(t.row(i, len(list), e))
	}
	add := t.in.control(t.id(-1, "add"), kbd.NewButtonWithIcon("Add row", theme.ContentAddIcon(), func() {
		next := append(t.entries(), model.NewObject(model.Member{Key: "key", Value: ""}, model.Member{Key: "value", Value: ""}))
		t.in.applyStructural(model.SetProperty(t.widget, t.key, next))
	}))
	add.Importance = widget.LowImportance
	rows.Add(container.NewHBox(add))
	var focus fyne.Focusable = add
	if t.first != nil {
		focus = t.first
	}
	return propertyEditor{object: rows, focus: focus}
}

func (t *keyValueTable) row(i, n int, e any) fyne.CanvasObject {
	obj, _ := e.(*model.Object)
	k, _ := obj.String("key")
	v, _ := obj.Get("value")
	keyEntry := newTextField(false, t.in.keys)
	keyEntry.SetText(k)
	keyEntry.SetPlaceHolder(t.keyTitle)
	valueEntry := newTextField(t.multiLineValues, t.in.keys)
	valueEntry.SetText(displayValue(v))
	valueEntry.SetPlaceHolder(t.valueTitle)
	if t.first == nil {
		t.first = keyEntry
	}
	keyEntry.OnChanged = func(s string) { t.setCell(i, "key", s) }
	valueEntry.OnChanged = func(s string) { t.setCell(i, "value", s) }
	// A moved row keeps the keyboard on the button pressed (the other
	// one when it reached an end); a removed row leaves it on the same
	// place: the next row's button, else the previous row's, else Add row.
	up := t.in.control(t.id(i, "up"), kbd.NewButtonWithIcon("", theme.MoveUpIcon(), func() {
		t.in.preferNext(t.id(i-1, "up"), t.id(i-1, "down"))
		t.move(i, i-1)
	}))
	down := t.in.control(t.id(i, "down"), kbd.NewButtonWithIcon("", theme.MoveDownIcon(), func() {
		t.in.preferNext(t.id(i+1, "down"), t.id(i+1, "up"))
		t.move(i, i+1)
	}))
	remove := t.in.control(t.id(i, "remove"), kbd.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		list := t.entries()
		if i < len(list) {
			t.in.applyStructural(model.SetProperty(t.widget, t.key, slices.Delete(list, i, i+1)))
		}
	}))
	for _, b := range []*kbd.Button{up, down, remove} {
		b.Importance = widget.LowImportance
	}
	if i == 0 {
		up.Disable()
	}
	if i == n-1 {
		down.Disable()
	}
	// The key with the row's buttons beside it, the value (often long
	// Liquid) on the full width below.
	return container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(up, down, remove), keyEntry),
		container.New(layout.NewCustomPaddedLayout(0, theme.Padding()*2, theme.Padding()*4, 0), valueEntry))
}

// id names a row's button for Inspector.control (row -1: the table's own).
func (t *keyValueTable) id(row int, what string) string {
	return fmt.Sprintf("%s/%d/%s", t.key, row, what)
}

func (t *keyValueTable) setCell(i int, member, text string) {
	list := t.entries()
	if i >= len(list) {
		return
	}
	obj, ok := list[i].(*model.Object)
	if !ok {
		obj = model.NewObject()
		list[i] = obj
	}
	obj.Set(member, text)
	t.in.setPropertyKeyed(t.widget, t.key, list, fmt.Sprintf("%s/%d/%s", t.key, i, member))
}

func (t *keyValueTable) move(from, to int) {
	list := t.entries()
	if from < 0 || to < 0 || from >= len(list) || to >= len(list) {
		return
	}
	list[from], list[to] = list[to], list[from]
	t.in.applyStructural(model.SetProperty(t.widget, t.key, list))
}
