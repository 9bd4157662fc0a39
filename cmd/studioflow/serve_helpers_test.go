package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// serveClient calls a running serve as account with testToken and decodes
// the JSON answer; a failed call fails the test.
func serveClient(t *testing.T, account string) func(method, target string, form url.Values) map[string]any {
	return func(method, target string, form url.Values) map[string]any {
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
}

// greetingFlow answers an incoming message with body.
func greetingFlow(body string) string {
	return `{"description":"hi","initial_state":"Trigger","flags":{"allow_concurrent_calls":true},"states":[
  {"name":"Trigger","type":"trigger","properties":{"offset":{"x":0,"y":0}},"transitions":[{"event":"incomingMessage","next":"hi"}]},
  {"name":"hi","type":"send-message","properties":{"from":"{{flow.channel.address}}","to":"{{contact.channel.address}}","body":` + strconv.Quote(body) + `},"transitions":[{"event":"sent"},{"event":"failed"}]}]}`
}

// useCredentials gives the commands and the serve a test starts Twilio
// credentials: account with testToken, and no API key.
func useCredentials(t *testing.T, account string) {
	t.Helper()
	t.Setenv("TWILIO_ACCOUNT_SID", account)
	t.Setenv("TWILIO_AUTH_TOKEN", testToken)
	t.Setenv("TWILIO_API_KEY", "")
	t.Setenv("TWILIO_API_SECRET", "")
}
