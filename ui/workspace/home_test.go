package workspace

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/studio"
	wsstore "github.com/studioflow/studioflow/studio/workspace"
	"github.com/studioflow/studioflow/ui/kbd"
)

func TestHomeListsFlowsNewestChangeFirstAndSearchesByName(t *testing.T) {
	fx := newHomeFixture(t, vaccineFlow, foodnowFlow, webinarFlow)
	if got, want := fx.home.ShownFlows(), []string{"Webinar IVR", "FoodNow fallback", "Vaccine standby list"}; !slices.Equal(got, want) {
		t.Fatalf("listed %v, want %v", got, want)
	}
	if got := fx.home.count.Text; got != "3 flows" {
		t.Errorf("count says %q", got)
	}

	test.Type(fx.home.search, "FOOD")
	if got, want := fx.home.ShownFlows(), []string{"FoodNow fallback"}; !slices.Equal(got, want) {
		t.Fatalf("search FOOD listed %v, want %v", got, want)
	}
	if got := fx.home.count.Text; got != "1 of 3 flows match" {
		t.Errorf("count says %q", got)
	}

	// A SID finds its flow too.
	vaccine := fx.flowNamed(t, "Vaccine standby list")
	fx.home.search.SetText(strings.ToLower(vaccine.SID))
	if got := fx.home.ShownFlows(); !slices.Equal(got, []string{"Vaccine standby list"}) {
		t.Fatalf("search by SID listed %v", got)
	}
	fx.home.search.SetText("no such flow")
	if got := fx.home.ShownFlows(); len(got) != 0 || fx.home.count.Text != "0 of 3 flows match" {
		t.Fatalf("search for nothing listed %v (%q)", got, fx.home.count.Text)
	}
	fx.home.search.SetText("")
	if len(fx.home.ShownFlows()) != 3 {
		t.Fatalf("clearing the search listed %v", fx.home.ShownFlows())
	}
}

func TestHomeShowsTheSelectedFlowsStatusValidityAndRevisions(t *testing.T) {
	fx := newHomeFixture(t, vaccineFlow, foodnowFlow)
	food := fx.flowNamed(t, "FoodNow fallback")
	fx.home.Select(food.SID)
	d := fx.home.detail
	if d.name.Text != "FoodNow fallback" || d.sid.Text != food.SID || d.status.Text != "Draft" {
		t.Fatalf("detail shows %q %q %q", d.name.Text, d.sid.Text, d.status.Text)
	}
	if want := validity(food.Valid, food.Errors, food.Warnings); d.valid.Text != want {
		t.Errorf("validity %q, want %q (the validator's verdict)", d.valid.Text, want)
	}
	if len(d.revisions.items) != 1 || d.revTab.Text != "Revisions (1)" || d.execTab.Text != "Executions (0)" {
		t.Errorf("tabs %q %q with %d revisions", d.revTab.Text, d.execTab.Text, len(d.revisions.items))
	}
	if d.message.Text != "Revision 1: Imported from "+foodnowFlow {
		t.Errorf("commit line %q", d.message.Text)
	}

	var opened []string
	fx.home.OnOpen = func(sid string, def []byte, rev int) {
		if _, err := model.Parse(def); err != nil {
			t.Errorf("opened a definition that does not parse: %v", err)
		}
		opened = append(opened, sid)
		if rev != 1 {
			t.Errorf("opened revision %d", rev)
		}
	}
	test.Tap(d.openBtn)
	if !slices.Equal(opened, []string{food.SID}) {
		t.Fatalf("Open handed over %v", opened)
	}
}

