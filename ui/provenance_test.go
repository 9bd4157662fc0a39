package ui

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
)

func provenanceEditor(t *testing.T) *Editor {
	t.Helper()
	a := test.NewTempApp(t)
	path, err := filepath.Abs(filepath.Join("..", "schemas", "testdata", "provenance.json"))
	if err != nil {
		t.Fatal(err)
	}
	e := newTestEditor(t, a, Options{Path: path})
	e.selectWidgets([]string{"status"})
	return e
}

// runProvenanceFlow runs provenanceEditor's flow as the simulator would
// (lookup answers status Shipped, the caller presses 7) and makes that the
// editor's last run.
func runProvenanceFlow(t *testing.T, e *Editor) {
	t.Helper()
	rt := engine.New(engine.Config{Catalog: e.cat, Clock: engine.NewVirtualClock(time.Date(2024, 6, 3, 16, 0, 0, 0, time.UTC))})
	x, _, err := rt.Start(e.doc.Flow(), engine.Trigger{Event: "incomingCall"}, engine.StartOptions{
		HTTP: map[string][]engine.CannedResponse{"lookup": {{Status: 200, ContentType: "application/json", Body: `{"status":"Shipped"}`}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rt.Resume(x, engine.Input{Kind: engine.InputPress, Text: "7"}); err != nil {
		t.Fatal(err)
	}
	e.setLastRun(x)
}

func TestLiquidFieldsShowReferencesWithoutOriginAndJumpToOrigins(t *testing.T) {
	e := provenanceEditor(t)
	say, ok := e.inspector.field("/properties/say").(*textField)
	if !ok || say.assist == nil {
		t.Fatalf("the say field has no Liquid assistance (%v)", rowPaths(e.inspector))
	}
	// The field shows the validator's findings on its references: the
	// Problems bar lists the same ones, and nothing else marks them twice.
	problems := e.inspector.rowFor("/properties/say").errLabel.Text
	for _, want := range []string{"say refers to widgets.goodbye, but no path leads from goodbye to this widget", "say refers to widgets.nope, but no widget has that name",
		"say refers to flow.variables.unset, but no Set Variables widget sets unset"} {
		if !strings.Contains(problems, want) {
			t.Errorf("the say field's problems lack %q:\n%s", want, problems)
		}
		if !slices.ContainsFunc(e.live.Diagnostics(), func(d schemas.Diagnostic) bool { return strings.Contains(d.Message, want) }) {
			t.Errorf("the flow's problems lack %q", want)
		}
	}
	if strings.Contains(problems, "lookup") || strings.Contains(problems, "choice") {
		t.Errorf("a sound reference is reported:\n%s", problems)
	}
	if say.assist.marks.Visible() {
		t.Errorf("before any run, the field marks its references:\n%s", say.assist.marks.Text)
	}
	// The cursor on widgets.lookup…: the jump selects lookup.
	cursorAt(t, say, strings.Index(say.Text, "widgets.lookup")+3)
	say.assist.jumpAtCursor()
	if sel := e.canvas.Selection(); !slices.Equal(sel, []string{"lookup"}) || e.inspector.Shown() != "lookup" {
		t.Fatalf("after the jump the selection is %v, the inspector shows %q", sel, e.inspector.Shown())
	}
	// flow.variables.choice at lookup's url: its setter keep_choice.
	url := e.inspector.field("/properties/url").(*textField)
	cursorAt(t, url, strings.Index(url.Text, "variables.choice"))
	url.assist.jumpAtCursor()
	if sel := e.canvas.Selection(); !slices.Equal(sel, []string{"keep_choice"}) {
		t.Errorf("flow.variables.choice jumps to %v, want keep_choice", sel)
	}
	// The right-click menu offers a jump and usages per reference.
	e.selectWidgets([]string{"status"})
	say = e.inspector.field("/properties/say").(*textField)
	var labels []string
	for _, it := range say.assist.menu().Items {
		labels = append(labels, it.Label)
	}
	for _, want := range []string{"Go to Origin of {{widgets.lookup.parsed.status}}", "Find Usages of flow.variables.choice", "Find Usages of status", "Complete (Ctrl+Space)", "Paste"} {
		if !slices.Contains(labels, want) {
			t.Errorf("menu lacks %q: %v", want, labels)
		}
	}
}

func TestFindUsagesListsAndGoesToTheField(t *testing.T) {
	e := provenanceEditor(t)
	e.selectWidgets([]string{"lookup"})
	e.FindUsages()
	var got []string
	for _, u := range e.lastUsages {
		got = append(got, u.Widget+" "+u.Field)
	}
	if !slices.Equal(got, []string{"route input", "route transitions[1].conditions[0].arguments[0]", "status say"}) {
		t.Fatalf("usages %v", got)
	}
	if top := e.win.Canvas().Overlays().Top(); top != nil {
		e.win.Canvas().Overlays().Remove(top) // the list closes when an entry is chosen
	}
	e.goToField("status", "say")
	if e.inspector.Shown() != "status" || e.win.Canvas().Focused() != e.inspector.field("/properties/say") {
		t.Errorf("goToField: shown %q, focus %v", e.inspector.Shown(), e.win.Canvas().Focused())
	}
	if p := fieldPointer("parameters[1].value"); p != "/properties/parameters/1/value" {
		t.Errorf("fieldPointer = %s", p)
	}
	if p := fieldPointer("transitions[2].conditions[0].value"); p != "/transitions/2/conditions/0/value" {
		t.Errorf("fieldPointer = %s", p)
	}
}

func TestTypingOpenBracesOffersWhatExistsAtTheWidget(t *testing.T) {
	e := provenanceEditor(t)
	f := typeInto(t, e, "/properties/say", "Your order {{")
	// Typing {{ names what is there but leaves the keyboard in the field.
	if e.lastCompletion != nil {
		t.Fatal("typing {{ opened a menu that would take the next keys")
	}
	if st := e.status.Text; !strings.Contains(st, "Ctrl+Space completes") || !strings.Contains(st, "widgets.menu.") {
		t.Fatalf("status after {{ = %q", st)
	}
	f.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeySpace, Modifier: fyne.KeyModifierShortcutDefault})
	if e.lastCompletion == nil {
		t.Fatal("no completion on Ctrl+Space after {{")
	}
	var offered []string
	var digits *fyne.MenuItem
	for _, it := range e.lastCompletion.Items {
		offered = append(offered, it.Label)
		if strings.HasPrefix(it.Label, "widgets.menu.Digits ") {
			digits = it
		}
	}
	if digits == nil || slices.ContainsFunc(offered, func(s string) bool { return strings.HasPrefix(s, "widgets.goodbye.") }) {
		t.Fatalf("offered %v", offered)
	}
	digits.Action()
	if f.Text != "Your order {{widgets.menu.Digits}}" {
		t.Errorf("after choosing: %q", f.Text)
	}
	// Ctrl+Space after a | offers the filters.
	f = typeInto(t, e, "/properties/say", "{{ widgets.menu.Digits | up")
	f.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeySpace, Modifier: fyne.KeyModifierShortcutDefault})
	var filters []string
	for _, it := range e.lastCompletion.Items {
		filters = append(filters, it.Label)
	}
	if !slices.Equal(filters, []string{"upcase   — filter"}) {
		t.Errorf("filters offered: %v", filters)
	}
}

