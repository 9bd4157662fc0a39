package main

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// With TWILIO_ACCOUNT_SID set, serve has that one account: the flow's
// webhook_url names it and works, and the execution it starts reports it.
func TestServeUsesTheEnvironmentsAccountEverywhere(t *testing.T) {
	account := "AC" + strings.Repeat("2", 32)
	useCredentials(t, account)
	base, _ := startServe(t, t.TempDir())
	call := serveClient(t, account)
	flow := call(http.MethodPost, base+"/v2/Flows", url.Values{"FriendlyName": {"hi"}, "Status": {"published"}, "Definition": {greetingFlow("Hi")}})
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
