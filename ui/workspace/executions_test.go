package workspace

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/studio"
	"github.com/studioflow/studioflow/studio/sessions"
	wsstore "github.com/studioflow/studioflow/studio/workspace"
)

// recordRun runs the vaccine standby flow on the engine as the simulator
// does (a text in, one reply) and records it in the workspace.
func recordRun(t testing.TB, store *wsstore.Store, flowSID string) *engine.Execution {
	t.Helper()
	parsed, err := model.Parse(readFlow(t, vaccineFlow))
	if err != nil {
		t.Fatal(err)
	}
	rt := engine.New(engine.Config{})
	x, _, err := rt.Start(parsed, engine.Trigger{Event: engine.TriggerMessage, From: "+15551230000", To: "+15557654321", Body: "hi"}, engine.StartOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if x.Status == engine.StatusActive {
		if _, err := rt.Resume(x, engine.Input{Kind: engine.InputMessage, Text: "Ada"}); err != nil {
			t.Fatal(err)
		}
	}
	if len(x.Steps) < 2 {
		t.Fatalf("the run took %d steps; the test needs a path", len(x.Steps))
	}
	mgr, err := sessions.New(store, sessions.Config{})
	if err != nil {
		t.Fatal(err)
	}
	if err := mgr.Record(flowSID, 1, x); err != nil {
		t.Fatal(err)
	}
	return x
}

func TestExecutionsOfAFlowAreListedAndOpen(t *testing.T) {
	fx := newHomeFixture(t, vaccineFlow, foodnowFlow)
	f := fx.flowNamed(t, "Vaccine standby list")
	x := recordRun(t, fx.store, f.SID)
	fx.home.Refresh()
	fx.home.Select(f.SID)
	list := fx.home.detail.executions
	if len(list.items) != 1 || list.items[0].SID != x.SID || fx.home.detail.execTab.Text != "Executions (1)" || list.empty.Visible() {
		t.Fatalf("listed %d executions, tab %q", len(list.items), fx.home.detail.execTab.Text)
	}
	row := newExecutionRow().(*executionRow)
	row.show(list.items[0])
	if row.sid.Text != x.SID || row.status.Text != executionStatus(list.items[0]) || row.contact.Text != "+15551230000 · rev 1" {
		t.Errorf("row shows %q %q %q", row.sid.Text, row.status.Text, row.contact.Text)
	}

	if !list.openBtn.Disabled() {
		t.Error("Open is enabled with no execution selected")
	}
	list.list.Select(0)
	before := len(fyne.CurrentApp().Driver().AllWindows())
	test.Tap(list.openBtn)
	windows := fyne.CurrentApp().Driver().AllWindows()
	if len(windows) != before+1 || windows[len(windows)-1].Title() != "Execution "+x.SID {
		t.Fatalf("Open made %d windows", len(windows)-before)
	}
	windows[len(windows)-1].Close()

	var handed []string
	fx.home.OnOpenExecution = func(flowSID, execSID string) { handed = append(handed, flowSID, execSID) }
	test.Tap(list.openBtn)
	if !slices.Equal(handed, []string{f.SID, x.SID}) {
		t.Fatalf("OnOpenExecution got %v", handed)
	}

	// Another flow has none.
	fx.home.Select(fx.flowNamed(t, "FoodNow fallback").SID)
	if len(list.items) != 0 || !list.empty.Visible() {
		t.Errorf("the other flow lists %d executions", len(list.items))
	}
}

func TestExecutionViewShowsStepsInOrderThePathAndEachStepsContext(t *testing.T) {
	test.NewTempApp(t)
	store := openStore(t)
	f, err := studio.CreateFlow(store, validator(t), "Standby", readFlow(t, vaccineFlow), "", newClock().now())
	if err != nil {
		t.Fatal(err)
	}
	x := recordRun(t, store, f.SID)
	v, err := NewExecutionView(store, validator(t).Catalog(), f.SID, x.SID)
	if err != nil {
		t.Fatal(err)
	}
	w := test.NewTempWindow(t, v.Content())
	w.Resize(fyne.NewSize(1200, 760))

	if len(v.steps) != len(x.Steps) {
		t.Fatalf("%d steps shown, the run took %d", len(v.steps), len(x.Steps))
	}
	for i, st := range x.Steps {
		if v.steps[i].SID != st.SID {
			t.Fatalf("step %d is %s, the run's was %s: not in the order taken", i+1, v.steps[i].SID, st.SID)
		}
	}

	// The whole execution: every transition taken, the execution's context.
	parsed, _ := model.Parse(readFlow(t, vaccineFlow))
	all := v.highlight.Taken
	if len(all) == 0 {
		t.Fatal("no transition of the run is highlighted")
	}
	for _, ref := range all {
		tr := parsed.State(ref.From).Transitions()[ref.Transition]
		if !slices.ContainsFunc(x.Steps, func(s *engine.Step) bool { return s.TransitionedFrom == ref.From && s.Name == tr.Event }) {
			t.Errorf("highlighted %s/%s, which no step took", ref.From, tr.Event)
		}
	}
	if v.contextTitle.Text != "Execution context" {
		t.Errorf("context title %q", v.contextTitle.Text)
	}
	for key := range x.Context() {
		if _, ok := v.context.labels["/"+key]; !ok {
			t.Errorf("the execution context tree lacks %q", key)
		}
	}

	// One step: the path up to it, its widget active, its own context.
	v.stepList.Select(0)
	first := x.Steps[0]
	if v.highlight.Active != first.TransitionedFrom || len(v.highlight.Taken) != 1 || v.highlight.Taken[0].From != first.TransitionedFrom {
		t.Fatalf("step 1 highlights %+v", v.highlight)
	}
	if v.contextTitle.Text != "Context after step 1 ("+first.TransitionedFrom+")" {
		t.Errorf("context title %q", v.contextTitle.Text)
	}
	if got, ok := v.context.label("trigger/message/Body"); !ok || got != `Body: "hi"` {
		t.Errorf("step 1's context shows trigger.message.Body as %q (%v)", got, ok)
	}

	last := len(x.Steps) - 1
	v.stepList.Select(last)
	if v.highlight.Active != x.Steps[last].TransitionedFrom || len(v.highlight.Taken) != len(all) {
		t.Errorf("the last step highlights %+v, want all %d wires", v.highlight, len(all))
	}
	v.stepList.UnselectAll()
	if v.highlight.Active != "" || v.contextTitle.Text != "Execution context" {
		t.Errorf("unselecting left %+v, %q", v.highlight, v.contextTitle.Text)
	}
}

func TestExecutionViewOfAMissingExecutionSaysSo(t *testing.T) {
	store := openStore(t)
	f, err := studio.CreateFlow(store, validator(t), "Standby", readFlow(t, vaccineFlow), "", newClock().now())
	if err != nil {
		t.Fatal(err)
	}
	_, err = NewExecutionView(store, validator(t).Catalog(), f.SID, "FN00000000000000000000000000000000")
	if err == nil || !strings.Contains(err.Error(), "FN00000000000000000000000000000000") {
		t.Fatalf("got %v", err)
	}
}
