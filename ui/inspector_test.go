package ui

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/internal/corpus"
	"github.com/studioflow/studioflow/internal/testflows"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
	"github.com/studioflow/studioflow/ui/kbd"
)

// flowWith returns Studio's blank flow with one widget of each given type
// added (named by the catalog's name base).
func flowWith(t *testing.T, cat *schemas.Catalog, types ...string) (*model.Flow, []string) {
	t.Helper()
	doc := model.NewDocument(model.NewBlankFlow())
	var names []string
	for i, typ := range types {
		wt, ok := cat.Lookup(typ)
		if !ok {
			t.Fatalf("no type %s", typ)
		}
		name := model.FreshName(doc.Flow(), wt.NameBase)
		if err := doc.Apply(model.AddWidget(wt.NewState(name, 0, float64(200*(i+1))), -1)); err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
	}
	return doc.Flow(), names
}

func TestEveryCatalogTypeGetsAFormWithAFieldPerSchemaProperty(t *testing.T) {
	a := test.NewTempApp(t)
	cat := loadCatalog(t)
	for _, wt := range cat.Types() {
		t.Run(wt.Type, func(t *testing.T) {
			var f *model.Flow
			var name string
			if wt.Type == "trigger" {
				f, name = model.NewBlankFlow(), "Trigger"
			} else {
				var names []string
				f, names = flowWith(t, cat, wt.Type)
				name = names[0]
			}
			e := newTestEditor(t, a, Options{Flow: f})
			e.selectWidgets([]string{name})
			if e.inspector.Shown() != name {
				t.Fatalf("inspector shows %q, want %q", e.inspector.Shown(), name)
			}
			paths := rowPaths(e.inspector)
			want := []string{"/name"}
			for _, p := range wt.Properties() {
				want = append(want, "/properties/"+p.Name)
			}
			for i := range f.State(name).TransitionCount() {
				want = append(want, fmt.Sprintf("/transitions/%d", i))
			}
			for _, w := range want {
				if !strings.Contains(strings.Join(paths, " ")+" ", w+" ") {
					t.Errorf("no field for %s; fields: %v", w, paths)
				}
			}
		})
	}
}

func TestTypingIntoAFieldUpdatesTheModelAndUndoRestoresItInOneStep(t *testing.T) {
	a := test.NewTempApp(t)
	cat := loadCatalog(t)
	f, names := flowWith(t, cat, "say-play")
	e := newTestEditor(t, a, Options{Flow: f})
	e.selectWidgets(names)
	before := e.doc.Flow().State(names[0]).StringProperty("say")

	typeInto(t, e, "/properties/say", "Welcome to {{flow.channel.address}}")
	if got := e.doc.Flow().State(names[0]).StringProperty("say"); got != "Welcome to {{flow.channel.address}}" {
		t.Fatalf("say is %q after typing", got)
	}
	if !e.doc.Dirty() || !strings.HasPrefix(e.win.Title(), "● ") {
		t.Errorf("title %q does not mark unsaved changes", e.win.Title())
	}
	e.Undo() // the clearing and every keystroke after it: one step
	if got := e.doc.Flow().State(names[0]).StringProperty("say"); got != before {
		t.Fatalf("say is %q after undo, want %q", got, before)
	}
	field := e.inspector.field("/properties/say").(*textField)
	if field.Text != before {
		t.Errorf("the field shows %q after undo, want %q", field.Text, before)
	}
}

func TestNumberFieldKeepsANumberAndFlagsAValueOutOfRange(t *testing.T) {
	a := test.NewTempApp(t)
	cat := loadCatalog(t)
	f, names := flowWith(t, cat, "capture-payments")
	e := newTestEditor(t, a, Options{Flow: f})
	e.selectWidgets(names)

	typeInto(t, e, "/properties/max_attempts", "3")
	v, _ := e.doc.Flow().State(names[0]).Property("max_attempts")
	if v != json.Number("3") {
		t.Fatalf("max_attempts is %#v, want the number 3", v)
	}
	if msg := e.inspector.FieldError("/properties/max_attempts"); msg != "" {
		t.Fatalf("3 attempts flagged: %s", msg)
	}
	typeInto(t, e, "/properties/max_attempts", "99")
	msg := e.inspector.FieldError("/properties/max_attempts")
	if !strings.Contains(msg, "must be") {
		t.Fatalf("99 attempts: error under the field is %q", msg)
	}
	found := false
	for _, d := range e.problems.Diagnostics() {
		found = found || (d.Widget == names[0] && strings.HasSuffix(d.Path, "/properties/max_attempts"))
	}
	if !found {
		t.Errorf("the problems panel does not list max_attempts: %v", e.problems.Diagnostics())
	}
}

