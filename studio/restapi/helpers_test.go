package restapi

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/internal/testflows"
	"github.com/studioflow/studioflow/schemas"
	"github.com/studioflow/studioflow/studio/sessions"
	"github.com/studioflow/studioflow/studio/workspace"
)

// The validator compiles every schema; one per test binary is enough.
var sharedValidator = sync.OnceValues(func() (*schemas.Validator, error) {
	cat, err := schemas.Load()
	if err != nil {
		return nil, err
	}
	return schemas.NewValidator(cat)
})

type testServer struct {
	*httptest.Server
	t        testing.TB
	store    *workspace.Store
	sessions *sessions.Manager
	account  string
	token    string
}

type serverOption func(*sessions.Config)

func withClock(c engine.Clock) serverOption {
	return func(cfg *sessions.Config) { cfg.Clock = c }
}

// withAccount serves under account rather than the workspace's own.
func withAccount(account string) serverOption {
	return func(cfg *sessions.Config) { cfg.AccountSID = account }
}

func withEngine(set func(*engine.Config)) serverOption {
	return func(cfg *sessions.Config) { set(&cfg.Engine) }
}

// newTestServer serves a fresh workspace on a loopback listener.
func newTestServer(t testing.TB, opts ...serverOption) *testServer {
	t.Helper()
	return newTestServerIn(t, t.TempDir(), opts...)
}

func newTestServerIn(t testing.TB, dir string, opts ...serverOption) *testServer {
	t.Helper()
	v, err := sharedValidator()
	if err != nil {
		t.Fatalf("load validator: %v", err)
	}
	store, err := workspace.Open(dir, workspace.Options{})
	if err != nil {
		t.Fatalf("open workspace: %v", err)
	}
	var cfg sessions.Config
	for _, o := range opts {
		o(&cfg)
	}
	mgr, err := sessions.New(store, cfg)
	if err != nil {
		t.Fatalf("sessions: %v", err)
	}
	account := cfg.AccountSID
	if account == "" {
		account = store.AccountSID()
	}
	token := strings.Repeat("ab12", 8)
	srv, err := New(Config{Store: store, Sessions: mgr, Validator: v, AccountSID: account, AuthToken: token})
	if err != nil {
		t.Fatalf("restapi.New: %v", err)
	}
	ts := &testServer{Server: httptest.NewServer(srv), t: t, store: store, sessions: mgr, account: account, token: token}
	t.Cleanup(func() {
		ts.Close()
		store.Close()
	})
	return ts
}

