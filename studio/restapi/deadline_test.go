package restapi

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/model"
)

// hangingServer is a loopback HTTP server that never answers (until the
// test ends).
func hangingServer(t *testing.T) string {
	t.Helper()
	block := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-block:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(func() { close(block); srv.Close() })
	return srv.URL
}

func callFlow(url string) string {
	return `{"description": "call", "initial_state": "Trigger", "flags": {"allow_concurrent_calls": true}, "states": [
 {"name": "Trigger", "type": "trigger", "properties": {"offset": {"x": 0, "y": 0}}, "transitions": [
  {"event": "incomingMessage"}, {"event": "incomingCall"}, {"event": "incomingConversationMessage"},
  {"event": "incomingRequest", "next": "call"}, {"event": "incomingParent"}]},
 {"name": "call", "type": "make-http-request", "properties": {"offset": {"x": 0, "y": 200}, "method": "GET",
  "content_type": "application/x-www-form-urlencoded;charset=utf-8", "url": "` + url + `"},
  "transitions": [{"event": "success"}, {"event": "failed"}]}]}`
}

// TestExecutionHeldByAnHTTPServerAnswersAtTheLimit: through the server, an
// execution whose HTTP widget calls a server that never answers is answered
// at the run's limit, ended with the reason, and the contact's next request
// gets its own answer.
func TestExecutionHeldByAnHTTPServerAnswersAtTheLimit(t *testing.T) {
	ts := newTestServer(t, withEngine(func(c *engine.Config) { c.RunTimeout = 300 * time.Millisecond }))
	flow := ts.createFlow("call", "published", callFlow(hangingServer(t)))
	for n := range 2 {
		began := time.Now()
		status, out := ts.call(http.MethodPost, "/v2/Flows/"+flow+"/Executions", url.Values{"To": {"+15550001111"}, "From": {"+15550002222"}})
		took := time.Since(began)
		if status != http.StatusCreated || out["status"] != "ended" {
			t.Fatalf("request %d: %d %v", n, status, out)
		}
		ended, _ := out["ended_reason"].(map[string]any)
		if reason, _ := ended["reason"].(string); !strings.Contains(reason, "ran for more than 300ms") {
			t.Errorf("request %d ended with %v", n, out["ended_reason"])
		}
		if took > 3*time.Second {
			t.Errorf("request %d answered after %v, limit 300ms", n, took)
		}
	}
}

// stuckResolver is a subflow resolver whose first call does not return
// until release is closed: a step stuck inside the engine, which the
// engine's own checks between widgets cannot end.
func stuckResolver(release <-chan struct{}) (engine.FlowResolver, *atomic.Int32) {
	var calls atomic.Int32
	return func(string) (*model.Flow, error) {
		if calls.Add(1) == 1 {
			<-release
		}
		return nil, errors.New("no such subflow")
	}, &calls
}

const subflowFlow = `{"description": "sub", "initial_state": "Trigger", "flags": {"allow_concurrent_calls": true}, "states": [
 {"name": "Trigger", "type": "trigger", "properties": {"offset": {"x": 0, "y": 0}}, "transitions": [
  {"event": "incomingMessage", "next": "ask"}, {"event": "incomingCall"}, {"event": "incomingConversationMessage"},
  {"event": "incomingRequest", "next": "sub"}, {"event": "incomingParent"}]},
 {"name": "ask", "type": "send-and-wait-for-reply", "properties": {"offset": {"x": 0, "y": 200}, "from": "{{flow.channel.address}}", "body": "Go?", "timeout": "3600"},
  "transitions": [{"event": "incomingMessage", "next": "sub"}, {"event": "timeout"}, {"event": "deliveryFailure"}]},
 {"name": "sub", "type": "run-subflow", "properties": {"offset": {"x": 0, "y": 400}, "flow_sid": "FW00000000000000000000000000000000", "flow_revision": "LatestPublished"},
  "transitions": [{"event": "completed"}, {"event": "failed"}]}]}`

