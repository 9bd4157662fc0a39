package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// serve --env substitutes the environment's values into a flow as it runs:
// the Send Message body "${greeting}" sends the value, while the stored
// revision keeps its placeholder.
func TestServeSubstitutesTheEnvironmentIntoExecutions(t *testing.T) {
	account := "AC" + strings.Repeat("3", 32)
	useCredentials(t, account)
	ws := t.TempDir()
	if err := os.MkdirAll(filepath.Join(ws, "environments"), 0o755); err != nil {
		t.Fatal(err)
	}
	const greeting = "Hello from prod"
	if err := os.WriteFile(filepath.Join(ws, "environments", "prod.yaml"), []byte("greeting: "+greeting+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	base, out := startServe(t, ws, "--env", "prod")
	if !strings.Contains(out.String(), "Environment prod") {
		t.Errorf("serve does not say which environment it runs with:\n%s", out)
	}
	call := serveClient(t, account)
	flow := call(http.MethodPost, base+"/v2/Flows", url.Values{"FriendlyName": {"hi"}, "Status": {"published"}, "Definition": {greetingFlow("${greeting}")}})
	sid := flow["sid"].(string)
	res := call(http.MethodPost, flow["webhook_url"].(string), url.Values{"From": {"+15550000001"}, "To": {"+15550000002"}, "Body": {"hi"}})
	x := res["execution"].(map[string]any)
	ctx := call(http.MethodGet, base+"/v2/Flows/"+sid+"/Executions/"+x["sid"].(string)+"/Context", nil)
	hi, _ := ctx["context"].(map[string]any)["widgets"].(map[string]any)["hi"].(map[string]any)
	if got := findBody(hi); got != greeting {
		t.Fatalf("the Send Message widget sent %q; want %q (context %v)", got, greeting, hi)
	}
	rev := call(http.MethodGet, base+"/v2/Flows/"+sid+"/Revisions/1", nil)
	def, _ := json.Marshal(rev["definition"])
	if !strings.Contains(string(def), "${greeting}") || strings.Contains(string(def), greeting) {
		t.Fatalf("the stored revision lost its placeholder: %s", def)
	}
}

// serve --env with an environment that has no values file refuses to start.
func TestServeRefusesAnUnknownEnvironment(t *testing.T) {
	out := &syncBuffer{}
	code := serve(t.Context(), env{stdout: out, stderr: out}, []string{"--addr", "127.0.0.1:0", "--workspace", t.TempDir(), "--env", "nowhere"}, nil)
	if code != exitBadInput || !strings.Contains(out.String(), `environment "nowhere"`) {
		t.Fatalf("exit %d, output %q; want exit %d naming the environment", code, out, exitBadInput)
	}
}

// findBody returns the "Body" a widget's context holds, at its top or one
// level down (the message it sent).
func findBody(m map[string]any) string {
	if b, ok := m["Body"].(string); ok {
		return b
	}
	for _, v := range m {
		if sub, ok := v.(map[string]any); ok {
			if b, ok := sub["Body"].(string); ok {
				return b
			}
		}
	}
	return ""
}

// An execution of a flow whose placeholder the environment lacks does not
// start: the webhook answers with an error naming the placeholder.
func TestServeRefusesToRunAPlaceholderWithoutAValue(t *testing.T) {
	account := "AC" + strings.Repeat("4", 32)
	useCredentials(t, account)
	ws := t.TempDir()
	if err := os.MkdirAll(filepath.Join(ws, "environments"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(ws, "environments", "prod.yaml"), []byte("other: x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	base, _ := startServe(t, ws, "--env", "prod")
	flow := serveClient(t, account)(http.MethodPost, base+"/v2/Flows", url.Values{"FriendlyName": {"hi"}, "Status": {"published"}, "Definition": {greetingFlow("${greeting}")}})
	form := url.Values{"From": {"+15550000001"}, "To": {"+15550000002"}, "Body": {"hi"}}
	req, _ := http.NewRequest(http.MethodPost, flow["webhook_url"].(string), strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(account, testToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode < 400 || !strings.Contains(string(body), "${greeting}") {
		t.Fatalf("webhook answered %d %s; want an error naming ${greeting}", resp.StatusCode, body)
	}
	execs := serveClient(t, account)(http.MethodGet, base+"/v2/Flows/"+flow["sid"].(string)+"/Executions", nil)
	if list, _ := execs["executions"].([]any); len(list) != 0 {
		t.Fatalf("executions %v; want none started", list)
	}
}
