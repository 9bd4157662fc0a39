package restapi

import (
	"bufio"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/internal/testflows"
)

// sms posts an inbound message to the flow's webhook, signed as Twilio signs it.
func (ts *testServer) sms(flow, from, to, body string) (int, map[string]any) {
	ts.t.Helper()
	path := "/v1/Accounts/" + ts.account + "/Flows/" + flow
	form := url.Values{"From": {from}, "To": {to}, "Body": {body}, "MessageSid": {"SM" + strings.Repeat("0", 32)}, "NumMedia": {"0"}}
	req := signed(ts.URL+path, ts.token, form)
	req.Header.Set("Accept", "application/json") // the local tools' answer, not Twilio's TwiML
	return ts.send(req)
}

func TestIncomingMessagesDriveAConversation(t *testing.T) {
	ts := newTestServer(t)
	def := fixture(t, testflows.StandbyList)
	// The flow's dangling next makes it unpublishable; its author's number tests the draft.
	flow := ts.createFlow("vaccine", "draft", def)
	ts.mustCall(http.StatusOK, http.MethodPost, "/v2/Flows/"+flow+"/TestUsers", url.Values{"TestUsers": {"+15557654321"}})

	status, out := ts.sms(flow, "+15557654321", "+15550001000", "hello")
	if status != http.StatusOK {
		t.Fatalf("first message: %d %v", status, out)
	}
	x := out["execution"].(map[string]any)
	sid := x["sid"].(string)
	msgs := out["messages"].([]any)
	if x["status"] != "active" || len(msgs) != 1 || !strings.HasPrefix(msgs[0].(map[string]any)["body"].(string), "You can get a text when it is your turn") {
		t.Fatalf("first message started %v and sent %v", x, msgs)
	}
	if to := msgs[0].(map[string]any)["to"]; to != "+15557654321" {
		t.Errorf("reply sent to %v", to)
	}

	replies := []struct{ in, want string }{
		{"YES", "What is your full name?"},
		{"Ann Lee", "OK, Ann Lee, how old are you?"},
	}
	for _, r := range replies {
		status, out := ts.sms(flow, "+15557654321", "+15550001000", r.in)
		got := out["messages"].([]any)
		if status != http.StatusOK || out["execution"].(map[string]any)["sid"] != sid || len(got) != 1 || got[0].(map[string]any)["body"] != r.want {
			t.Fatalf("reply %q: %d, execution %v, messages %v; want %q from %s", r.in, status, out["execution"].(map[string]any)["sid"], got, r.want, sid)
		}
	}
	ctx := ts.mustCall(http.StatusOK, http.MethodGet, "/v2/Flows/"+flow+"/Executions/"+sid+"/Context", nil)["context"].(map[string]any)
	if lookup(ctx, "widgets", "Name", "inbound", "Body") != "Ann Lee" || lookup(ctx, "trigger", "message", "Body") != "hello" {
		t.Errorf("context after the replies = %v", ctx)
	}
	// The message SID the webhook posted is the message's under each of
	// the names Twilio gives it.
	posted := "SM" + strings.Repeat("0", 32)
	for _, name := range []string{"MessageSid", "SmsMessageSid", "SmsSid"} {
		if got := lookup(ctx, "trigger", "message", name); got != posted {
			t.Errorf("trigger.message.%s = %v, want the posted %s", name, got, posted)
		}
	}
	for _, name := range []string{"MessageSid", "SmsMessageSid"} {
		if got := lookup(ctx, "widgets", "Name", "inbound", name); got != posted {
			t.Errorf("widgets.Name.inbound.%s = %v, want the posted %s", name, got, posted)
		}
	}
	steps := ts.mustCall(http.StatusOK, http.MethodGet, "/v2/Flows/"+flow+"/Executions/"+sid+"/Steps", nil)["steps"].([]any)
	if len(steps) != 4 || steps[0].(map[string]any)["transitioned_from"] != "Name" {
		t.Errorf("steps = %v", steps)
	}

	// Another contact, not a test user, cannot run the unpublished draft.
	if status, _ := ts.sms(flow, "+15550000001", "+15550001000", "hi"); status != http.StatusBadRequest {
		t.Errorf("non-test user on a draft flow: status %d", status)
	}
}

func TestWebhookAuthentication(t *testing.T) {
	ts := newTestServer(t)
	flow := ts.createFlow("ask", "published", askFlow)
	path := "/v1/Accounts/" + ts.account + "/Flows/" + flow
	form := url.Values{"From": {"+15550000001"}, "To": {"+15550000002"}, "Body": {"hi"}}

	if status, out := ts.send(signed(ts.URL+path, "not-the-token", form)); status != http.StatusUnauthorized || out["code"] != 20003.0 {
		t.Errorf("forged signature: %d %v", status, out)
	}
	// Basic auth works too, for tools that do not sign.
	status, out := ts.call(http.MethodPost, path, form)
	if status != http.StatusOK || out["execution"].(map[string]any)["status"] != "active" {
		t.Errorf("webhook with basic auth: %d %v", status, out)
	}
	// A call's webhook is refused with a reason, not run as a message.
	voice := url.Values{"From": {"+15550000001"}, "To": {"+15550000002"}, "CallSid": {"CA" + strings.Repeat("0", 32)}}
	if status, out := ts.call(http.MethodPost, path, voice); status != http.StatusBadRequest || !strings.Contains(out["message"].(string), "voice") {
		t.Errorf("voice webhook: %d %v", status, out)
	}
	// Another account's webhook URL is not here.
	other := "/v1/Accounts/AC" + strings.Repeat("0", 32) + "/Flows/" + flow
	if status, _ := ts.call(http.MethodPost, other, form); status != http.StatusNotFound {
		t.Errorf("other account's webhook: status %d", status)
	}
}

func TestEventStreamFollowsAnExecution(t *testing.T) {
	ts := newTestServer(t)
	flow := ts.createFlow("ask", "published", askFlow)
	x := ts.startExecution(flow, "+15551230001", "+15550009999")
	sid := x["sid"].(string)

	resp := ts.events(flow, sid)
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("content type %q", ct)
	}
	// The server subscribed before it sent the headers, so this reply's events are streamed.
	go ts.sms(flow, "+15551230001", "+15550009999", "Ann")
	var kinds []string
	var sent string
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "data: ") {
			continue
		}
		var e map[string]any
		if err := json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &e); err != nil {
			t.Fatalf("event %q: %v", line, err)
		}
		kinds = append(kinds, e["kind"].(string))
		if e["kind"] == "send" {
			sent = e["text"].(string)
		}
	}
	if sent != "Thanks Ann" || len(kinds) == 0 || kinds[len(kinds)-1] != "end" {
		t.Errorf("stream: kinds %v, sent %q", kinds, sent)
	}
}