// TestStuckStepReleasesTheContact: a step that never returns holds neither
// the request nor the contact. The request is answered just after the
// limit with the reason, the contact's next request runs, and once the
// stuck step returns its execution is stored as ended with the reason.
func TestStuckStepReleasesTheContact(t *testing.T) {
	release := make(chan struct{})
	resolver, _ := stuckResolver(release)
	ts := newTestServer(t, withEngine(func(c *engine.Config) {
		c.RunTimeout = 200 * time.Millisecond
		c.Subflows = resolver
	}))
	defer func() {
		select {
		case <-release:
		default:
			close(release)
		}
	}()
	flow := ts.createFlow("sub", "published", subflowFlow)
	form := url.Values{"To": {"+15550001111"}, "From": {"+15550002222"}}

	began := time.Now()
	status, out := ts.call(http.MethodPost, "/v2/Flows/"+flow+"/Executions", form)
	took := time.Since(began)
	if status != http.StatusGatewayTimeout || !strings.Contains(out["message"].(string), "still running after 1.2s") {
		t.Fatalf("stuck start: %d %v", status, out)
	}
	if took > 3*time.Second {
		t.Errorf("stuck start answered after %v, limit 1.2s", took)
	}
	next := ts.mustCall(http.StatusCreated, http.MethodPost, "/v2/Flows/"+flow+"/Executions", form)
	if next["status"] != "ended" {
		t.Errorf("the contact's next execution: %v", next)
	}

	close(release)
	// The stuck run returns and is saved ended: wait for it to be listed.
	for {
		list := ts.mustCall(http.StatusOK, http.MethodGet, "/v2/Flows/"+flow+"/Executions", nil)["executions"].([]any)
		if len(list) == 2 {
			var reasons []string
			for _, x := range list {
				ended, _ := x.(map[string]any)["ended_reason"].(map[string]any)
				reason, _ := ended["reason"].(string)
				reasons = append(reasons, reason)
			}
			// Newest first: the stuck one is last, ended by the engine's
			// check once its step returned, or by the manager.
			if !strings.Contains(reasons[1], "studioflow's limit") {
				t.Errorf("the stuck execution ended with %q", reasons)
			}
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestStuckStepOnAMessageReleasesTheContact: the same for a message that
// resumes a waiting execution through the webhook: it ends at the limit
// with the reason and the contact's next message starts afresh.
func TestStuckStepOnAMessageReleasesTheContact(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	resolver, calls := stuckResolver(release)
	ts := newTestServer(t, withEngine(func(c *engine.Config) {
		c.RunTimeout = 200 * time.Millisecond
		c.Subflows = resolver
	}))
	flow := ts.createFlow("sub", "published", subflowFlow)
	status, out := ts.sms(flow, "+15550003333", "+15550004444", "hi")
	if status != http.StatusOK || out["execution"].(map[string]any)["status"] != "active" {
		t.Fatalf("first message: %d %v", status, out)
	}
	sid := out["execution"].(map[string]any)["sid"].(string)

	began := time.Now()
	status, out = ts.sms(flow, "+15550003333", "+15550004444", "go")
	if took := time.Since(began); took > 3*time.Second {
		t.Errorf("stuck reply answered after %v, limit 1.2s", took)
	}
	if status != http.StatusOK {
		t.Fatalf("stuck reply: %d %v", status, out)
	}
	x := ts.mustCall(http.StatusOK, http.MethodGet, "/v2/Flows/"+flow+"/Executions/"+sid, nil)
	ended, _ := x["ended_reason"].(map[string]any)
	if x["status"] != "ended" || !strings.Contains(ended["reason"].(string), "still running after 1.2s") {
		t.Errorf("the stuck execution is %v %v", x["status"], x["ended_reason"])
	}
	status, out = ts.sms(flow, "+15550003333", "+15550004444", "again")
	if status != http.StatusOK || out["execution"].(map[string]any)["sid"] == sid || calls.Load() != 1 {
		t.Errorf("next message: %d %v (resolver called %d times)", status, out, calls.Load())
	}
}
