package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/studioflow/studioflow/studio/workspace"
)

// builtBinary builds studioflow once per test binary.
var builtBinary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "studioflow-bin")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "studioflow")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
})

const (
	sharedAccount = "AC0123456789abcdef0123456789abcdef"
	sharedToken   = "0123456789abcdef0123456789abcdef"
)

// startServeProcess runs the built `studioflow serve` on dir and returns its base URL; the
// process is killed at the end of the test.
func startServeProcess(t *testing.T, dir string) string {
	t.Helper()
	bin, err := builtBinary()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--workspace", dir, "--quiet")
	cmd.Env = append(os.Environ(), "TWILIO_ACCOUNT_SID="+sharedAccount, "TWILIO_AUTH_TOKEN="+sharedToken, "DISPLAY=")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "Studio REST API v2 at "); ok {
			go func() { _, _ = io.Copy(io.Discard, out) }()
			return strings.Fields(rest)[0]
		}
	}
	_ = cmd.Wait()
	t.Fatalf("serve stopped before it was ready: %s", stderr.String())
	return ""
}

func apiCall(t *testing.T, method, u string, form url.Values) map[string]any {
	t.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.SetBasicAuth(sharedAccount, sharedToken)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || resp.StatusCode >= 300 {
		t.Fatalf("%s %s: %d %v %v", method, u, resp.StatusCode, body, err)
	}
	return body
}

const sharedDefinition = `{"description":"shared","states":[{"name":"Trigger","type":"trigger","transitions":[],"properties":{"offset":{"x":0,"y":0}}}],"initial_state":"Trigger","flags":{"allow_concurrent_calls":true}}`

// TestEditorAndTwoServersShareAWorkspace: the desktop's workspace code and
// two real `serve` processes use one folder at once; what each saves the
// others read at once, and the editor's saves never wait long while the
// servers are busy.
func TestEditorAndTwoServersShareAWorkspace(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	editor, err := workspace.Open(dir, workspace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer editor.Close()
	one, two := startServeProcess(t, dir), startServeProcess(t, dir)

	f, err := editor.CreateFlow(workspace.Save{FriendlyName: "Shared", Status: workspace.StatusDraft, Definition: json.RawMessage(sharedDefinition), Valid: true}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	got := apiCall(t, "GET", one+"/v2/Flows/"+f.SID, nil)
	if got["friendly_name"] != "Shared" || got["revision"] != 1.0 {
		t.Fatalf("first serve reads the editor's flow as %v", got)
	}
	apiCall(t, "POST", two+"/v2/Flows/"+f.SID, url.Values{"FriendlyName": {"Shared"}, "Status": {"published"}, "Definition": {sharedDefinition}, "CommitMessage": {"from serve"}})
	saved, err := editor.Flow(f.SID)
	if err != nil || saved.Revision != 2 || saved.Status != workspace.StatusPublished {
		t.Fatalf("editor reads the second serve's revision: %v revision %d %s", err, saved.Revision, saved.Status)
	}
	if got := apiCall(t, "GET", one+"/v2/Flows/"+f.SID+"/Revisions/2", nil); got["commit_message"] != "from serve" {
		t.Fatalf("first serve reads the second's revision as %v", got)
	}

	// Scripts hammer both servers with saves and reads while the editor
	// saves revisions.
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for _, base := range []string{one, two, one, two} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; ; n++ {
				select {
				case <-stop:
					return
				default:
				}
				apiCall(t, "POST", base+"/v2/Flows", url.Values{"FriendlyName": {fmt.Sprintf("script %d", n)}, "Status": {"draft"}, "Definition": {sharedDefinition}})
				apiCall(t, "GET", base+"/v2/Flows/"+f.SID+"/Revisions", nil)
			}
		}()
	}
	var worst time.Duration
	for n := range 15 {
		start := time.Now()
		_, err := editor.UpdateFlow(f.SID, workspace.Save{FriendlyName: "Shared", Status: workspace.StatusDraft, Definition: json.RawMessage(sharedDefinition), Valid: true}, time.Now())
		if err != nil {
			t.Fatalf("editor save %d while the servers are busy: %v", n, err)
		}
		worst = max(worst, time.Since(start))
		if _, err := editor.Flows(); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()
	t.Logf("slowest editor save while two servers were busy: %v", worst)
	if worst > time.Second {
		t.Errorf("an editor save waited %v", worst)
	}
	got = apiCall(t, "GET", two+"/v2/Flows/"+f.SID, nil)
	if got["revision"] != 17.0 {
		t.Errorf("second serve reads revision %v, want the editor's 17", got["revision"])
	}
}
