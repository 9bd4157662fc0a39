package restapi

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/studio/sessions"
	"github.com/studioflow/studioflow/studio/workspace"
)

// newServerWithAccount serves a fresh workspace under account, which is not
// the workspace's own (as with TWILIO_ACCOUNT_SID set for serve).
func newServerWithAccount(t *testing.T, account string) *testServer {
	t.Helper()
	ts := newTestServer(t, withAccount(account))
	if ts.store.AccountSID() == account {
		t.Fatal("the workspace made the test's own account")
	}
	return ts
}

// A server has one account, the one clients authenticate as: every
// resource reports it, and the webhook_url it hands out works.
func TestOneAccountEverywhere(t *testing.T) {
	account := "AC" + strings.Repeat("7", 32)
	ts := newServerWithAccount(t, account)
	sid := ts.createFlow("ask", "published", askFlow)
	flow := ts.mustCall(http.StatusOK, http.MethodGet, "/v2/Flows/"+sid, nil)
	hook, _ := flow["webhook_url"].(string)
	if flow["account_sid"] != account || hook != ts.URL+"/v1/Accounts/"+account+"/Flows/"+sid {
		t.Fatalf("flow account_sid %v, webhook_url %q", flow["account_sid"], hook)
	}
	// POST to the webhook_url as handed out: an execution starts.
	form := url.Values{"From": {"+15550000001"}, "To": {"+15550000002"}, "Body": {"hi"}}
	req := signed(hook, ts.token, form)
	req.Header.Set("Accept", "application/json")
	status, out := ts.send(req)
	if status != http.StatusOK {
		t.Fatalf("POST webhook_url: %d %v", status, out)
	}
	x := out["execution"].(map[string]any)
	exec := x["sid"].(string)
	accounts := map[string]any{
		"webhook answer": x["account_sid"],
		"execution":      ts.mustCall(http.StatusOK, http.MethodGet, "/v2/Flows/"+sid+"/Executions/"+exec, nil)["account_sid"],
	}
	ctx := ts.mustCall(http.StatusOK, http.MethodGet, "/v2/Flows/"+sid+"/Executions/"+exec+"/Context", nil)
	accounts["execution context"] = ctx["account_sid"]
	accounts["trigger.message.AccountSid"] = lookup(ctx["context"].(map[string]any), "trigger", "message", "AccountSid")
	accounts["widgets.ask.outbound.AccountSid"] = lookup(ctx["context"].(map[string]any), "widgets", "ask", "outbound", "AccountSid")
	steps := ts.mustCall(http.StatusOK, http.MethodGet, "/v2/Flows/"+sid+"/Executions/"+exec+"/Steps", nil)["steps"].([]any)
	step := steps[0].(map[string]any)
	accounts["step"] = step["account_sid"]
	accounts["step context"] = ts.mustCall(http.StatusOK, http.MethodGet, "/v2/Flows/"+sid+"/Executions/"+exec+"/Steps/"+step["sid"].(string)+"/Context", nil)["account_sid"]
	accounts["revision"] = ts.mustCall(http.StatusOK, http.MethodGet, "/v2/Flows/"+sid+"/Revisions/1", nil)["account_sid"]
	accounts["flow list"] = ts.mustCall(http.StatusOK, http.MethodGet, "/v2/Flows", nil)["flows"].([]any)[0].(map[string]any)["account_sid"]
	for what, got := range accounts {
		if got != account {
			t.Errorf("%s reports account %v, want %s", what, got, account)
		}
	}
}

func TestServerRefusesSessionsOfAnotherAccount(t *testing.T) {
	v, err := sharedValidator()
	if err != nil {
		t.Fatal(err)
	}
	store, err := workspace.Open(t.TempDir(), workspace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	mgr, err := sessions.New(store, sessions.Config{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = New(Config{Store: store, Sessions: mgr, Validator: v, AccountSID: "AC" + strings.Repeat("7", 32), AuthToken: "t"})
	if err == nil || !strings.Contains(err.Error(), "executions run under account "+store.AccountSID()) {
		t.Fatalf("New with two accounts: %v", err)
	}
}

// Twilio's messaging webhook gets what Studio answers: empty TwiML. A
// request asking for JSON gets the execution and the replies.
func TestWebhookAnswersTwiMLUnlessJSONIsAsked(t *testing.T) {
	ts := newTestServer(t)
	flow := ts.createFlow("ask", "published", askFlow)
	path := "/v1/Accounts/" + ts.account + "/Flows/" + flow
	form := url.Values{"From": {"+15550000011"}, "To": {"+15550000002"}, "Body": {"hi"}, "MessageSid": {"SM" + strings.Repeat("1", 32)}}
	req := signed(ts.URL+path, ts.token, form)
	req.Header.Set("Accept", "*/*")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/xml") ||
		string(body) != `<?xml version="1.0" encoding="UTF-8"?><Response/>` {
		t.Fatalf("Twilio's webhook: %d %q %s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	// The execution started all the same, and the reply to it gets JSON when asked.
	status, out := ts.sms(flow, "+15550000011", "+15550000002", "Ann")
	msgs, _ := out["messages"].([]any)
	if status != http.StatusOK || len(msgs) != 1 || msgs[0].(map[string]any)["body"] != "Thanks Ann" {
		t.Fatalf("JSON answer: %d %v", status, out)
	}
}

// twilio-node 6 sends Status on the Executions list: it filters.
func TestExecutionsListFiltersByStatus(t *testing.T) {
	ts := newTestServer(t)
	flow := ts.createFlow("ask", "published", askFlow)
	execs := "/v2/Flows/" + flow + "/Executions"
	first := ts.mustCall(http.StatusCreated, http.MethodPost, execs, url.Values{"To": {"+15551230001"}, "From": {"+15550009999"}})["sid"].(string)
	second := ts.mustCall(http.StatusCreated, http.MethodPost, execs, url.Values{"To": {"+15551230002"}, "From": {"+15550009999"}})["sid"].(string)
	ts.mustCall(http.StatusOK, http.MethodPost, execs+"/"+first, url.Values{"Status": {"ended"}})
	for status, want := range map[string]string{"active": second, "ended": first} {
		list := ts.mustCall(http.StatusOK, http.MethodGet, execs+"?Status="+status+"&PageSize=1", nil)
		got := list["executions"].([]any)
		if len(got) != 1 || got[0].(map[string]any)["sid"] != want || got[0].(map[string]any)["status"] != status {
			t.Errorf("Status=%s: %v, want only %s", status, got, want)
		}
		if next, _ := list["meta"].(map[string]any)["url"].(string); !strings.Contains(next, "Status="+status) {
			t.Errorf("Status=%s: the paging URL %q drops the filter", status, next)
		}
	}
	if status, out := ts.call(http.MethodGet, execs+"?Status=paused", nil); status != http.StatusBadRequest || !strings.Contains(out["message"].(string), "active or ended") {
		t.Errorf("Status=paused: %d %v", status, out)
	}
}