func TestNewFlowFromBlankAndFromPastedJSON(t *testing.T) {
	fx := newHomeFixture(t)
	if fx.home.empty.Hidden {
		t.Fatal("an empty workspace does not say so")
	}

	test.Tap(fx.home.newButton)
	objs := overlay(t, fx.win)
	if n := len(entries(objs)); n != 1 {
		t.Fatalf("a blank flow's dialog shows %d fields, want the name only", n)
	}
	name := entries(objs)[0]
	if fx.win.Canvas().Focused() != name {
		t.Error("the name field does not have the keyboard")
	}
	test.Type(name, "Appointment reminders")
	name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Return creates it
	noOverlay(t, fx.win)

	blank := fx.flowNamed(t, "Appointment reminders")
	if !slices.Equal(blank.Definition, compact(t, model.NewBlankFlow().Marshal())) || blank.Status != wsstore.StatusDraft || commitText(blank.CommitMessage) != "Created blank" {
		t.Fatalf("blank flow stored as %s, %s, %q", blank.Definition, blank.Status, commitText(blank.CommitMessage))
	}
	if fx.home.Selected() != blank.SID || !fx.home.empty.Hidden {
		t.Errorf("the new flow is not selected (%q) or the empty message still shows", fx.home.Selected())
	}

	test.Tap(fx.home.newButton)
	objs = overlay(t, fx.win)
	test.Type(entries(objs)[0], "Standby")
	radio := findRadio(t, objs)
	radio.SetSelected(sourceJSON)
	objs = overlay(t, fx.win)
	paste := entries(objs)[1]
	paste.SetText(string(readFlow(t, vaccineFlow))) // as a paste does
	test.Tap(button(t, objs, "Create"))
	noOverlay(t, fx.win)
	standby := fx.flowNamed(t, "Standby")
	if !slices.Equal(standby.Definition, compact(t, readFlow(t, vaccineFlow))) {
		t.Fatal("the pasted flow is not stored as pasted")
	}
	if got := fx.home.ShownFlows(); !slices.Equal(got, []string{"Standby", "Appointment reminders"}) {
		t.Fatalf("listed %v", got)
	}
}

func TestNewFlowFromJSONThatIsNotAFlowSaysWhyAndCreatesNothing(t *testing.T) {
	fx := newHomeFixture(t)
	var reported []error
	fx.home.OnError = func(err error) { reported = append(reported, err) }
	test.Tap(fx.home.newButton)
	objs := overlay(t, fx.win)
	test.Type(entries(objs)[0], "Broken")
	findRadio(t, objs).SetSelected(sourceJSON)
	objs = overlay(t, fx.win)
	entries(objs)[1].SetText(`{"description": "no states"}`)
	test.Tap(button(t, objs, "Create"))
	if len(reported) != 1 || !strings.Contains(reported[0].Error(), `no "states" list`) {
		t.Fatalf("reported %v", reported)
	}
	if flows, _ := fx.store.Flows(); len(flows) != 0 {
		t.Fatalf("created %d flows from a broken definition", len(flows))
	}
}

func TestImportJSONNamesTheFlowAfterTheFile(t *testing.T) {
	fx := newHomeFixture(t)
	fx.home.ImportJSON(webinarFlow, readFlow(t, webinarFlow))
	objs := overlay(t, fx.win)
	if got := entries(objs)[0].Text; got != strings.TrimSuffix(webinarFlow, ".json") {
		t.Fatalf("name proposed %q", got)
	}
	test.Tap(button(t, objs, "Create"))
	f := fx.flowNamed(t, strings.TrimSuffix(webinarFlow, ".json"))
	if commitText(f.CommitMessage) != "Imported from "+webinarFlow {
		t.Errorf("commit message %q", commitText(f.CommitMessage))
	}
}