// request is an authenticated request to path, form-encoded when form is
// not nil.
func (ts *testServer) request(method, path string, form url.Values) *http.Request {
	ts.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, ts.URL+path, body)
	if err != nil {
		ts.t.Fatalf("new request: %v", err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	req.SetBasicAuth(ts.account, ts.token)
	return req
}

// signed is a POST of form to target (a whole URL) signed with token, as
// Twilio signs its webhook requests (which carry no Accept header).
func signed(target, token string, form url.Values) *http.Request {
	req, _ := http.NewRequest(http.MethodPost, target, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Twilio-Signature", Signature(token, target, form))
	return req
}

// do sends req and returns the status and the body as sent.
func (ts *testServer) do(req *http.Request) (int, []byte) {
	ts.t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		ts.t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		ts.t.Fatalf("read body: %v", err)
	}
	return resp.StatusCode, data
}

// call sends an authenticated request (form-encoded when form is not nil)
// and decodes the JSON answer.
func (ts *testServer) call(method, path string, form url.Values) (int, map[string]any) {
	ts.t.Helper()
	req := ts.request(method, path, form)
	req.Header.Set("Accept", "application/json") // as Twilio's helper libraries send
	return ts.send(req)
}

// rawCall sends an authenticated request and returns the status and body.
func (ts *testServer) rawCall(method, path string, form url.Values) (int, []byte) {
	ts.t.Helper()
	return ts.do(ts.request(method, path, form))
}

// send sends req and decodes the JSON answer.
func (ts *testServer) send(req *http.Request) (int, map[string]any) {
	ts.t.Helper()
	status, data := ts.do(req)
	if len(data) == 0 {
		return status, nil
	}
	var out map[string]any
	if err := json.Unmarshal(data, &out); err != nil {
		ts.t.Fatalf("%s %s: answer is not JSON (%v): %s", req.Method, req.URL.Path, err, data)
	}
	return status, out
}

// raw sends an authenticated request without a body and returns the body
// of the answer as sent.
func (ts *testServer) raw(method, path string) []byte {
	ts.t.Helper()
	_, data := ts.rawCall(method, path, nil)
	return data
}

// events opens execution sid's event stream.
func (ts *testServer) events(flow, sid string) *http.Response {
	ts.t.Helper()
	resp, err := http.DefaultClient.Do(ts.request(http.MethodGet, "/v2/Flows/"+flow+"/Executions/"+sid+"/Events", nil))
	if err != nil {
		ts.t.Fatal(err)
	}
	return resp
}

// mustCall is call that insists on a status.
func (ts *testServer) mustCall(want int, method, path string, form url.Values) map[string]any {
	ts.t.Helper()
	status, out := ts.call(method, path, form)
	if status != want {
		ts.t.Fatalf("%s %s: status %d, want %d: %v", method, path, status, want, out)
	}
	return out
}

// fixture reads one of the project's test flows.
func fixture(t testing.TB, name string) string {
	t.Helper()
	return string(testflows.Read(t, name))
}

// startExecution starts an execution of flow through the REST API, for
// contact to from from, and returns it.
func (ts *testServer) startExecution(flow, to, from string) map[string]any {
	ts.t.Helper()
	return ts.mustCall(http.StatusCreated, http.MethodPost, "/v2/Flows/"+flow+"/Executions", url.Values{"To": {to}, "From": {from}})
}

// createFlow creates a flow and returns its SID.
func (ts *testServer) createFlow(name, status, definition string) string {
	ts.t.Helper()
	out := ts.mustCall(http.StatusCreated, http.MethodPost, "/v2/Flows", url.Values{
		"FriendlyName": {name}, "Status": {status}, "Definition": {definition}, "CommitMessage": {"first"},
	})
	return out["sid"].(string)
}

// askFlow is a REST-and-messaging flow: it asks the contact's name, waits
// for the reply, and thanks them using flow.data and the reply.
const askFlow = `{
  "description": "ask",
  "states": [
    {"name": "Trigger", "type": "trigger", "transitions": [
      {"event": "incomingMessage", "next": "ask"}, {"event": "incomingCall"},
      {"event": "incomingConversationMessage"}, {"event": "incomingRequest", "next": "ask"}, {"event": "incomingParent"}],
      "properties": {"offset": {"x": 0, "y": 0}}},
    {"name": "ask", "type": "send-and-wait-for-reply", "transitions": [
      {"event": "incomingMessage", "next": "thanks"}, {"event": "timeout", "next": "bye"}, {"event": "deliveryFailure"}],
      "properties": {"offset": {"x": 0, "y": 200}, "from": "{{flow.channel.address}}", "body": "Hi {{flow.data.name}}, what is your name?", "timeout": "3600"}},
    {"name": "thanks", "type": "send-message", "transitions": [{"event": "sent"}, {"event": "failed"}],
      "properties": {"offset": {"x": 0, "y": 400}, "from": "{{flow.channel.address}}", "to": "{{contact.channel.address}}", "body": "Thanks {{widgets.ask.inbound.Body}}"}},
    {"name": "bye", "type": "send-message", "transitions": [{"event": "sent"}, {"event": "failed"}],
      "properties": {"offset": {"x": 300, "y": 400}, "from": "{{flow.channel.address}}", "to": "{{contact.channel.address}}", "body": "Too slow"}}
  ],
  "initial_state": "Trigger",
  "flags": {"allow_concurrent_calls": true}
}`
