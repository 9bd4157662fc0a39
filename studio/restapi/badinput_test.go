package restapi

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/model"
)

func TestBadInputGetsTwilioErrors(t *testing.T) {
	ts := newTestServer(t)
	flow := ts.createFlow("ask", "published", askFlow)
	x := ts.startExecution(flow, "+1", "+2")
	execs := "/v2/Flows/" + flow + "/Executions/"
	hugeDefinition := `{"states": [], "description": "` + strings.Repeat("x", model.MaxFileSize) + `"}`

	cases := []struct {
		name, method, path, contentType, body string
		status, code                          int
		mentions                              string
	}{
		{"malformed form body", "POST", "/v2/Flows", "application/x-www-form-urlencoded", "FriendlyName=%zz&Status=draft", 400, 20001, "form encoding"},
		{"JSON body instead of a form", "POST", "/v2/Flows", "application/json", `{"FriendlyName":"x"}`, 415, 20001, "form-encoded"},
		{"missing FriendlyName", "POST", "/v2/Flows", "", url.Values{"Status": {"draft"}, "Definition": {askFlow}}.Encode(), 400, 20001, "FriendlyName"},
		{"bad Status", "POST", "/v2/Flows", "", url.Values{"FriendlyName": {"x"}, "Status": {"live"}, "Definition": {askFlow}}.Encode(), 400, 20001, "live"},
		{"Definition not JSON", "POST", "/v2/Flows", "", url.Values{"FriendlyName": {"x"}, "Status": {"draft"}, "Definition": {`{"states": [`}}.Encode(), 400, 20001, "not valid JSON"},
		{"Definition not a flow", "POST", "/v2/Flows", "", url.Values{"FriendlyName": {"x"}, "Status": {"draft"}, "Definition": {`{"a": 1}`}}.Encode(), 400, 20001, "Invalid Flow Definition"},
		{"oversized definition", "POST", "/v2/Flows", "", url.Values{"FriendlyName": {"x"}, "Status": {"draft"}, "Definition": {hugeDefinition}}.Encode(), 413, 20001, "limited to"},
		{"oversized body", "POST", "/v2/Flows", "", "Definition=" + strings.Repeat("%7B", model.MaxFileSize+1<<20), 413, 20001, "larger than"},
		{"flow SID of the wrong pattern", "GET", "/v2/Flows/FW123", "", "", 400, 20001, "FlowSid"},
		{"flow SID with the wrong prefix", "GET", "/v2/Flows/FN" + strings.Repeat("a", 32), "", "", 400, 20001, "FW followed by 32"},
		{"execution SID of the wrong pattern", "GET", execs + "FW" + strings.Repeat("a", 32), "", "", 400, 20001, "ExecutionSid"},
		{"step SID of the wrong pattern", "GET", execs + x["sid"].(string) + "/Steps/nope", "", "", 400, 20001, "StepSid"},
		{"revision that is not a number", "GET", "/v2/Flows/" + flow + "/Revisions/latest", "", "", 400, 20001, "Revision"},
		{"unknown flow", "GET", "/v2/Flows/FW" + strings.Repeat("0", 32), "", "", 404, 20404, "was not found"},
		{"unknown path", "GET", "/v2/Widgets", "", "", 404, 20404, "/v2/Widgets"},
		{"unknown version", "GET", "/v3/Flows", "", "", 404, 20404, "was not found"},
		{"unknown method", "PUT", "/v2/Flows", "", "", 405, 20004, "PUT"},
		{"GET on Validate", "GET", "/v2/Flows/Validate", "", "", 405, 20004, "POST"},
		{"Parameters not an object", "POST", execs[:len(execs)-1], "", url.Values{"To": {"+3"}, "From": {"+4"}, "Parameters": {"[1,2]"}}.Encode(), 400, 20001, "Parameters"},
		{"execution without To", "POST", execs[:len(execs)-1], "", url.Values{"From": {"+4"}}.Encode(), 400, 20001, "To"},
		{"PageSize not a number", "GET", "/v2/Flows?PageSize=ten", "", "", 400, 20001, "PageSize"},
		{"malformed query", "GET", "/v2/Flows?PageSize=%zz", "", "", 400, 20001, "query"},
		{"TestUsers missing", "POST", "/v2/Flows/" + flow + "/TestUsers", "", "", 400, 20001, "TestUsers"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req, err := http.NewRequest(c.method, ts.URL+c.path, strings.NewReader(c.body))
			if err != nil {
				t.Fatal(err)
			}
			ct := c.contentType
			if ct == "" && c.body != "" {
				ct = "application/x-www-form-urlencoded"
			}
			if ct != "" {
				req.Header.Set("Content-Type", ct)
			}
			req.SetBasicAuth(ts.account, ts.token)
			status, out := ts.send(req)
			if status != c.status || out["code"] != float64(c.code) || out["status"] != float64(c.status) {
				t.Fatalf("got %d %v, want status %d code %d", status, out, c.status, c.code)
			}
			if msg, _ := out["message"].(string); !strings.Contains(msg, c.mentions) {
				t.Errorf("message %q does not mention %q", msg, c.mentions)
			}
			if out["more_info"] != "https://www.twilio.com/docs/errors/"+jsonNumber(float64(c.code)) {
				t.Errorf("more_info = %v", out["more_info"])
			}
		})
	}
	// The server still serves.
	if got := ts.mustCall(http.StatusOK, http.MethodGet, "/v2/Flows/"+flow, nil); got["sid"] != flow {
		t.Errorf("after bad input, fetch = %v", got)
	}
}

