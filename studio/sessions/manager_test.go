package sessions

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/studio/workspace"
)

// echoFlow answers every inbound message or REST request with one message
// and waits for the next.
const echoFlow = `{"description": "echo", "initial_state": "Trigger", "flags": {"allow_concurrent_calls": true}, "states": [
 {"name": "Trigger", "type": "trigger", "properties": {"offset": {"x": 0, "y": 0}}, "transitions": [
  {"event": "incomingMessage", "next": "ask"}, {"event": "incomingCall"}, {"event": "incomingConversationMessage"},
  {"event": "incomingRequest", "next": "ask"}, {"event": "incomingParent"}]},
 {"name": "ask", "type": "send-and-wait-for-reply", "properties": {"offset": {"x": 0, "y": 200}, "body": "Say something", "timeout": "60"},
  "transitions": [{"event": "incomingMessage", "next": "echo"}, {"event": "timeout"}, {"event": "deliveryFailure"}]},
 {"name": "echo", "type": "send-message", "properties": {"offset": {"x": 0, "y": 400}, "body": "You said {{widgets.ask.inbound.Body}}"},
  "transitions": [{"event": "sent"}, {"event": "failed"}]}]}`

func newManager(t *testing.T, status string) (*Manager, *workspace.Store, string) {
	t.Helper()
	store, err := workspace.Open(t.TempDir(), workspace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	f, err := store.CreateFlow(workspace.Save{FriendlyName: "echo", Status: status, Definition: json.RawMessage(echoFlow), Valid: true}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	m, err := New(store, Config{})
	if err != nil {
		t.Fatal(err)
	}
	return m, store, f.SID
}

func TestIncomingResumesTheContactsExecution(t *testing.T) {
	m, store, flow := newManager(t, workspace.StatusPublished)
	first, err := m.Incoming(flow, map[string]string{"From": "+1555", "To": "+1999", "Body": "hi"})
	if err != nil || first.Execution.Status != engine.StatusActive {
		t.Fatalf("first message: %v %+v", err, first.Execution)
	}
	second, err := m.Incoming(flow, map[string]string{"From": "+1555", "To": "+1999", "Body": "ping"})
	if err != nil || second.Execution.SID != first.Execution.SID || second.Execution.Status != engine.StatusEnded {
		t.Fatalf("reply: %v %+v", err, second.Execution)
	}
	var sent []string
	for _, e := range second.Events {
		if e.Kind == engine.EventSend {
			sent = append(sent, e.Text)
		}
	}
	if len(sent) != 1 || sent[0] != "You said ping" {
		t.Errorf("reply sent %v", sent)
	}
	steps, err := store.Steps(flow, first.Execution.SID)
	if err != nil || len(steps) != 3 {
		t.Errorf("stored steps: %v %d", err, len(steps))
	}
	// The session ended with the execution: the next message starts afresh.
	third, err := m.Incoming(flow, map[string]string{"From": "+1555", "To": "+1999", "Body": "again"})
	if err != nil || third.Execution.SID == first.Execution.SID {
		t.Errorf("message after the end: %v, same execution %v", err, third.Execution.SID == first.Execution.SID)
	}
	// A REST start for the contact now conflicts with that execution.
	_, err = m.StartREST(flow, "+1555", "+1999", nil)
	var conflict *engine.ConflictError
	if !errors.As(err, &conflict) || conflict.ExecutionSID != third.Execution.SID {
		t.Errorf("REST start during a conversation: %v", err)
	}
}

func TestDraftRunsOnlyForTestUsers(t *testing.T) {
	m, store, flow := newManager(t, workspace.StatusDraft)
	if _, err := m.StartREST(flow, "+1555", "+1999", nil); !errors.Is(err, ErrNotPublished) {
		t.Fatalf("draft for a stranger: %v", err)
	}
	if _, err := store.SetTestUsers(flow, []string{"+1555"}); err != nil {
		t.Fatal(err)
	}
	if res, err := m.StartREST(flow, "+1555", "+1999", nil); err != nil || res.Execution.FlowRevision != 1 {
		t.Fatalf("draft for a test user: %v %+v", err, res.Execution)
	}
}

func TestSlowSubscriberIsCutOff(t *testing.T) {
	m, _, flow := newManager(t, workspace.StatusPublished)
	events, cancel := m.Subscribe(flow, "")
	defer cancel()
	// Each start produces a step, a send and a wait: 100 starts overflow the buffer.
	for i := range 100 {
		if _, err := m.StartREST(flow, fmt.Sprintf("+1555%04d", i), "+1999", nil); err != nil {
			t.Fatal(err)
		}
	}
	n := 0
	for range events {
		n++
	}
	if n != subscriberBuffer {
		t.Errorf("received %d events before the cut, want %d", n, subscriberBuffer)
	}
	cancel() // after the cut, cancel is harmless
}

func TestSimulatorRunsAreRecorded(t *testing.T) {
	m, store, flow := newManager(t, workspace.StatusDraft)
	parsed, err := model.Parse([]byte(echoFlow))
	if err != nil {
		t.Fatal(err)
	}
	rt := engine.New(engine.Config{})
	x, _, err := rt.Start(parsed, engine.Trigger{Event: engine.TriggerMessage, From: "+1555", Body: "hi"}, engine.StartOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rt.Resume(x, engine.Input{Kind: engine.InputMessage, Text: "yo"}); err != nil {
		t.Fatal(err)
	}
	if err := m.Record(flow, 1, x); err != nil {
		t.Fatal(err)
	}
	got, err := store.Execution(flow, x.SID)
	if err != nil || got.Status != engine.StatusEnded || got.FlowRevision != 1 {
		t.Fatalf("recorded execution: %v %+v", err, got)
	}
	steps, err := store.Steps(flow, x.SID)
	if err != nil || len(steps) != 3 || steps[0].TransitionedFrom != "echo" || steps[0].FlowSID != flow {
		t.Fatalf("recorded steps: %v %+v", err, steps)
	}
}