func TestInvalidValueShowsTheValidatorsErrorUnderTheField(t *testing.T) {
	a := test.NewTempApp(t)
	cat := loadCatalog(t)
	f, names := flowWith(t, cat, "run-subflow")
	e := newTestEditor(t, a, Options{Flow: f})
	e.selectWidgets(names)

	typeInto(t, e, "/properties/flow_sid", "not-a-sid")
	msg := e.inspector.FieldError("/properties/flow_sid")
	if msg == "" {
		t.Fatalf("no error under flow_sid for %q; diagnostics: %v", "not-a-sid", e.Diagnostics())
	}
	e.win.Canvas().Focus(e.inspector.field("/name")) // leaving the field ends the undo step
	typeInto(t, e, "/properties/flow_sid", "FW0123456789abcdef0123456789abcdef")
	if msg := e.inspector.FieldError("/properties/flow_sid"); msg != "" {
		t.Errorf("a valid SID still shows %q", msg)
	}
	e.Undo()
	if got := e.doc.Flow().State(names[0]).StringProperty("flow_sid"); got != "not-a-sid" {
		t.Errorf("undo left flow_sid %q", got)
	}
	if e.inspector.FieldError("/properties/flow_sid") == "" {
		t.Errorf("after undo the invalid value's error is gone")
	}
}

func TestBooleanAndChoiceFieldsWriteTypedValues(t *testing.T) {
	a := test.NewTempApp(t)
	cat := loadCatalog(t)
	f, names := flowWith(t, cat, "make-http-request")
	e := newTestEditor(t, a, Options{Flow: f})
	e.selectWidgets(names)

	check := e.inspector.field("/properties/add_twilio_auth").(*kbd.Check)
	test.Tap(check)
	if v, _ := e.doc.Flow().State(names[0]).Property("add_twilio_auth"); v != true {
		t.Errorf("add_twilio_auth is %#v after a tap", v)
	}
	sel := e.inspector.field("/properties/method").(*kbd.Select)
	sel.SetSelected("GET")
	if got := e.doc.Flow().State(names[0]).StringProperty("method"); got != "GET" {
		t.Errorf("method is %q", got)
	}
}

func TestKeyValueTableAddsEditsReordersAndRemovesRows(t *testing.T) {
	a := test.NewTempApp(t)
	cat := loadCatalog(t)
	f, names := flowWith(t, cat, "run-function")
	e := newTestEditor(t, a, Options{Flow: f})
	e.selectWidgets(names)
	params := func() []any {
		v, _ := e.doc.Flow().State(names[0]).Property("parameters")
		list, _ := v.([]any)
		return list
	}
	start := len(params())
	table := newKeyValueTable(e.inspector, property{widget: names[0], key: "parameters"}, "Key", "Value")
	test.Tap(findButtonIn(t, table.editor().object, "Add row"))
	if len(params()) != start+1 {
		t.Fatalf("%d parameters after Add, want %d", len(params()), start+1)
	}
	table.setCell(start, "key", "city")
	table.setCell(start, "value", "{{trigger.message.Body}}")
	table.move(start, start-1)
	list := params()
	moved := list[start-1].(*model.Object)
	if k, _ := moved.String("key"); k != "city" {
		t.Fatalf("row %d has key %q after moving up", start-1, k)
	}
	n := len(list)
	table.editor() // rows rebuilt from the model
	e.inspector.applyStructural(model.SetProperty(names[0], "parameters", list[:n-1]))
	if len(params()) != n-1 {
		t.Errorf("%d parameters after remove", len(params()))
	}
}

