package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/ui/kbd"
)

func condition(t *testing.T, e *Editor, split string, i int) *model.Object {
	t.Helper()
	tr := e.doc.Flow().State(split).Transition(i)
	if len(tr.Conditions) == 0 {
		t.Fatalf("transition %d of %s has no condition", i, split)
	}
	return tr.Conditions[0].(*model.Object)
}

func conditionText(t *testing.T, e *Editor, split string, i int, member string) string {
	t.Helper()
	v, _ := condition(t, e, split, i).String(member)
	return v
}

func TestVariableToTestRewritesEveryConditionsArgumentsInOneUndoStep(t *testing.T) {
	a := test.NewTempApp(t)
	f, names := flowWith(t, loadCatalog(t), "split-based-on")
	e := newTestEditor(t, a, Options{Flow: f})
	split := names[0]
	e.selectWidgets([]string{split})
	before := e.doc.Flow().Marshal()
	typeInto(t, e, "/properties/input", "{{trigger.message.Body}}")
	s := e.doc.Flow().State(split)
	for i, tr := range s.Transitions() {
		if tr.Event != "match" {
			continue
		}
		args, _ := condition(t, e, split, i).Get("arguments")
		if list, _ := args.([]any); len(list) != 1 || list[0] != "{{trigger.message.Body}}" {
			t.Errorf("condition %d tests %v, not the variable shown", i, args)
		}
	}
	e.inspector.addCondition(split)
	last := e.doc.Flow().State(split).TransitionCount() - 1
	if args, _ := condition(t, e, split, last).Get("arguments"); fmt.Sprint(args) != "[{{trigger.message.Body}}]" {
		t.Errorf("a new condition tests %v", args)
	}
	e.Undo() // the added condition
	e.Undo() // the typing, all of it
	if got := e.doc.Flow().Marshal(); string(got) != string(before) {
		t.Errorf("two undos did not restore the split:\n%s", got)
	}
}

func TestFriendlyNamesFollowOperatorAndValueUntilTheUserNamesTheCondition(t *testing.T) {
	a := test.NewTempApp(t)
	f, names := flowWith(t, loadCatalog(t), "split-based-on")
	e := newTestEditor(t, a, Options{Flow: f})
	split := names[0]
	e.selectWidgets([]string{split})
	i := 1 // the defaults' first condition: "If value equal_to 1"
	if got := conditionText(t, e, split, i, "friendly_name"); got != "If value equal_to 1" {
		t.Fatalf("fixture: first condition named %q", got)
	}
	op := e.inspector.field(fmt.Sprintf("/transitions/%d/conditions/0/type", i)).(*kbd.Select)
	if !slices.Contains(op.Options, "Does Not Match Any Of") || slices.Contains(op.Options, "does_not_match_any_of") {
		t.Errorf("operators offered as %v, want Studio's words", op.Options)
	}
	if op.Selected != "Equal To" {
		t.Errorf("equal_to shown as %q", op.Selected)
	}
	op.SetSelected("Contains")
	typeInto(t, e, fmt.Sprintf("/transitions/%d/conditions/0/value", i), "help")
	if got := conditionText(t, e, split, i, "type"); got != "contains" {
		t.Errorf("operator written as %q", got)
	}
	if got := conditionText(t, e, split, i, "friendly_name"); got != "If value contains help" {
		t.Errorf("automatic name %q after choosing contains and typing help", got)
	}
	// The user's own name is kept through later changes.
	typeInto(t, e, fmt.Sprintf("/transitions/%d/conditions/0/friendly_name", i), "Asks for help")
	typeInto(t, e, fmt.Sprintf("/transitions/%d/conditions/0/value", i), "aide")
	if got := conditionText(t, e, split, i, "friendly_name"); got != "Asks for help" {
		t.Errorf("the user's name became %q", got)
	}
	// A condition loaded with Studio's name follows too.
	j := 2
	typeInto(t, e, fmt.Sprintf("/transitions/%d/conditions/0/value", j), "7")
	if got := conditionText(t, e, split, j, "friendly_name"); got != "If value equal_to 7" {
		t.Errorf("second condition named %q after typing 7", got)
	}
	e.inspector.field(fmt.Sprintf("/transitions/%d/conditions/0/type", j)).(*kbd.Select).SetSelected("Is Blank")
	if got := conditionText(t, e, split, j, "value"); got != "Is Blank" {
		t.Errorf("is_blank's value %q, want Studio's", got)
	}
	if got := conditionText(t, e, split, j, "friendly_name"); got != "If value is_blank" {
		t.Errorf("is_blank named %q", got)
	}
}

func TestTheTriggerInspectorOffersAllFiveEntryPoints(t *testing.T) {
	a := test.NewTempApp(t)
	f, names := flowWith(t, loadCatalog(t), "say-play")
	e := newTestEditor(t, a, Options{Flow: f})
	e.selectWidgets([]string{"Trigger"})
	for _, ev := range []string{"incomingConversationMessage", "incomingParent"} {
		if e.inspector.field("/transitions/"+ev) == nil {
			t.Errorf("no row for %s (rows %v)", ev, rowPaths(e.inspector))
		}
	}
	// In Studio's order: Message, Call, Conversation, REST API, Subflow.
	want := "/transitions/0 /transitions/1 /transitions/incomingConversationMessage /transitions/2 /transitions/incomingParent"
	if got := strings.Join(rowsUnder(e.inspector, "/transitions/"), " "); got != want {
		t.Errorf("entry points listed as %s, want %s", got, want)
	}
	before := e.doc.Flow().Trigger().TransitionCount()
	e.inspector.field("/transitions/incomingParent").(*kbd.Select).SetSelected(names[0])
	if next, _ := e.doc.Flow().Trigger().Next("incomingParent"); next != names[0] {
		t.Fatalf("Subflow leads to %q", next)
	}
	if n := e.doc.Flow().Trigger().TransitionCount(); n != before+1 {
		t.Errorf("%d transitions, want %d", n, before+1)
	}
	if e.inspector.field("/transitions/3") == nil {
		t.Errorf("the new transition has no row of its own: %v", rowPaths(e.inspector))
	}
}