func TestLiquidFieldsShowTheValuesOfTheLastSimulatorRun(t *testing.T) {
	e := provenanceEditor(t)
	runProvenanceFlow(t, e)
	say := e.inspector.field("/properties/say").(*textField)
	for _, want := range []string{"last run: {{widgets.lookup.parsed.status}} = Shipped", "last run: {{flow.variables.choice}} = 7"} {
		if !strings.Contains(say.assist.marks.Text, want) {
			t.Errorf("marks lack %q:\n%s", want, say.assist.marks.Text)
		}
	}
}

// Values of the last run show only at widgets that ran in it, and only
// for the flow it ran: a widget added since, or another flow imported in
// its place, shows none (they showed the run's final values).
func TestLastRunValuesShowOnlyWhereTheWidgetRan(t *testing.T) {
	e := provenanceEditor(t)
	runProvenanceFlow(t, e)
	shows := func(widget string) string {
		e.selectWidgets([]string{widget})
		for _, a := range e.assists {
			if a.marks.Visible() {
				return a.marks.Text
			}
		}
		return ""
	}
	if got := shows("menu"); !strings.Contains(got, "last run: {{trigger.call.From}} = ") {
		t.Fatalf("menu ran, yet its say field shows %q", got)
	}
	copyOf, err := model.ParseValue([]byte(`{"name": "late", "type": "say-play", "transitions": [{"event": "audioComplete"}], "properties": {"say": "Hi {{trigger.call.From}}", "loop": 1, "offset": {"x": 900, "y": 0}}}`))
	if err != nil {
		t.Fatal(err)
	}
	if err := e.doc.Apply(model.AddWidget(copyOf.(*model.Object), e.doc.Flow().Len())); err != nil {
		t.Fatal(err)
	}
	if got := shows("late"); got != "" {
		t.Errorf("a widget added after the run shows %q", got)
	}
	other := e.doc.Flow().Clone()
	if err := e.doc.Apply(model.ReplaceFlow(other)); err != nil {
		t.Fatal(err)
	}
	if got := shows("menu"); got != "" {
		t.Errorf("after another flow was imported, menu shows %q", got)
	}
}
