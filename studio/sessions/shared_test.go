package sessions

import (
	"testing"
	"time"

	"github.com/studioflow/studioflow/engine"
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
