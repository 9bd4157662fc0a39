package sessions

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/studio/workspace"
)

// Two managers on one workspace folder stand for two `serve` processes:
// each has its own store (its own opens and locks) and its own memory.

func TestSecondServerCarriesOnTheFirstsExecution(t *testing.T) {
	dir := t.TempDir()
	a, store := openManager(t, dir, engine.NewVirtualClock(restartT0))
	b, _ := openManager(t, dir, engine.NewVirtualClock(restartT0))
	flow := createFlow(t, store, "echo", echoFlow)

	started, err := a.StartREST(flow, "+1555", "+1999", nil)
	if err != nil || started.Execution.Status != engine.StatusActive {
		t.Fatalf("start on the first server: %v %+v", err, started.Execution)
	}
	sid := started.Execution.SID
	reply, err := b.Incoming(flow, map[string]string{"From": "+1555", "To": "+1999", "Body": "ping"})
	if err != nil || reply.Execution.SID != sid || reply.Execution.Status != engine.StatusEnded {
		t.Fatalf("reply through the second server: %v %+v, want %s ended", err, reply.Execution, sid)
	}
	if got := sent(reply.Events); len(got) != 1 || got[0] != "You said ping" {
		t.Errorf("second server sent %v", got)
	}

	// The first server's copy is out of date: its next message for the
	// contact starts a new execution instead of appending to the ended one.
	again, err := a.Incoming(flow, map[string]string{"From": "+1555", "To": "+1999", "Body": "hello"})
	if err != nil || again.Execution.SID == sid || again.Execution.Status != engine.StatusActive {
		t.Fatalf("next message through the first server: %v %+v", err, again.Execution)
	}
	if got, want := storedPath(t, store, flow, sid), "Trigger:incomingRequest>ask ask:incomingMessage>echo echo:sent>Ended"; got != want {
		t.Errorf("stored steps %s, want %s", got, want)
	}
}

func TestExecutionEndedThroughTheOtherServer(t *testing.T) {
	dir := t.TempDir()
	a, store := openManager(t, dir, engine.NewVirtualClock(restartT0))
	b, _ := openManager(t, dir, engine.NewVirtualClock(restartT0))
	flow := createFlow(t, store, "echo", echoFlow)
	started, err := a.StartREST(flow, "+1666", "+1999", nil)
	if err != nil {
		t.Fatal(err)
	}
	sid := started.Execution.SID
	ended, err := b.End(flow, sid)
	if err != nil || ended.Status != engine.StatusEnded {
		t.Fatalf("end through the second server: %v %+v", err, ended)
	}
	// The contact is free on both servers.
	if _, err := b.StartREST(flow, "+1666", "+1999", nil); err != nil {
		t.Fatalf("start after the end, second server: %v", err)
	}
	if x, err := store.Execution(flow, sid); err != nil || x.Status != engine.StatusEnded || x.EndedReason != "ended through the API" {
		t.Errorf("stored execution %+v (%v)", x, err)
	}
}

// A server whose memory still holds an execution the other server ended or
// deleted does not refuse the contact for it: the store has the last word,
// and the stale copy's timer never fires.
func TestContactFreedByTheOtherServerIsFreeOnBoth(t *testing.T) {
	for _, how := range []string{"ended", "deleted"} {
		t.Run(how, func(t *testing.T) {
			dir := t.TempDir()
			clock := engine.NewVirtualClock(restartT0)
			a, store := openManager(t, dir, clock)
			b, _ := openManager(t, dir, engine.NewVirtualClock(restartT0))
			flow := createFlow(t, store, "echo", echoFlow)
			started, err := a.StartREST(flow, "+1777", "+1999", nil)
			if err != nil {
				t.Fatal(err)
			}
			sid := started.Execution.SID
			if how == "ended" {
				_, err = b.End(flow, sid)
			} else {
				err = b.Delete(flow, sid)
			}
			if err != nil {
				t.Fatalf("%s through the second server: %v", how, err)
			}
			again, err := a.StartREST(flow, "+1777", "+1999", nil)
			if err != nil || again.Execution.SID == sid || again.Execution.Status != engine.StatusActive {
				t.Fatalf("start on the first server after the second %s it: %v %+v", how, err, again.Execution)
			}
			clock.Advance(2 * time.Hour) // past the old wait's timeout
			if how == "ended" {
				if got, want := storedPath(t, store, flow, sid), "Trigger:incomingRequest>ask"; got != want {
					t.Errorf("the ended execution's stored steps %s, want %s", got, want)
				}
			} else if _, err := store.Execution(flow, sid); err == nil {
				t.Errorf("the deleted execution is back in the store")
			}
		})
	}
}

