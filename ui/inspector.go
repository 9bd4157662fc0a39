package ui

import (
	"fmt"
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	fynecanvas "fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/canvas/uiloop"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/model/environments"
	"github.com/studioflow/studioflow/schemas"
	"github.com/studioflow/studioflow/ui/kbd"
)

// Inspector shows and edits the selected widget: a form generated from its
// type's schema, plus hand-made editors where the schema gives no structure
// (split conditions, set-variables, the flow settings on the trigger).
// Every edit is a model operation; typing into one field coalesces into
// one undo step.
type Inspector struct {
	cat    *schemas.Catalog
	doc    *model.Document
	keys   *historyKeys
	canvas func() fyne.Canvas
	// post runs what must wait until the focus has moved.
	post uiloop.Poster

	scroll  *container.Scroll
	content *fyne.Container
	// view is the scroll with the wheel's layer over it (wheelPane).
	view fyne.CanvasObject

	shown string // the widget shown, "" for the flow's settings
	multi int    // how many widgets are selected when more than one
	rows  []*fieldRow
	// controls are the form's buttons by name, so that the keyboard stays
	// on one (or moves to the next) when the form is rebuilt; then names
	// the ones to prefer after the next rebuild (a row moved: its buttons).
	controls *kbd.Controls
	then     []string
	// general shows problems of the shown widget that belong to no field.
	general *problemSlot
	// held is the height each problem line (by its row's path, "" for
	// general) has had for the widget shown: a line that goes leaves its
	// space (problemSlot). slack is room under the form that lets the
	// scroll keep the field being typed into in place when a line above
	// it grows (keepPlace); both go when another selection is shown.
	held  map[string]float32
	slack *fynecanvas.Rectangle

	diags []schemas.Diagnostic
	// env is the environment whose values show under placeholder fields
	// (nil: none chosen).
	env *environments.Values
	// selfEdit is set while the inspector applies its own edit, so the
	// change it causes does not rebuild the form being typed into.
	selfEdit bool
	// session counts focus changes: keystrokes coalesce into one undo step
	// only while they go to one field without leaving it.
	session int
	cancel  func()

	// OnError reports an edit the model refused.
	OnError func(error)
	// SubflowChoices lists the flows a Run Subflow can call.
	SubflowChoices func() []subflowChoice
	// OnFieldsBuilt hears each new form: the widget shown ("" for the
	// flow's settings) and its rows (Liquid assistance attaches here).
	OnFieldsBuilt func(widget string, rows []*fieldRow)
	// OnNameTyped hears each change of the Name field's text (whether a
	// rename is pending changes with it).
	OnNameTyped func()

	// name is the shown form's Name field's edit, applied only on leaving
	// it (nameField); zero when the form has no Name field.
	name nameEdit
}

// fieldRow is one field of the form: the JSON pointer (relative to the
// widget) its problems live under, its error line and its focus target.
type fieldRow struct {
	path     string
	errLabel *widget.Label
	slot     *problemSlot
	focus    fyne.Focusable
	local    func() string
	box      fyne.CanvasObject
}

// NewInspector returns an inspector for doc. canvas gives the window's
// canvas for focusing fields; post runs work on the UI goroutine later.
func NewInspector(doc *model.Document, cat *schemas.Catalog, keys *historyKeys, canvas func() fyne.Canvas, post uiloop.Poster) *Inspector {
	in := &Inspector{cat: cat, keys: keys, canvas: canvas, post: post}
	keys.newSession = func() { in.session++ }
	in.content = container.NewVBox()
	in.slack = fynecanvas.NewRectangle(color.Transparent)
	in.slack.Hide()
	// Room on the right for the scroll bar, which floats over the content.
	in.scroll = container.NewVScroll(container.New(layout.NewCustomPaddedLayout(0, theme.Padding(), 0, 3*theme.Padding()), container.NewVBox(in.content, in.slack)))
	in.view = container.NewStack(in.scroll, newWheelPane(in.scroll))
	in.SetDocument(doc)
	return in
}

// Object is the inspector's view.
func (in *Inspector) Object() fyne.CanvasObject { return in.view }

// SetDocument shows another document's flow settings.
func (in *Inspector) SetDocument(doc *model.Document) {
	if in.cancel != nil {
		in.cancel()
	}
	in.doc = doc
	in.cancel = doc.Subscribe(in.changed)
	in.shown, in.multi = "", 0
	in.env = nil // a new document starts with no environment picked
	in.closeHeldSpace()
	in.rebuild()
}

// Shown returns the name of the widget shown ("" for the flow settings).
func (in *Inspector) Shown() string { return in.shown }

