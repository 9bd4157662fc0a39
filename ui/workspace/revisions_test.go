package workspace

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/studio"
	wsstore "github.com/studioflow/studioflow/studio/workspace"
)

// threeRevisions stores the foodnow flow, then the webinar flow and a
// broken definition as its revisions 2 and 3.
func threeRevisions(t *testing.T, fx *homeFixture) wsstore.Flow {
	t.Helper()
	f := fx.flowNamed(t, "FoodNow fallback")
	if _, err := studio.SaveRevision(fx.store, validator(t), f.SID, readFlow(t, webinarFlow), "Webinar menu", false, fx.clock.now()); err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(readFlow(t, foodnowFlow)), `"next": "connect_to_helpline"`, `"next": "Nowhere"`, 1)
	if broken == string(readFlow(t, foodnowFlow)) {
		t.Fatal("the fixture has no wire to connect_to_helpline to break")
	}
	if _, err := studio.SaveRevision(fx.store, validator(t), f.SID, []byte(broken), "Work in progress", false, fx.clock.now()); err != nil {
		t.Fatal(err)
	}
	fx.home.Refresh()
	fx.home.Select(f.SID)
	return f
}

func TestRevisionHistoryListsNewestFirstWithMessagesAndValidity(t *testing.T) {
	fx := newHomeFixture(t, foodnowFlow)
	threeRevisions(t, fx)
	r := fx.home.detail.revisions
	var numbers []int
	var messages []string
	for _, rev := range r.items {
		numbers = append(numbers, rev.Revision)
		messages = append(messages, commitText(rev.CommitMessage))
	}
	if !slices.Equal(numbers, []int{3, 2, 1}) || !slices.Equal(messages, []string{"Work in progress", "Webinar menu", "Imported from " + foodnowFlow}) {
		t.Fatalf("history %v %v", numbers, messages)
	}
	if r.items[0].Valid || len(r.items[0].Errors) == 0 {
		t.Fatalf("the broken revision is stored as valid: %+v", r.items[0].Errors)
	}
	row := newRevisionRow().(*revisionRow)
	row.show(r.items[0])
	if row.number.Text != "#3" || row.status.Text != "Draft" || !strings.HasPrefix(row.valid.Text, countNoun(len(r.items[0].Errors), "error")) {
		t.Errorf("row shows %q %q %q", row.number.Text, row.status.Text, row.valid.Text)
	}

	// Nothing selected: nothing to act on.
	for _, b := range []fyne.Disableable{r.viewBtn, r.restoreBtn, r.publishBtn} {
		if !b.Disabled() {
			t.Fatal("a revision action is enabled with no revision selected")
		}
	}
	r.list.Select(0)
	if !r.restoreBtn.Disabled() || !r.publishBtn.Disabled() || r.viewBtn.Disabled() {
		t.Error("the latest, broken revision can be restored or published, or not viewed")
	}
}

func TestRestoreARevisionAsANewDraft(t *testing.T) {
	fx := newHomeFixture(t, foodnowFlow)
	f := threeRevisions(t, fx)
	r := fx.home.detail.revisions
	r.list.Select(2) // revision 1
	test.Tap(r.restoreBtn)

	got, err := fx.store.Flow(f.SID)
	if err != nil {
		t.Fatal(err)
	}
	first, err := fx.store.Revision(f.SID, 1)
	if err != nil {
		t.Fatal(err)
	}
	if got.Revision != 4 || got.Status != wsstore.StatusDraft || !slices.Equal(got.Definition, first.Definition) || commitText(got.CommitMessage) != "Restored revision 1" {
		t.Fatalf("after restore: rev %d %s %q", got.Revision, got.Status, commitText(got.CommitMessage))
	}
	if len(r.items) != 4 || r.items[0].Revision != 4 || fx.home.detail.revTab.Text != "Revisions (4)" {
		t.Errorf("the history shows %d revisions, tab %q", len(r.items), fx.home.detail.revTab.Text)
	}
}

func TestPublishARevision(t *testing.T) {
	fx := newHomeFixture(t, foodnowFlow)
	f := threeRevisions(t, fx)
	r := fx.home.detail.revisions
	r.list.Select(1) // revision 2, valid
	test.Tap(r.publishBtn)
	objs := overlay(t, fx.win)
	if got := entries(objs)[0].Text; got != "Published revision 2" {
		t.Fatalf("proposed commit message %q", got)
	}
	entries(objs)[0].SetText("Go live with the webinar menu")
	test.Tap(button(t, objs, "Publish"))

	got, err := fx.store.Flow(f.SID)
	if err != nil {
		t.Fatal(err)
	}
	second, _ := fx.store.Revision(f.SID, 2)
	if got.Revision != 4 || got.Status != wsstore.StatusPublished || got.LatestPublished != 4 || !slices.Equal(got.Definition, second.Definition) {
		t.Fatalf("after publish: rev %d %s latest published %d", got.Revision, got.Status, got.LatestPublished)
	}
	if fx.home.detail.status.Text != "Published" || !strings.Contains(fx.home.detail.dates.Text, "revision 4 published") {
		t.Errorf("detail shows %q / %q", fx.home.detail.status.Text, fx.home.detail.dates.Text)
	}
	r.list.Select(0)
	if !r.publishBtn.Disabled() {
		t.Error("the live revision can be published again")
	}
}

