package restapi

import (
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/studio/wire"
)

// FuzzRequests sends arbitrary paths and form bodies: every answer is a
// success or an error in Twilio's shape, never a 500.
func FuzzRequests(f *testing.F) {
	ts := newTestServer(f)
	flow := ts.createFlow("ask", "published", askFlow)
	for _, seed := range []struct{ method, path, body string }{
		{"POST", "/v2/Flows", "FriendlyName=x&Status=draft&Definition=%7B%22states%22%3A%5B%5D%7D"},
		{"POST", "/v2/Flows/" + flow + "/Executions", "To=%2B1&From=%2B2&Parameters=%7B%7D"},
		{"GET", "/v2/Flows/" + flow + "/Revisions/LatestPublished", ""},
		{"POST", "/v2/Flows/Validate", "Definition=%7B"},
		{"DELETE", "/v2/Flows//Executions", ""},
		{"POST", "/v1/Accounts/" + ts.account + "/Flows/" + flow, "From=a&To=b&Body=%FF"},
	} {
		f.Add(seed.method, seed.path, seed.body)
	}
	srv := ts.Config.Handler
	f.Fuzz(func(t *testing.T, method, path, body string) {
		if _, err := url.ParseRequestURI(path); err != nil || !strings.HasPrefix(path, "/") || strings.ContainsAny(path, " \r\n?#") {
			return
		}
		if strings.HasSuffix(path, "/Events") {
			return // a stream needs a real connection; TestEventStreamFollowsAnExecution covers it
		}
		switch method {
		case "GET", "POST", "DELETE", "PUT", "PATCH":
		default:
			return
		}
		req := httptest.NewRequest(method, path, strings.NewReader(body))
		req.Host = "127.0.0.1" // the server answers to its own addresses only
		if body != "" {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		req.SetBasicAuth(ts.account, ts.token)
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%s %s: %d %s", method, path, rec.Code, rec.Body)
		}
		if rec.Code >= 400 {
			var e wire.Error
			if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Code == 0 || e.Status != rec.Code || e.Message == "" {
				t.Fatalf("%s %s: error not in Twilio's shape: %d %s", method, path, rec.Code, rec.Body)
			}
		}
	})
}