func TestCredentialsAreRequired(t *testing.T) {
	ts := newTestServer(t)
	flow := ts.createFlow("ask", "published", askFlow)
	for _, path := range []string{"/v2/Flows", "/v2/Flows/" + flow, "/v2/Nothing/Here", "/v2/Flows/bad-sid"} {
		for name, auth := range map[string]func(*http.Request){
			"missing":     func(*http.Request) {},
			"wrong token": func(r *http.Request) { r.SetBasicAuth(ts.account, "wrong") },
			"wrong sid":   func(r *http.Request) { r.SetBasicAuth("AC"+strings.Repeat("f", 32), ts.token) },
		} {
			req, _ := http.NewRequest(http.MethodGet, ts.URL+path, nil)
			auth(req)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusUnauthorized || strings.Contains(string(body), flow) || !strings.Contains(string(body), `"code":20003`) {
				t.Errorf("%s credentials on %s: %d %s", name, path, resp.StatusCode, body)
			}
			if resp.Header.Get("WWW-Authenticate") == "" {
				t.Errorf("%s credentials on %s: no WWW-Authenticate", name, path)
			}
		}
	}
}

// TestBlankFriendlyNameIsABadRequest: a name of only spaces is refused with
// a 400 that says why, on create and on update (it was a 500).
func TestBlankFriendlyNameIsABadRequest(t *testing.T) {
	ts := newTestServer(t)
	flow := ts.createFlow("ask", "published", askFlow)
	for _, tc := range []struct{ path, name string }{
		{"/v2/Flows", "   "},
		{"/v2/Flows", "\t \n"},
		{"/v2/Flows/" + flow, "   "},
	} {
		status, out := ts.call(http.MethodPost, tc.path, url.Values{"FriendlyName": {tc.name}, "Status": {"draft"}, "Definition": {askFlow}})
		msg, _ := out["message"].(string)
		if status != http.StatusBadRequest || !strings.Contains(msg, "friendly name") {
			t.Errorf("POST %s FriendlyName %q: %d %v", tc.path, tc.name, status, out)
		}
	}
}

// TestDuplicateKeysInADefinitionAreRefused: the REST API refuses what
// validate and fmt refuse, saying where.
func TestDuplicateKeysInADefinitionAreRefused(t *testing.T) {
	ts := newTestServer(t)
	def := strings.Replace(askFlow, `"initial_state": "Trigger",`, `"initial_state": "Trigger", "initial_state": "ask",`, 1)
	status, out := ts.call(http.MethodPost, "/v2/Flows", url.Values{"FriendlyName": {"dup"}, "Status": {"draft"}, "Definition": {def}})
	msg, _ := out["message"].(string)
	if status != http.StatusBadRequest || !strings.Contains(msg, `member "initial_state" appears twice`) || !strings.Contains(msg, "line ") {
		t.Errorf("definition with a duplicate member: %d %v", status, out)
	}
}