func findButtonIn(t *testing.T, o fyne.CanvasObject, text string) *kbd.Button {
	t.Helper()
	for _, c := range test.LaidOutObjects(o) {
		if b, ok := c.(*kbd.Button); ok && b.Text == text {
			return b
		}
	}
	t.Fatalf("no %q button", text)
	return nil
}

func TestUnknownPropertiesAreShownAndEditable(t *testing.T) {
	a := test.NewTempApp(t)
	cat := loadCatalog(t)
	f, names := flowWith(t, cat, "send-message")
	doc := model.NewDocument(f)
	if err := doc.Apply(model.SetProperty(names[0], "service_sid", "MG123")); err != nil {
		t.Fatal(err)
	}
	e := newTestEditor(t, a, Options{Flow: doc.Flow()})
	e.selectWidgets(names)
	typeInto(t, e, "/properties/service_sid", "MG456")
	if got := e.doc.Flow().State(names[0]).StringProperty("service_sid"); got != "MG456" {
		t.Fatalf("service_sid is %q", got)
	}
	if !strings.Contains(string(e.doc.Flow().Marshal()), `"service_sid": "MG456"`) {
		t.Errorf("service_sid missing from the saved form")
	}
}

func TestRenameUpdatesReferencesAsOneUndoStep(t *testing.T) {
	a := test.NewTempApp(t)
	f := readShared(t, astrology)
	e := newTestEditor(t, a, Options{Flow: f})
	e.selectWidgets([]string{"ask_sign"})
	field := typeInto(t, e, "/name", "bad name")
	if msg := e.inspector.FieldError("/name"); !strings.Contains(msg, "spaces") {
		t.Fatalf("a name with a space shows %q", msg)
	}
	field.SetText("split_sign")
	if msg := e.inspector.FieldError("/name"); !strings.Contains(msg, "already named") {
		t.Fatalf("a taken name shows %q", msg)
	}
	field.SetText("ask_zodiac")
	field.OnSubmitted(field.Text)
	if e.doc.Flow().State("ask_zodiac") == nil || e.doc.Flow().State("ask_sign") != nil {
		t.Fatal("not renamed")
	}
	if next, _ := e.doc.Flow().Trigger().Next("incomingMessage"); next != "ask_zodiac" {
		t.Errorf("the trigger still leads to %q", next)
	}
	if e.inspector.Shown() != "ask_zodiac" {
		t.Errorf("inspector shows %q", e.inspector.Shown())
	}
	e.Undo()
	if e.doc.Flow().State("ask_sign") == nil {
		t.Fatal("one undo did not bring the old name back")
	}
	if next, _ := e.doc.Flow().Trigger().Next("incomingMessage"); next != "ask_sign" {
		t.Errorf("after undo the trigger leads to %q", next)
	}
}

func TestTargetPickerConnectsAndDisconnects(t *testing.T) {
	a := test.NewTempApp(t)
	cat := loadCatalog(t)
	f, names := flowWith(t, cat, "say-play")
	e := newTestEditor(t, a, Options{Flow: f})
	e.selectWidgets([]string{"Trigger"})
	picker := e.inspector.field("/transitions/1").(*kbd.Select)
	picker.SetSelected(names[0])
	if next, _ := e.doc.Flow().Trigger().Next("incomingCall"); next != names[0] {
		t.Fatalf("incomingCall leads to %q", next)
	}
	picker = e.inspector.field("/transitions/1").(*kbd.Select)
	picker.SetSelected(notConnected)
	if next, _ := e.doc.Flow().Trigger().Next("incomingCall"); next != "" {
		t.Fatalf("incomingCall still leads to %q", next)
	}
}

