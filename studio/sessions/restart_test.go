package sessions

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/internal/crashtest"
	"github.com/studioflow/studioflow/studio/workspace"
)

var restartT0 = time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)

// openManager opens the workspace in dir and a manager on it, as a server start does.
func openManager(t *testing.T, dir string, clock engine.Clock) (*Manager, *workspace.Store) {
	t.Helper()
	store, err := workspace.Open(dir, workspace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	m, err := New(store, Config{Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	return m, store
}

func createFlow(t *testing.T, store *workspace.Store, name, definition string) string {
	t.Helper()
	f, err := store.CreateFlow(workspace.Save{FriendlyName: name, Status: workspace.StatusPublished, Definition: json.RawMessage(definition), Valid: true}, restartT0)
	if err != nil {
		t.Fatal(err)
	}
	return f.SID
}

// storedPath lists the stored steps oldest first as "widget:event>to".
func storedPath(t *testing.T, store *workspace.Store, flow, sid string) string {
	t.Helper()
	steps, err := store.Steps(flow, sid)
	if err != nil {
		t.Fatal(err)
	}
	parts := make([]string, len(steps))
	for i, st := range steps {
		parts[len(steps)-1-i] = st.TransitionedFrom + ":" + st.Name + ">" + st.TransitionedTo
	}
	return strings.Join(parts, " ")
}

func sent(evs []engine.Event) []string {
	var out []string
	for _, e := range evs {
		if e.Kind == engine.EventSend {
			out = append(out, e.Text)
		}
	}
	return out
}

func TestWaitingExecutionCarriesOnAfterRestart(t *testing.T) {
	dir := t.TempDir()
	m, store := openManager(t, dir, engine.NewVirtualClock(restartT0))
	flow := createFlow(t, store, "echo", echoFlow)
	started, err := m.StartREST(flow, "+1555", "+1999", map[string]any{"name": "Ann"})
	if err != nil || started.Execution.Status != engine.StatusActive {
		t.Fatalf("start: %v %+v", err, started.Execution)
	}
	sid := started.Execution.SID
	if err := store.Close(); err != nil { // the process goes away without ending anything
		t.Fatal(err)
	}

	m, store = openManager(t, dir, engine.NewVirtualClock(restartT0.Add(10*time.Second)))
	if x, err := store.Execution(flow, sid); err != nil || x.Status != engine.StatusActive || x.EndedReason != "" {
		t.Fatalf("after the restart the execution is %+v (%v)", x, err)
	}
	var conflict *engine.ConflictError
	if _, err := m.StartREST(flow, "+1555", "+1999", nil); !errors.As(err, &conflict) || conflict.ExecutionSID != sid {
		t.Fatalf("the restored execution does not hold the contact's session: %v", err)
	}
	reply, err := m.Incoming(flow, map[string]string{"From": "+1555", "To": "+1999", "Body": "ping"})
	if err != nil || reply.Execution.SID != sid || reply.Execution.Status != engine.StatusEnded {
		t.Fatalf("reply after the restart: %v %+v", err, reply.Execution)
	}
	if got := sent(reply.Events); len(got) != 1 || got[0] != "You said ping" {
		t.Errorf("reply after the restart sent %v", got)
	}
	if got, want := storedPath(t, store, flow, sid), "Trigger:incomingRequest>ask ask:incomingMessage>echo echo:sent>Ended"; got != want {
		t.Errorf("stored steps %s, want %s", got, want)
	}
	x, err := store.Execution(flow, sid)
	if err != nil || x.EndedKind != engine.EndCompleted || lookupPath(x.Context, "flow", "data", "name") != "Ann" ||
		lookupPath(x.Context, "widgets", "ask", "inbound", "Body") != "ping" {
		t.Errorf("stored execution %+v (%v)", x, err)
	}
}

func lookupPath(m map[string]any, path ...string) any {
	var cur any = m
	for _, k := range path {
		mm, _ := cur.(map[string]any)
		cur = mm[k]
	}
	return cur
}

// Timeouts are re-armed on the new clock; one that fell due while the
// server was down fires as soon as it starts.
func TestRestoredTimeoutsFire(t *testing.T) {
	dir := t.TempDir()
	clock := engine.NewVirtualClock(restartT0)
	m, store := openManager(t, dir, clock)
	flow := createFlow(t, store, "echo", echoFlow) // ask times out after 60 s
	early, err := m.StartREST(flow, "+1555", "+1999", nil)
	if err != nil {
		t.Fatal(err)
	}
	clock.Advance(50 * time.Second)
	late, err := m.StartREST(flow, "+1666", "+1999", nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := store.Close(); err != nil {
		t.Fatal(err)
	}

	clock = engine.NewVirtualClock(restartT0.Add(100 * time.Second))
	_, store = openManager(t, dir, clock)
	want := "Trigger:incomingRequest>ask ask:timeout>Ended"
	if x, _ := store.Execution(flow, early.Execution.SID); x.Status != engine.StatusEnded || storedPath(t, store, flow, x.SID) != want {
		t.Errorf("execution past its deadline at the restart: %s, %s", x.Status, storedPath(t, store, flow, x.SID))
	}
	clock.Advance(9 * time.Second)
	if x, _ := store.Execution(flow, late.Execution.SID); x.Status != engine.StatusActive {
		t.Fatalf("execution ended before its deadline: %+v", x)
	}
	clock.Advance(time.Second)
	if x, _ := store.Execution(flow, late.Execution.SID); x.Status != engine.StatusEnded || storedPath(t, store, flow, x.SID) != want {
		t.Errorf("execution at its deadline after the restart: %s, %s", x.Status, storedPath(t, store, flow, x.SID))
	}
}

// subflowParent runs the subflow %s and reports what it returned.
const subflowParent = `{"description": "parent", "initial_state": "Trigger", "flags": {"allow_concurrent_calls": true}, "states": [
 {"name": "Trigger", "type": "trigger", "properties": {"offset": {"x": 0, "y": 0}}, "transitions": [
  {"event": "incomingMessage", "next": "sub"}, {"event": "incomingCall"}, {"event": "incomingConversationMessage"},
  {"event": "incomingRequest", "next": "sub"}, {"event": "incomingParent"}]},
 {"name": "sub", "type": "run-subflow", "properties": {"offset": {"x": 0, "y": 200}, "flow_sid": "%s", "flow_revision": "LatestPublished",
   "parameters": [{"key": "who", "value": "{{contact.channel.address}}"}]},
  "transitions": [{"event": "completed", "next": "done"}, {"event": "failed"}]},
 {"name": "done", "type": "send-message", "properties": {"offset": {"x": 0, "y": 400}, "body": "Colour: {{widgets.sub.colour}}"},
  "transitions": [{"event": "sent"}, {"event": "failed"}]}]}`

// subflowChild asks a question (%s) and returns the answer as a variable.
const subflowChild = `{"description": "child", "initial_state": "Trigger", "flags": {"allow_concurrent_calls": true}, "states": [
 {"name": "Trigger", "type": "trigger", "properties": {"offset": {"x": 0, "y": 0}}, "transitions": [
  {"event": "incomingMessage"}, {"event": "incomingCall"}, {"event": "incomingConversationMessage"},
  {"event": "incomingRequest"}, {"event": "incomingParent", "next": "ask"}]},
 {"name": "ask", "type": "send-and-wait-for-reply", "properties": {"offset": {"x": 0, "y": 200}, "body": "%s", "timeout": "600"},
  "transitions": [{"event": "incomingMessage", "next": "keep"}, {"event": "timeout"}, {"event": "deliveryFailure"}]},
 {"name": "keep", "type": "set-variables", "properties": {"offset": {"x": 0, "y": 400}, "variables": [{"key": "colour", "value": "{{widgets.ask.inbound.Body}}"}]},
  "transitions": [{"event": "next"}]}]}`

func TestWaitInsideASubflowCarriesOnAfterRestart(t *testing.T) {
	dir := t.TempDir()
	m, store := openManager(t, dir, engine.NewVirtualClock(restartT0))
	child := createFlow(t, store, "child", fmt.Sprintf(subflowChild, "Favourite colour?"))
	parent := createFlow(t, store, "parent", fmt.Sprintf(subflowParent, child))
	stays, err := m.StartREST(parent, "+1555", "+1999", nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.StartREST(parent, "+1666", "+1999", nil); err != nil {
		t.Fatal(err)
	}
	if err := store.Close(); err != nil {
		t.Fatal(err)
	}

	m, store = openManager(t, dir, engine.NewVirtualClock(restartT0))
	reply, err := m.Incoming(parent, map[string]string{"From": "+1555", "To": "+1999", "Body": "teal"})
	if err != nil || reply.Execution.SID != stays.Execution.SID || reply.Execution.Status != engine.StatusEnded {
		t.Fatalf("reply inside the subflow after the restart: %v %+v", err, reply.Execution)
	}
	if got := sent(reply.Events); len(got) != 1 || got[0] != "Colour: teal" {
		t.Errorf("after the subflow the parent sent %v", got)
	}
	want := "Trigger:incomingRequest>sub Trigger:incomingParent>ask ask:incomingMessage>keep keep:next>Ended sub:completed>done done:sent>Ended"
	if got := storedPath(t, store, parent, stays.Execution.SID); got != want {
		t.Errorf("stored steps %s, want %s", got, want)
	}

	// Republishing the subflow while an execution waits in it: the definition
	// it ran is gone, so the next start ends that execution and says why.
	if _, err := store.UpdateFlow(child, workspace.Save{FriendlyName: "child", Status: workspace.StatusPublished,
		Definition: json.RawMessage(fmt.Sprintf(subflowChild, "Colour?")), Valid: true}, restartT0); err != nil {
		t.Fatal(err)
	}
	if err := store.Close(); err != nil {
		t.Fatal(err)
	}
	m, store = openManager(t, dir, engine.NewVirtualClock(restartT0))
	list, err := store.Executions(parent, time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range list {
		if x.Status != engine.StatusEnded {
			t.Errorf("execution %s is still %s", x.SID, x.Status)
		}
		if x.SID != stays.Execution.SID && (!strings.HasPrefix(x.EndedReason, RestartReason) || !strings.Contains(x.EndedReason, engine.ErrSnapshotFlow.Error())) {
			t.Errorf("ended_reason %q does not say the subflow changed", x.EndedReason)
		}
	}
	if _, err := m.StartREST(parent, "+1666", "+1999", nil); err != nil {
		t.Errorf("the ended execution still holds the session: %v", err)
	}
}

// An execution stored active without a snapshot (by a version that kept none)
// is ended with the reason.
func TestExecutionWithoutSnapshotIsEndedAtStart(t *testing.T) {
	dir := t.TempDir()
	_, store := openManager(t, dir, engine.NewVirtualClock(restartT0))
	flow := createFlow(t, store, "echo", echoFlow)
	x := workspace.Execution{SID: engine.RandomSID("FN"), FlowSID: flow, FlowRevision: 1, Status: engine.StatusActive, DateCreated: restartT0}
	if err := store.SaveExecution(x, sessionKey(flow, "+1555", "+1999"), nil, nil); err != nil {
		t.Fatal(err)
	}
	if err := store.Close(); err != nil {
		t.Fatal(err)
	}
	m, store := openManager(t, dir, engine.NewVirtualClock(restartT0))
	got, err := store.Execution(flow, x.SID)
	if err != nil || got.Status != engine.StatusEnded || got.EndedReason != RestartReason+": no snapshot of its state was saved" {
		t.Fatalf("execution without a snapshot after the start: %v %+v", err, got)
	}
	if _, err := m.StartREST(flow, "+1555", "+1999", nil); err != nil {
		t.Errorf("its session is not free: %v", err)
	}
}

// crashSessionsEnv makes the test binary act as a server that gets killed.
const crashSessionsEnv = "STUDIOFLOW_CRASH_SESSIONS"

// TestCrashSessionsChild is not a test on its own: run by
// TestKilledServerLosesNoAcknowledgedExecution, it starts executions (one per
// contact) as fast as it can, printing each acknowledged one, until killed.
func TestCrashSessionsChild(t *testing.T) {
	spec := os.Getenv(crashSessionsEnv)
	if spec == "" {
		t.Skip("run by TestKilledServerLosesNoAcknowledgedExecution")
	}
	dir, flow, _ := strings.Cut(spec, "|")
	store, err := workspace.Open(dir, workspace.Options{})
	if err != nil {
		crashtest.Fail(err)
	}
	m, err := New(store, Config{})
	if err != nil {
		crashtest.Fail(err)
	}
	for i := 0; ; i++ {
		contact := fmt.Sprintf("+1555%07d", i)
		res, err := m.StartREST(flow, contact, "+1999", map[string]any{"n": i})
		if err != nil {
			crashtest.Fail(err)
		}
		crashtest.Ack(res.Execution.SID, contact)
	}
}

func TestKilledServerLosesNoAcknowledgedExecution(t *testing.T) {
	dir := t.TempDir()
	store, err := workspace.Open(dir, workspace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	flow := createFlow(t, store, "echo", echoFlow)
	if err := store.Close(); err != nil {
		t.Fatal(err)
	}
	// Each acknowledgement names an execution and its contact.
	acks := crashtest.KillAfter(t, "TestCrashSessionsChild", crashSessionsEnv+"="+dir+"|"+flow, 40, nil)

	m, store := openManager(t, dir, engine.NewVirtualClock(time.Now()))
	for i, a := range acks {
		sid, contact := a[0], a[1]
		res, err := m.Incoming(flow, map[string]string{"From": contact, "To": "+1999", "Body": fmt.Sprint("reply ", i)})
		if err != nil || res.Execution.SID != sid || res.Execution.Status != engine.StatusEnded {
			t.Fatalf("acknowledged execution %d after the kill: %v %+v", i, err, res.Execution)
		}
		if got := sent(res.Events); len(got) != 1 || got[0] != fmt.Sprint("You said reply ", i) {
			t.Errorf("execution %d answered %v", i, got)
		}
		if got, want := storedPath(t, store, flow, sid), "Trigger:incomingRequest>ask ask:incomingMessage>echo echo:sent>Ended"; got != want {
			t.Errorf("execution %d stored steps %s, want %s", i, got, want)
		}
	}
}
