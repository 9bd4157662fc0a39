package restapi

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// updateGolden rewrites testdata/wire-golden.txt from the server's answers.
var updateGolden = flag.Bool("update", false, "rewrite testdata/wire-golden.txt")

// The server's answers over every endpoint, byte for byte (SIDs, dates and
// the host normalised), are those in testdata/wire-golden.txt, which the
// server wrote before its resources moved to studio/wire: the move changed
// no byte Studio's helper libraries read. Run with -update after a change
// of the wire format that is meant.
func TestAnswersAreByteForByteTheGoldenOnes(t *testing.T) {
	golden := filepath.Join("testdata", "wire-golden.txt")
	ts := newTestServer(t)
	var buf bytes.Buffer
	do := func(method, path string, form url.Values) string {
		var body io.Reader
		if form != nil {
			body = strings.NewReader(form.Encode())
		}
		req, err := http.NewRequest(method, ts.URL+path, body)
		if err != nil {
			t.Fatal(err)
		}
		if form != nil {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		req.SetBasicAuth(ts.account, ts.token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		fmt.Fprintf(&buf, "== %s %s -> %d %s\n%s\n", method, path, resp.StatusCode, resp.Header.Get("Content-Type"), data)
		return string(data)
	}
	// first returns the first flow or execution SID of an answer.
	sidRe := regexp.MustCompile(`"sid":"(F[WN][0-9a-f]{32})"`)
	first := func(s string) string {
		m := sidRe.FindStringSubmatch(s)
		if m == nil {
			t.Fatalf("no sid in %s", s)
		}
		return m[1]
	}
	do("POST", "/v2/Flows/Validate", url.Values{"FriendlyName": {"A"}, "Status": {"draft"}, "Definition": {askFlow}})
	fw := first(do("POST", "/v2/Flows", url.Values{"FriendlyName": {"Ask"}, "Status": {"draft"}, "Definition": {askFlow}, "CommitMessage": {"c1"}}))
	do("POST", "/v2/Flows", url.Values{"FriendlyName": {"Two"}, "Status": {"draft"}, "Definition": {askFlow}})
	do("POST", "/v2/Flows/"+fw, url.Values{"Status": {"published"}})
	do("POST", "/v2/Flows", url.Values{"FriendlyName": {"Bad"}, "Status": {"published"}, "Definition": {`{"states":[]}`}})
	do("GET", "/v2/Flows?PageSize=1", nil)
	do("GET", "/v2/Flows?PageSize=1&Page=1&PageToken=PA"+fw, nil)
	do("GET", "/v2/Flows/"+fw, nil)
	do("GET", "/v2/Flows/"+fw+"/Revisions", nil)
	do("GET", "/v2/Flows/"+fw+"/Revisions/1", nil)
	do("GET", "/v2/Flows/"+fw+"/Revisions/LatestPublished", nil)
	do("POST", "/v2/Flows/"+fw+"/TestUsers", url.Values{"TestUsers": {"+15551230000"}})
	do("GET", "/v2/Flows/"+fw+"/TestUsers", nil)
	fn := first(do("POST", "/v2/Flows/"+fw+"/Executions", url.Values{"To": {"+15550001111"}, "From": {"+15550002222"}, "Parameters": {`{"name":"Zeke","obj":{"z":1,"a":[1,2]}}`}}))
	do("POST", "/v2/Flows/"+fw+"/Executions", url.Values{"To": {"+15550001111"}, "From": {"+15550002222"}})
	do("GET", "/v2/Flows/"+fw+"/Executions", nil)
	do("GET", "/v2/Flows/"+fw+"/Executions/"+fn, nil)
	do("GET", "/v2/Flows/"+fw+"/Executions/"+fn+"/Context", nil)
	path := "/v1/Accounts/" + ts.account + "/Flows/" + fw
	form := url.Values{"From": {"+15550001111"}, "To": {"+15550002222"}, "Body": {"Ann"}, "MessageSid": {"SM" + strings.Repeat("0", 32)}}
	req, err := http.NewRequest(http.MethodPost, ts.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("X-Twilio-Signature", Signature(ts.token, ts.URL+path, form))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Fprintf(&buf, "== webhook -> %d\n%s\n", resp.StatusCode, data)
	steps := do("GET", "/v2/Flows/"+fw+"/Executions/"+fn+"/Steps?PageSize=1", nil)
	m := regexp.MustCompile(`"sid":"(FT[0-9a-f]{32})"`).FindStringSubmatch(steps)
	if m == nil {
		t.Fatalf("no step in %s", steps)
	}
	ft := m[1]
	do("GET", "/v2/Flows/"+fw+"/Executions/"+fn+"/Steps", nil)
	do("GET", "/v2/Flows/"+fw+"/Executions/"+fn+"/Steps/"+ft, nil)
	do("GET", "/v2/Flows/"+fw+"/Executions/"+fn+"/Steps/"+ft+"/Context", nil)
	do("GET", "/v2/Flows/"+fw+"/Executions/"+fn+"/Events", nil)
	do("GET", "/v2/Flows/FW00000000000000000000000000000000", nil)
	do("GET", "/v2/Flows?PageSize=0", nil)
	do("POST", "/v2/Flows/"+fw+"/Executions", url.Values{"To": {"+15550001111"}, "From": {"+15550002222"}})
	do("DELETE", "/v2/Flows", nil)
	s := buf.String()
	n := map[string]string{}
	s = regexp.MustCompile(`(FW|FN|FT|FC|AC|PA|PB|SM)[0-9a-f]{32}`).ReplaceAllStringFunc(s, func(m string) string {
		if _, ok := n[m]; !ok {
			n[m] = fmt.Sprintf("%s#%d", m[:2], len(n))
		}
		return n[m]
	})
	s = regexp.MustCompile(`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ`).ReplaceAllString(s, "DATE")
	s = regexp.MustCompile(`(PageToken=P[AB])\d{20}`).ReplaceAllString(s, "${1}TIME") // a cursor's creation time
	s = strings.ReplaceAll(s, ts.URL, "http://HOST")
	if *updateGolden {
		if err := os.WriteFile(golden, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if s != string(want) {
		got, wantLines := strings.Split(s, "\n"), strings.Split(string(want), "\n")
		for i := range min(len(got), len(wantLines)) {
			if got[i] != wantLines[i] {
				t.Fatalf("line %d differs from %s:\n%s\nwant\n%s", i+1, golden, got[i], wantLines[i])
			}
		}
		t.Fatalf("%d lines, %s has %d", len(got), golden, len(wantLines))
	}
}