// ShowSelection shows the one selected widget, a summary of several, or the
// flow's settings.
func (in *Inspector) ShowSelection(names []string) {
	renamed := in.shown != "" && in.doc.Flow().State(in.shown) == nil
	if len(names) == 1 && in.multi == 0 && (in.shown == names[0] || renamed) {
		// The widget shown again, or under its new name: keep the place
		// and the field being typed into.
		focused := in.focusedRow()
		in.shown = names[0]
		in.rebuild()
		in.refocus(focused)
		return
	}
	in.multi = 0
	in.shown = ""
	in.closeHeldSpace()
	switch len(names) {
	case 0:
	case 1:
		in.shown = names[0]
	default:
		in.multi = len(names)
	}
	in.rebuild()
	in.scroll.ScrollToTop()
}

func (in *Inspector) changed(c model.Change) {
	if in.selfEdit {
		return
	}
	for _, r := range c.Renamed {
		if r.Old == in.shown {
			in.shown = r.New
		}
	}
	if in.shown != "" && in.doc.Flow().State(in.shown) == nil {
		in.shown = ""
	}
	if in.shown == "" || c.Structure || c.FlowLevel || slices.Contains(c.Widgets, in.shown) {
		offset := in.scroll.Offset
		focused := in.focusedRow()
		in.rebuild()
		in.scroll.Offset = offset
		in.scroll.Refresh()
		in.refocus(focused)
	}
}

// apply performs an inspector edit; key coalesces the keystrokes of one field.
func (in *Inspector) apply(op model.Op, key string) {
	in.selfEdit = true
	err := in.doc.ApplyCoalesced(op, key)
	in.selfEdit = false
	if err != nil && in.OnError != nil {
		in.OnError(err)
	}
}

// applyStructural performs an edit that changes the form itself (a row
// added, removed or moved): the form is rebuilt afterwards.
func (in *Inspector) applyStructural(op model.Op) {
	if err := in.doc.Apply(op); err != nil && in.OnError != nil {
		in.OnError(err)
	}
}

func (in *Inspector) setProperty(widget, key string, value any) {
	in.setPropertyKeyed(widget, key, value, key)
}

func (in *Inspector) setPropertyKeyed(widget, key string, value any, field string) {
	in.apply(model.SetProperty(widget, key, value), in.coalesceKey(widget, field))
}

func (in *Inspector) coalesceKey(widget, field string) string {
	return fmt.Sprintf("inspector:%d:%s:%s", in.session, widget, field)
}

func (in *Inspector) deleteProperty(widget, key string) {
	s := in.doc.Flow().State(widget)
	if s == nil {
		return
	}
	if _, ok := s.Property(key); ok {
		in.apply(model.DeleteProperty(widget, key), in.coalesceKey(widget, key))
	}
}

func (in *Inspector) rebuild() {
	old := in.controls
	held := old.Name(in.focused())
	then := in.then
	in.then = nil
	in.controls = &kbd.Controls{}
	defer func() {
		if held != "" {
			in.keepKeyboard(old, held, then)
		}
	}()
	in.holdHeights()
	in.rows = nil
	in.name = nameEdit{}
	in.general = newProblemSlot()
	var objects []fyne.CanvasObject
	switch {
	case in.multi > 0:
		objects = in.multiSummary()
	case in.shown == "":
		objects = in.flowSettings(true)
	default:
		objects = in.widgetForm()
	}
	if in.OnFieldsBuilt != nil && in.multi == 0 {
		in.OnFieldsBuilt(in.shown, in.rows)
	}
	in.content.Objects = objects
	in.showDiagnostics()
	in.content.Refresh()
}

func (in *Inspector) multiSummary() []fyne.CanvasObject {
	l := widget.NewLabel(fmt.Sprintf("%d widgets selected.\n\nCut, copy, duplicate or delete them together, or drag them on the canvas.", in.multi))
	l.Wrapping = fyne.TextWrapWord
	return []fyne.CanvasObject{heading("Selection"), l}
}

func heading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

func sectionTitle(text string) fyne.CanvasObject {
	return container.NewVBox(widget.NewSeparator(), newMutedLabel(strings.ToUpper(text), theme.SizeNameText, true))
}

// addRow registers a field for problems and focus and returns its box.
func (in *Inspector) addRow(path, title string, required bool, ed propertyEditor) fyne.CanvasObject {
	slot := newProblemSlot()
	box := fieldBox(title, ed.hint, required, ed.object, slot.box)
	in.rows = append(in.rows, &fieldRow{path: path, errLabel: slot.label, slot: slot, focus: ed.focus, local: ed.localError, box: box})
	return box
}