func TestSplitEditorAddsEditsAndReordersConditions(t *testing.T) {
	a := test.NewTempApp(t)
	cat := loadCatalog(t)
	f, names := flowWith(t, cat, "split-based-on", "say-play")
	e := newTestEditor(t, a, Options{Flow: f})
	split := names[0]
	e.selectWidgets([]string{split})
	start := e.doc.Flow().State(split).TransitionCount()
	e.inspector.addCondition(split)
	e.inspector.addCondition(split)
	s := e.doc.Flow().State(split)
	if s.TransitionCount() != start+2 {
		t.Fatalf("%d transitions after adding two conditions to %d", s.TransitionCount(), start)
	}
	a1, a2 := start, start+1
	typeInto(t, e, fmt.Sprintf("/transitions/%d/conditions/0/value", a1), "yes")
	typeInto(t, e, fmt.Sprintf("/transitions/%d/conditions/0/value", a2), "no")
	e.inspector.field(fmt.Sprintf("/transitions/%d", a2)).(*kbd.Select).SetSelected(names[1])
	e.inspector.moveTransition(split, a2, -1)
	first := e.doc.Flow().State(split).Transition(a1)
	c := first.Conditions[0].(*model.Object)
	if v, _ := c.String("value"); v != "no" || first.Next != names[1] {
		t.Fatalf("first condition after moving up: value %q next %q", v, first.Next)
	}
	args, _ := c.Get("arguments")
	if list, _ := args.([]any); len(list) != 1 || list[0] != s.StringProperty("input") {
		t.Errorf("condition arguments %v, want the split's input", args)
	}
	e.inspector.removeTransition(split, a1)
	if n := e.doc.Flow().State(split).TransitionCount(); n != start+1 {
		t.Errorf("%d transitions after removing one", n)
	}
}

func TestChoosingAProblemSelectsTheWidgetAndFocusesTheField(t *testing.T) {
	a := test.NewTempApp(t)
	cat := loadCatalog(t)
	f, names := flowWith(t, cat, "run-subflow")
	e := newTestEditor(t, a, Options{Flow: f})
	var target int = -1
	for i, d := range e.problems.Diagnostics() {
		if d.Widget == names[0] && strings.HasSuffix(d.Path, "/properties/flow_sid") {
			target = i
		}
	}
	if target < 0 {
		t.Fatalf("no problem about the missing flow_sid: %v", e.problems.Diagnostics())
	}
	e.problems.Choose(target)
	if e.inspector.Shown() != names[0] {
		t.Fatalf("inspector shows %q", e.inspector.Shown())
	}
	if got := e.win.Canvas().Focused(); got != e.inspector.field("/properties/flow_sid") {
		t.Errorf("focus is on %T, not the flow_sid field", got)
	}
}

func TestTextOrNumberFieldKeepsTheTypeTheFileHad(t *testing.T) {
	a := test.NewTempApp(t)
	cat := loadCatalog(t)
	f, names := flowWith(t, cat, "send-and-wait-for-reply", "send-to-flex")
	doc := model.NewDocument(f)
	if err := doc.Apply(model.SetProperty(names[0], "timeout", "3600")); err != nil {
		t.Fatal(err)
	}
	if err := doc.Apply(model.SetProperty(names[1], "timeout", json.Number("30"))); err != nil {
		t.Fatal(err)
	}
	e := newTestEditor(t, a, Options{Flow: doc.Flow()})

	e.selectWidgets(names[:1]) // the string "3600"
	typeInto(t, e, "/properties/timeout", "60")
	if v, _ := e.doc.Flow().State(names[0]).Property("timeout"); v != "60" {
		t.Errorf("a string timeout became %#v", v)
	}
	e.selectWidgets(names[1:]) // this one is the number 30
	typeInto(t, e, "/properties/timeout", "45")
	if v, _ := e.doc.Flow().State(names[1]).Property("timeout"); v != json.Number("45") {
		t.Errorf("a number timeout became %#v", v)
	}
}

func TestFieldTitlesComeFromTheSchemaOrAReadableKey(t *testing.T) {
	for key, want := range map[string]string{
		"finish_on_key":              "Finish on key",
		"waitUrlMethod":              "Wait URL method",
		"transcription_callback_url": "Transcription callback URL",
		"flow_sid":                   "Flow SID",
	} {
		if got := readableKey(key); got != want {
			t.Errorf("readableKey(%q) = %q, want %q", key, got, want)
		}
	}
	cat := loadCatalog(t)
	wt, _ := cat.Lookup("make-outgoing-call-v2")
	for _, p := range wt.Properties() {
		if p.Name == "to" && titleFor(p, p.Name) != "Number to call" {
			t.Errorf("the schema's title is not used: %q", titleFor(p, p.Name))
		}
	}
}