func TestDuplicateRenameAndDeleteWithConfirmation(t *testing.T) {
	fx := newHomeFixture(t, vaccineFlow, foodnowFlow)
	vaccine := fx.flowNamed(t, "Vaccine standby list")
	fx.home.Select(vaccine.SID)
	d := fx.home.detail

	test.Tap(d.duplicateBtn)
	objs := overlay(t, fx.win)
	if got := entries(objs)[0].Text; got != "Copy of Vaccine standby list" {
		t.Fatalf("duplicate proposes %q", got)
	}
	test.Tap(button(t, objs, "Duplicate"))
	dup := fx.flowNamed(t, "Copy of Vaccine standby list")
	if dup.SID == vaccine.SID || !slices.Equal(dup.Definition, vaccine.Definition) || dup.Revision != 1 || fx.home.Selected() != dup.SID {
		t.Fatalf("duplicate %s rev %d selected=%v", dup.SID, dup.Revision, fx.home.Selected() == dup.SID)
	}

	test.Tap(d.renameBtn)
	objs = overlay(t, fx.win)
	entries(objs)[0].SetText("Standby copy")
	test.Tap(button(t, objs, "Rename"))
	renamed, err := fx.store.Flow(dup.SID)
	if err != nil {
		t.Fatal(err)
	}
	if renamed.FriendlyName != "Standby copy" || renamed.Revision != 2 || !slices.Equal(renamed.Definition, vaccine.Definition) {
		t.Fatalf("renamed to %q rev %d", renamed.FriendlyName, renamed.Revision)
	}
	if d.name.Text != "Standby copy" || !slices.Contains(fx.home.ShownFlows(), "Standby copy") {
		t.Errorf("the home still shows %q, list %v", d.name.Text, fx.home.ShownFlows())
	}

	test.Tap(d.deleteBtn)
	objs = overlay(t, fx.win)
	if !containsText(objs, "“Standby copy” and its 2 revisions and no executions will be removed") {
		t.Errorf("confirmation says %v", texts(objs))
	}
	test.Tap(button(t, objs, "Keep"))
	if _, err := fx.store.FlowInfo(dup.SID); err != nil {
		t.Fatalf("Keep deleted the flow: %v", err)
	}

	test.Tap(d.deleteBtn)
	test.Tap(button(t, overlay(t, fx.win), "Delete"))
	if _, err := fx.store.FlowInfo(dup.SID); !errors.Is(err, wsstore.ErrNotFound) {
		t.Fatalf("after Delete the flow lookup says %v", err)
	}
	if got := fx.home.ShownFlows(); !slices.Equal(got, []string{"FoodNow fallback", "Vaccine standby list"}) || fx.home.Selected() != "" {
		t.Fatalf("after delete: listed %v, selected %q", got, fx.home.Selected())
	}
	if d.body.Visible() {
		t.Error("the detail of the deleted flow still shows")
	}
}

func TestRenameDialogRefusesAnEmptyName(t *testing.T) {
	fx := newHomeFixture(t, foodnowFlow)
	f := fx.flowNamed(t, "FoodNow fallback")
	fx.home.Select(f.SID)
	var reported []error
	fx.home.OnError = func(err error) { reported = append(reported, err) }

	test.Tap(fx.home.detail.renameBtn)
	objs := overlay(t, fx.win)
	fx.win.Canvas().Unfocus()
	entries(objs)[0].SetText("   ")
	if b := button(t, objs, "Rename"); !b.Disabled() {
		t.Fatal("Rename is enabled for a blank name")
	}
	test.Tap(button(t, objs, "Cancel"))

	// With the keyboard in the field (where the dialog puts it) the verdict
	// shows as it is typed: Return on a blank name submits nothing.
	test.Tap(fx.home.detail.renameBtn)
	objs = overlay(t, fx.win)
	name := entries(objs)[0]
	if fx.win.Canvas().Focused() != name {
		t.Fatalf("the rename dialog put the keyboard on %T, want its name field", fx.win.Canvas().Focused())
	}
	name.SetText("")
	if b := button(t, objs, "Rename"); !b.Disabled() {
		t.Fatal("Rename is enabled for a blank name typed in the focused field")
	}
	name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(reported) != 0 || fx.win.Canvas().Overlays().Top() == nil {
		t.Fatalf("Return on a blank name: reported %v, dialog up=%v", reported, fx.win.Canvas().Overlays().Top() != nil)
	}
	if got, _ := fx.store.FlowInfo(f.SID); got.FriendlyName != "FoodNow fallback" || got.Revision != 1 {
		t.Fatalf("the flow became %q revision %d", got.FriendlyName, got.Revision)
	}
}

func findRadio(t *testing.T, objs []fyne.CanvasObject) *kbd.Radio {
	t.Helper()
	for _, o := range objs {
		if r, ok := o.(*kbd.Radio); ok {
			return r
		}
	}
	t.Fatalf("no radio group in %v", texts(objs))
	return nil
}

func compact(t *testing.T, def []byte) []byte {
	t.Helper()
	c, err := studio.CheckDefinition(validator(t), def)
	if err != nil {
		t.Fatal(err)
	}
	return c.Compact
}