func (in *Inspector) widgetForm() []fyne.CanvasObject {
	s := in.doc.Flow().State(in.shown)
	if s == nil {
		return nil
	}
	wt, known := in.cat.Lookup(s.Type())
	title := s.Type()
	if known {
		title = wt.Title
	}
	sub := hintLabel(typeSubtitle(wt, known, s.Type()))
	var head fyne.CanvasObject = heading(title)
	if known {
		head = container.NewHBox(container.NewCenter(typeTile(wt)), heading(title))
	}
	objects := []fyne.CanvasObject{head, sub, in.general.box}
	objects = append(objects, in.nameField(s))
	if s.IsTrigger() {
		objects = append(objects, in.flowSettings(false)...)
		objects = append(objects, subflowParametersNote(in.doc.Flow()))
	}
	objects = append(objects, in.propertyFields(s, wt, known)...)
	if wt.TestsConditions() {
		objects = append(objects, in.splitTransitions(s, wt)...)
	} else {
		objects = append(objects, in.transitionFields(s, wt, known)...)
	}
	return objects
}

func typeSubtitle(wt schemas.WidgetType, known bool, typ string) string {
	if !known {
		return "Unknown widget type " + typ + ": its properties are shown as they are."
	}
	// The heading shows the type's title; the subtitle its library
	// section (the type id is in Show Flow JSON, not in a person's way).
	text := string(wt.Category)
	switch wt.Maturity {
	case schemas.Beta:
		text += " · beta"
	case schemas.EndOfLife, schemas.Legacy:
		text += " · no longer offered by Studio"
	}
	return text
}

// propertyFields builds the schema's properties in schema order, then the
// ones the schema does not name.
func (in *Inspector) propertyFields(s *model.State, wt schemas.WidgetType, known bool) []fyne.CanvasObject {
	props := s.Properties()
	var specs []schemas.PropertySpec
	if known {
		specs = wt.Properties()
	}
	var objects []fyne.CanvasObject
	named := map[string]bool{"offset": true}
	if len(specs) > 0 {
		objects = append(objects, sectionTitle("Properties"))
	}
	oneOf := requiredOneOfNote(wt)
	if oneOf != "" {
		objects = append(objects, hintLabel(oneOf))
	}
	for _, spec := range specs {
		named[spec.Name] = true
		if wt.Role(spec.Name) == schemas.FlowVariables {
			objects = append(objects, in.variablesField(s))
			continue
		}
		if wt.Role(spec.Name) == schemas.SubflowSID {
			objects = append(objects, in.subflowField(s, spec))
			continue
		}
		if wt.Role(spec.Name) == schemas.TestedValue {
			objects = append(objects, in.splitInputField(s, spec))
			continue
		}
		v, present := props.Get(spec.Name)
		objects = append(objects, in.propertyRow(property{widget: s.Name(), key: spec.Name, spec: spec, value: v, present: present}))
	}
	var other []fyne.CanvasObject
	props.Range(func(key string, v any) bool {
		if named[key] {
			return true
		}
		other = append(other, in.otherPropertyRow(s.Name(), key, v))
		return true
	})
	if len(other) > 0 {
		objects = append(objects, sectionTitle("Other properties"))
		objects = append(objects, other...)
	}
	return objects
}

func requiredOneOfNote(wt schemas.WidgetType) string {
	groups := wt.RequiredOneOf()
	if len(groups) < 2 {
		return ""
	}
	var names []string
	for _, g := range groups {
		names = append(names, strings.Join(g, " + "))
	}
	return "Fill in one of: " + strings.Join(names, ", ") + "."
}

func (in *Inspector) propertyRow(p property) fyne.CanvasObject {
	ed := kindFor(p).build(in, p)
	ed.hint = p.spec.Description
	return in.addRow("/properties/"+model.EscapeToken(p.key), titleFor(p.spec, p.key), p.spec.Required, ed)
}

// otherPropertyRow edits a property the schema does not name, by the type
// of its value, with a button to remove it.
func (in *Inspector) otherPropertyRow(widgetName, key string, v any) fyne.CanvasObject {
	p := property{widget: widgetName, key: key, value: v, present: true}
	switch v.(type) {
	case string:
		p.spec.Types = []string{"string"}
	case bool:
		p.spec.Types = []string{"boolean"}
	}
	var ed propertyEditor
	if _, isNumber := v.(interface{ Int64() (int64, error) }); isNumber {
		ed = buildTextOrNumber(in, p)
	} else {
		ed = kindFor(p).build(in, p)
	}
	remove := in.control("other/"+key+"/remove", kbd.NewButton("Remove", func() { in.applyStructural(model.DeleteProperty(widgetName, key)) }))
	remove.Importance = widget.LowImportance
	ed.object = container.NewBorder(nil, nil, nil, remove, ed.object)
	return in.addRow("/properties/"+model.EscapeToken(key), key, false, ed)
}

// variablesField is set-variables' hand-made editor: a table of variable
// names and values (Liquid allowed).
func (in *Inspector) variablesField(s *model.State) fyne.CanvasObject {
	v, present := s.Property("variables")
	t := newKeyValueTable(in, property{widget: s.Name(), key: "variables", value: v, present: present}, "Variable", "Value")
	return in.addRow("/properties/variables", "Variables", false, t.editor())
}