func TestEveryWidgetOfEverySharedFlowOpensInTheInspector(t *testing.T) {
	a := test.NewTempApp(t)
	real, _ := filepath.Glob(filepath.Join(corpus.FlowsDir(), "*.json"))
	for _, file := range append(testflows.Paths(), real...) {
		f := readShared(t, file)
		e := newTestEditor(t, a, Options{Flow: f})
		for _, s := range f.States() {
			e.selectWidgets([]string{s.Name()})
			if e.inspector.Shown() != s.Name() || e.inspector.field("/name") == nil {
				t.Errorf("%s: %s does not open in the inspector", filepath.Base(file), s.Name())
			}
		}
	}
}

func TestOddlyShapedWidgetsStillOpen(t *testing.T) {
	a := test.NewTempApp(t)
	f, err := model.Parse([]byte(`{"description": "odd", "initial_state": "Trigger", "states": [
		{"name": "Trigger", "type": "trigger", "transitions": "none", "properties": []},
		{"name": "strange", "type": "no-such-type", "transitions": [1, {"event": "x", "next": 5}], "properties": {"n": 1.5, "list": [1, "a"], "obj": {"k": null}, "flag": false}},
		{"name": "bare", "type": "say-play"}
	]}`))
	if err != nil {
		t.Fatal(err)
	}
	e := newTestEditor(t, a, Options{Flow: f})
	for _, name := range []string{"Trigger", "strange", "bare"} {
		e.selectWidgets([]string{name})
		if e.inspector.Shown() != name {
			t.Fatalf("%s does not open", name)
		}
	}
	// An unknown type's properties are all "other properties", editable.
	e.selectWidgets([]string{"strange"})
	typeInto(t, e, "/properties/obj", `{"k": 2}`)
	v, _ := e.doc.Flow().State("strange").Property("obj")
	if got := string(model.MarshalCanonical(v)); !strings.Contains(got, `"k": 2`) {
		t.Errorf("obj is %s", got)
	}
	typeInto(t, e, "/properties/obj", `{"k": `)
	if msg := e.inspector.FieldError("/properties/obj"); !strings.Contains(msg, "not applied") {
		t.Errorf("broken JSON shows %q", msg)
	}
	e.selectWidgets([]string{"bare"})
	typeInto(t, e, "/properties/say", "now with properties")
	if got := e.doc.Flow().State("bare").StringProperty("say"); got != "now with properties" {
		t.Errorf("say is %q", got)
	}
}

func TestTypingGoesOnInTheSameFieldAfterTheWidgetIsRenamed(t *testing.T) {
	a := test.NewTempApp(t)
	cat := loadCatalog(t)
	f, names := flowWith(t, cat, "say-play")
	e := newTestEditor(t, a, Options{Flow: f})
	e.selectWidgets(names)
	typeInto(t, e, "/properties/say", "Hello")
	// What the name field does once the user has clicked from it into Say.
	if err := e.doc.Apply(model.RenameWidget(names[0], "greeting")); err != nil {
		t.Fatal(err)
	}
	say := e.inspector.field("/properties/say")
	if say == nil || e.win.Canvas().Focused() != say {
		t.Fatalf("after the rename the focus is on %T, not the rebuilt say field", e.win.Canvas().Focused())
	}
	say.TypedRune('!')
	if got := e.doc.Flow().State("greeting").StringProperty("say"); got != "Hello!" {
		t.Errorf("say is %q after typing on, want %q", got, "Hello!")
	}
}

func TestLeavingTheNameFieldAfterAnotherFlowOpenedRenamesNothingThere(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{Flow: readShared(t, astrology)})
	e.selectWidgets([]string{"ask_sign"})
	field := typeInto(t, e, "/name", "Trigger_copy")
	var refused []error
	e.inspector.OnError = func(err error) { refused = append(refused, err) }
	e.New()
	before := string(e.doc.Flow().Marshal())
	field.FocusLost() // the click that finally takes the focus off the old form
	uiQueue(e).Run()  // the rename waits until the focus has moved
	if len(refused) > 0 {
		t.Errorf("leaving the old name field tried to rename in the new flow: %v", refused)
	}
	if string(e.doc.Flow().Marshal()) != before || e.doc.Dirty() {
		t.Error("the new flow changed")
	}
}