// The contact held by an execution the other server started is refused
// here before the flow runs, naming that execution: whether this server
// still remembers an older one for the contact or never saw any.
func TestContactHeldByTheOtherServerIsRefusedBeforeRunning(t *testing.T) {
	var hits atomic.Int32 // requests the flow's first widget makes
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer srv.Close()
	dir := t.TempDir()
	a, store := openManager(t, dir, engine.NewVirtualClock(restartT0))
	b, _ := openManager(t, dir, engine.NewVirtualClock(restartT0))
	flow := createFlow(t, store, "call out", fmt.Sprintf(callOutFlow, srv.URL))
	old, err := a.StartREST(flow, "+1888", "+1999", nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.End(flow, old.Execution.SID); err != nil {
		t.Fatal(err)
	}
	newer, err := b.StartREST(flow, "+1888", "+1999", nil)
	if err != nil {
		t.Fatal(err)
	}
	for name, contact := range map[string]string{"remembered": "+1888", "never seen": "+1889"} {
		want := newer.Execution.SID
		if contact == "+1889" {
			other, err := b.StartREST(flow, contact, "+1999", nil)
			if err != nil {
				t.Fatal(err)
			}
			want = other.Execution.SID
		}
		before, calls := len(executionsOf(t, store, flow)), hits.Load()
		_, err := a.StartREST(flow, contact, "+1999", nil)
		var conflict *engine.ConflictError
		if !errors.As(err, &conflict) || conflict.ExecutionSID != want {
			t.Errorf("%s: start on the first server: %v, want a conflict naming %s", name, err, want)
		}
		if after := len(executionsOf(t, store, flow)); after != before || hits.Load() != calls {
			t.Errorf("%s: the refused start ran (executions %d → %d, requests %d → %d)", name, before, after, calls, hits.Load())
		}
	}
}

func executionsOf(t *testing.T, store *workspace.Store, flow string) []workspace.Execution {
	t.Helper()
	xs, err := store.Executions(flow, time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	return xs
}

// callOutFlow calls a URL (%s) before it waits for the contact's reply.
const callOutFlow = `{"description": "call out", "initial_state": "Trigger", "flags": {"allow_concurrent_calls": true}, "states": [
 {"name": "Trigger", "type": "trigger", "properties": {"offset": {"x": 0, "y": 0}}, "transitions": [
  {"event": "incomingMessage"}, {"event": "incomingCall"}, {"event": "incomingConversationMessage"},
  {"event": "incomingRequest", "next": "hook"}, {"event": "incomingParent"}]},
 {"name": "hook", "type": "make-http-request", "properties": {"offset": {"x": 0, "y": 200}, "method": "GET", "url": "%s"},
  "transitions": [{"event": "success", "next": "ask"}, {"event": "failed", "next": "ask"}]},
 {"name": "ask", "type": "send-and-wait-for-reply", "properties": {"offset": {"x": 0, "y": 400}, "body": "Say something", "timeout": "60"},
  "transitions": [{"event": "incomingMessage"}, {"event": "timeout"}, {"event": "deliveryFailure"}]}]}`
