package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/studio"
	wsstore "github.com/studioflow/studioflow/studio/workspace"
)

// workspaceEditor is an editor whose workspace is a fresh one in a
// temporary folder, holding the astrology flow as revision 1.
func workspaceEditor(t *testing.T) (*Editor, *wsstore.Store, string) {
	t.Helper()
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{})
	dir := t.TempDir()
	e.ws.open = func() (*wsstore.Store, error) { return wsstore.Open(dir, wsstore.Options{}) }
	if !e.ws.ensureStore() {
		t.Fatal("workspace did not open")
	}
	t.Cleanup(e.ws.close)
	def := readShared(t, astrology).Marshal()
	created, err := studio.CreateFlow(e.ws.store, e.val, "Astrology", def, "first", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return e, e.ws.store, created.SID
}

func TestAFlowOpenedFromTheFlowsHomeSavesAsItsNextRevision(t *testing.T) {
	e, store, sid := workspaceEditor(t)
	e.FlowsHome()
	if e.ws.home == nil {
		t.Fatal("the Flows home did not open")
	}
	info, err := store.Flow(sid)
	if err != nil {
		t.Fatal(err)
	}
	e.ws.home.OnOpen(sid, info.Definition, info.Revision)
	if e.ws.flowSID != sid || !strings.Contains(e.win.Title(), "Astrology (workspace)") {
		t.Fatalf("editor shows %q (workspace flow %q)", e.win.Title(), e.ws.flowSID)
	}
	e.selectWidgets([]string{"ask_sign"})
	typeInto(t, e, "/properties/body", "Which sign are you?")
	e.Save()
	if len(e.win.Canvas().Overlays().List()) == 0 {
		t.Fatal("Save did not ask for a commit message")
	}
	test.Tap(dialogButton(t, e.win, "Save"))
	latest, err := store.Flow(sid)
	if err != nil {
		t.Fatal(err)
	}
	if latest.Revision != 2 {
		t.Fatalf("revision %d after saving, want 2", latest.Revision)
	}
	f, err := model.Parse(latest.Definition)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.State("ask_sign").StringProperty("body"); got != "Which sign are you?" {
		t.Errorf("the new revision holds %q", got)
	}
	if e.doc.Dirty() {
		t.Error("still marked unsaved after saving to the workspace")
	}
}

func TestSaveToWorkspaceCreatesAWorkspaceFlowFromAFileFlow(t *testing.T) {
	e, store, _ := workspaceEditor(t)
	if err := e.ws.save("Blank copy", "from the editor", false); err != nil {
		t.Fatal(err)
	}
	flows, err := store.Flows()
	if err != nil {
		t.Fatal(err)
	}
	if len(flows) != 2 || e.ws.flowSID == "" {
		t.Fatalf("%d workspace flows, editor linked to %q", len(flows), e.ws.flowSID)
	}
	if err := e.ws.save("", "", false); err != nil {
		t.Fatalf("a linked flow's second save: %v", err)
	}
	if info, _ := store.FlowInfo(e.ws.flowSID); info.Revision != 2 {
		t.Errorf("revision %d after the second save", info.Revision)
	}
	e.New()
	if e.ws.flowSID != "" {
		t.Error("a new flow stayed linked to the workspace flow")
	}
}

