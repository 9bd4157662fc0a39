package ui

import (
	"strings"

	"fyne.io/fyne/v2"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/ui/kbd"
)

// flowSettings edits what belongs to the flow rather than to a widget: its
// description and whether concurrent calls are allowed (Studio shows them
// on the trigger). alone is true when no widget is selected.
func (in *Inspector) flowSettings(alone bool) []fyne.CanvasObject {
	f := in.doc.Flow()
	var objects []fyne.CanvasObject
	if alone {
		hint := hintLabel("Select a widget on the canvas to edit it, or drag one in from the library.")
		objects = append(objects, heading("Flow"), hint, in.general.box)
	} else {
		objects = append(objects, sectionTitle("Flow settings"))
	}

	desc := newTextField(false, in.keys)
	desc.SetText(f.Description())
	desc.SetPlaceHolder("A New Flow")
	desc.OnChanged = func(s string) { in.apply(model.SetFlowField("description", s), in.coalesceKey("", "description")) }
	objects = append(objects, in.flowRow("/description", "Description", desc, desc))

	concurrent := kbd.NewCheck("Allow concurrent calls", nil)
	concurrent.SetChecked(f.AllowConcurrentCalls())
	concurrent.OnChanged = func(on bool) {
		flags := model.NewObject()
		if cur := in.doc.Flow().Flags(); cur != nil {
			flags = cur.Clone()
		}
		flags.Set("allow_concurrent_calls", on)
		in.apply(model.SetFlowField("flags", flags), "")
	}
	objects = append(objects, in.flowRow("/flags", "Calls", concurrent, concurrent))

	if alone {
		summary := hintLabel(flowSummary(f))
		objects = append(objects, summary)
	}
	return objects
}

// flowRow adds a flow-level field; its problems are those of the flow
// itself (Widget ""), which only show when no widget is selected.
func (in *Inspector) flowRow(path, title string, control fyne.CanvasObject, focus fyne.Focusable) fyne.CanvasObject {
	return in.addRow(path, title, false, propertyEditor{object: control, focus: focus})
}

func flowSummary(f *model.Flow) string {
	wires := 0
	for _, s := range f.States() {
		for _, t := range s.Transitions() {
			if t.Next != "" {
				wires++
			}
		}
	}
	return plural(f.Len(), "widget") + " · " + plural(wires, "connection")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	if strings.HasSuffix(word, "ch") || strings.HasSuffix(word, "s") {
		return itoa(n) + " " + word + "es"
	}
	return itoa(n) + " " + word + "s"
}
