package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// With TWILIO_ACCOUNT_SID set, serve has that one account: the flow's
// webhook_url names it and works, and the execution it starts reports it.
func TestServeUsesTheEnvironmentsAccountEverywhere(t *testing.T) {
	account := "AC" + strings.Repeat("2", 32)
	t.Setenv("TWILIO_ACCOUNT_SID", account)
	t.Setenv("TWILIO_AUTH_TOKEN", testToken)
	base, _ := startServe(t, t.TempDir())
	call := func(method, target string, form url.Values) map[string]any {
		t.Helper()
		var body io.Reader
		if form != nil {
			body = strings.NewReader(form.Encode())
		}
		req, _ := http.NewRequest(method, target, body)
		if form != nil {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		req.Header.Set("Accept", "application/json")
		req.SetBasicAuth(account, testToken)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out map[string]any
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode >= 300 {
			t.Fatalf("%s %s: %d %v %v", method, target, resp.StatusCode, out, err)
		}
		return out
	}
	def := `{"description":"hi","initial_state":"Trigger","flags":{"allow_concurrent_calls":true},"states":[
	  {"name":"Trigger","type":"trigger","properties":{"offset":{"x":0,"y":0}},"transitions":[{"event":"incomingMessage","next":"hi"}]},
	  {"name":"hi","type":"send-message","properties":{"from":"{{flow.channel.address}}","to":"{{contact.channel.address}}","body":"Hi"},"transitions":[{"event":"sent"},{"event":"failed"}]}]}`
	flow := call(http.MethodPost, base+"/v2/Flows", url.Values{"FriendlyName": {"hi"}, "Status": {"published"}, "Definition": {def}})
	hook := flow["webhook_url"].(string)
	if flow["account_sid"] != account || !strings.Contains(hook, "/Accounts/"+account+"/") {
		t.Fatalf("flow reports account %v and webhook_url %s; want %s", flow["account_sid"], hook, account)
	}
	out := call(http.MethodPost, hook, url.Values{"From": {"+15550000001"}, "To": {"+15550000002"}, "Body": {"hi"}})
	x := out["execution"].(map[string]any)
	ctx := call(http.MethodGet, base+"/v2/Flows/"+flow["sid"].(string)+"/Executions/"+x["sid"].(string)+"/Context", nil)
	trig := ctx["context"].(map[string]any)["trigger"].(map[string]any)["message"].(map[string]any)
	if x["account_sid"] != account || ctx["account_sid"] != account || trig["AccountSid"] != account {
		t.Fatalf("execution %v, context %v, trigger.message.AccountSid %v; want %s everywhere", x["account_sid"], ctx["account_sid"], trig["AccountSid"], account)
	}
}