func TestSimulatorRunsOfAWorkspaceFlowAreRecordedAsItsExecutions(t *testing.T) {
	e, store, sid := workspaceEditor(t)
	info, err := store.Flow(sid)
	if err != nil {
		t.Fatal(err)
	}
	rt := engine.New(engine.Config{})
	x, _, err := rt.Start(e.doc.Flow().Clone(), engine.Trigger{Event: engine.TriggerRequest, From: "+15555550199", To: "+15555550100"}, engine.StartOptions{})
	if err != nil || x.Ended == nil {
		t.Fatalf("a REST start of a flow that does not wire it should end at once: %v %v", err, x)
	}

	e.ws.openFlow(sid, info.Definition, info.Revision)
	e.ws.recordRun(x)
	var got []wsstore.Execution
	for range 100 {
		if got, err = store.Executions(sid, time.Time{}, time.Time{}); err == nil && len(got) > 0 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil || len(got) != 1 {
		t.Fatalf("executions of %s: %d, %v; want the one simulator run", sid, len(got), err)
	}
	if got[0].SID != x.SID || got[0].FlowRevision != info.Revision || got[0].Status != engine.StatusEnded {
		t.Fatalf("recorded %+v", got[0])
	}
	steps, err := store.Steps(sid, x.SID)
	if err != nil || len(steps) != len(x.Steps) {
		t.Fatalf("recorded %d steps (%v); the run had %d", len(steps), err, len(x.Steps))
	}
}

func TestDeletingTheOpenWorkspaceFlowDetachesTheEditor(t *testing.T) {
	e, store, sid := workspaceEditor(t)
	e.FlowsHome()
	info, err := store.Flow(sid)
	if err != nil {
		t.Fatal(err)
	}
	e.ws.home.OnOpen(sid, info.Definition, info.Revision)
	if err := store.DeleteFlow(sid); err != nil {
		t.Fatal(err)
	}
	e.ws.home.OnDeleted(sid)
	if e.ws.flowSID != "" {
		t.Fatalf("the editor still points at deleted flow %s", e.ws.flowSID)
	}
	if !strings.Contains(e.win.Title(), "deleted from the workspace") {
		t.Fatalf("title %q does not say the flow was deleted", e.win.Title())
	}
	if e.doc.Flow().State("ask_sign") == nil {
		t.Fatal("the editor lost the flow it was showing")
	}
}

// TestFlowsHomeShowsFlowsAnotherProcessSaved: a `serve` on the same
// workspace (another store on the folder) saves a flow while the Flows home
// is open; bringing the home forward lists it, with no restart.
func TestFlowsHomeShowsFlowsAnotherProcessSaved(t *testing.T) {
	e, store, _ := workspaceEditor(t)
	e.FlowsHome()
	if e.ws.home == nil {
		t.Fatal("the Flows home did not open")
	}
	server, err := wsstore.Open(store.Dir(), wsstore.Options{})
	if err != nil {
		t.Fatalf("a server on the editor's workspace: %v", err)
	}
	defer server.Close()
	def := readShared(t, astrology).Marshal()
	_, err = studio.CreateFlow(server, e.val, "From serve", def, "", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	e.FlowsHome()
	if got := e.ws.home.ShownFlows(); !slices.Contains(got, "From serve") {
		t.Errorf("the Flows home lists %v, not the flow the server saved", got)
	}
}

func TestFlowsHomeComparesTwoRevisionsInTheCompareView(t *testing.T) {
	e, store, sid := workspaceEditor(t)
	first, err := store.Flow(sid)
	if err != nil {
		t.Fatal(err)
	}
	second, err := model.Parse(first.Definition)
	if err != nil {
		t.Fatal(err)
	}
	second.State("ask_sign").Properties().Set("body", "Which sign are you?")
	if _, err := studio.SaveRevision(store, e.val, sid, second.Marshal(), "ask nicely", false, time.Now()); err != nil {
		t.Fatal(err)
	}
	e.FlowsHome()
	if e.ws.home == nil || e.ws.home.OnCompare == nil {
		t.Fatal("the Flows home opened without a compare action")
	}
	before := len(e.app.Driver().AllWindows())
	old, err := model.Parse(first.Definition)
	if err != nil {
		t.Fatal(err)
	}
	e.ws.home.OnCompare(old, second, "rev 1", "rev 2")
	wins := e.app.Driver().AllWindows()
	if len(wins) != before+1 {
		t.Fatalf("%d windows after compare, want %d", len(wins), before+1)
	}
	if title := wins[len(wins)-1].Title(); !strings.HasPrefix(title, "Compare rev 1 → rev 2 — change 1 of 1") || !strings.Contains(title, "ask_sign") {
		t.Errorf("compare window titled %q", title)
	}
}