func TestViewARevisionReadOnly(t *testing.T) {
	fx := newHomeFixture(t, foodnowFlow)
	f := threeRevisions(t, fx)
	r := fx.home.detail.revisions
	r.list.Select(1)

	before := len(fyne.CurrentApp().Driver().AllWindows())
	test.Tap(r.viewBtn)
	windows := fyne.CurrentApp().Driver().AllWindows()
	if len(windows) != before+1 {
		t.Fatalf("%d windows after View, want %d", len(windows), before+1)
	}
	viewer := windows[len(windows)-1]
	t.Cleanup(viewer.Close)
	if got := viewer.Title(); got != "FoodNow fallback — revision 2 (read-only)" {
		t.Errorf("viewer title %q", got)
	}

	var handed []int
	fx.home.OnOpenRevisionReadOnly = func(sid string, rev wsstore.Revision) {
		if sid != f.SID || len(rev.Definition) == 0 {
			t.Errorf("handed %s with %d bytes", sid, len(rev.Definition))
		}
		handed = append(handed, rev.Revision)
	}
	test.Tap(r.viewBtn)
	if !slices.Equal(handed, []int{2}) || len(fyne.CurrentApp().Driver().AllWindows()) != before+1 {
		t.Fatalf("with OnOpenRevisionReadOnly set: handed %v", handed)
	}
}

// compareCall is one OnCompare call.
type compareCall struct {
	old, new           *model.Flow
	oldLabel, newLabel string
}

func TestCompareARevisionWithThePreviousAndTheLatest(t *testing.T) {
	fx := newHomeFixture(t, foodnowFlow)
	f := threeRevisions(t, fx)
	var calls []compareCall
	fx.home.OnCompare = func(old, new *model.Flow, oldLabel, newLabel string) {
		calls = append(calls, compareCall{old, new, oldLabel, newLabel})
	}
	r := fx.home.detail.revisions
	r.list.UnselectAll()
	if !r.prevBtn.Disabled() || !r.latestBtn.Disabled() {
		t.Fatal("a compare button is enabled with no revision selected")
	}
	r.list.Select(2) // revision 1
	if !r.prevBtn.Disabled() || r.latestBtn.Disabled() {
		t.Error("revision 1 can be compared with a previous one, or not with the latest")
	}
	r.list.Select(0) // revision 3, the latest
	if r.prevBtn.Disabled() || !r.latestBtn.Disabled() {
		t.Error("the latest revision cannot be compared with the previous, or can with itself")
	}

	r.list.Select(1) // revision 2
	test.Tap(r.prevBtn)
	test.Tap(r.latestBtn)
	if len(calls) != 2 {
		t.Fatalf("OnCompare called %d times, want 2", len(calls))
	}
	parsed := func(n int) *model.Flow {
		rev, err := fx.store.Revision(f.SID, n)
		if err != nil {
			t.Fatal(err)
		}
		flow, err := model.Parse(rev.Definition)
		if err != nil {
			t.Fatal(err)
		}
		return flow
	}
	want := []compareCall{{parsed(1), parsed(2), "rev 1", "rev 2"}, {parsed(2), parsed(3), "rev 2", "rev 3 (latest)"}}
	for i, c := range calls {
		w := want[i]
		if c.oldLabel != w.oldLabel || c.newLabel != w.newLabel {
			t.Errorf("call %d labels %q → %q, want %q → %q", i, c.oldLabel, c.newLabel, w.oldLabel, w.newLabel)
		}
		if !reflect.DeepEqual(c.old, w.old) || !reflect.DeepEqual(c.new, w.new) {
			t.Errorf("call %d compares other flows than revisions %s and %s", i, w.oldLabel, w.newLabel)
		}
	}
	if reflect.DeepEqual(calls[0].old, calls[0].new) {
		t.Error("the fixture's revisions 1 and 2 are the same flow")
	}
}

func TestCompareButtonsDisabledWithoutAnOnCompare(t *testing.T) {
	fx := newHomeFixture(t, foodnowFlow)
	threeRevisions(t, fx)
	r := fx.home.detail.revisions
	r.list.Select(1)
	if !r.prevBtn.Disabled() || !r.latestBtn.Disabled() {
		t.Error("compare is offered with nowhere to show it")
	}
}

// The revision actions must not widen the Flows home past the 1100-point
// window ui opens it in (which would squeeze the flows list).
func TestRevisionActionsKeepTheFlowsHomeWithinItsWindow(t *testing.T) {
	fx := newHomeFixture(t, foodnowFlow)
	threeRevisions(t, fx)
	if w := fx.home.Content().MinSize().Width; w > 900 {
		t.Errorf("the Flows home needs %.0f points with a flow selected", w)
	}
}
