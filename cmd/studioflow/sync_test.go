package main

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/studioflow/studioflow/model"
)

// syncBuffer is a bytes.Buffer the server goroutine and the test share.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// startServe runs `studioflow serve` in-process on a loopback port.
func startServe(t *testing.T, workspace string, extra ...string) (baseURL string, out *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	out = &syncBuffer{}
	done := make(chan int, 1)
	go func() {
		done <- serve(ctx, env{stdout: out, stderr: out}, append([]string{"--addr", "127.0.0.1:0", "--workspace", workspace}, extra...), ready)
	}()
	select {
	case addr := <-ready:
		baseURL = "http://" + addr
	case code := <-done:
		t.Fatalf("serve exited with %d: %s", code, out)
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not start")
	}
	t.Cleanup(func() {
		cancel()
		if code := <-done; code != exitOK {
			t.Errorf("serve exited with %d: %s", code, out)
		}
	})
	return baseURL, out
}

const testToken = "5ec12e7700000000000000000000beef"

func TestPushAndPullAgainstServe(t *testing.T) {
	account := "AC" + strings.Repeat("1", 32)
	useCredentials(t, account)
	ws := t.TempDir()
	base, serverOut := startServe(t, ws)
	if !strings.Contains(serverOut.String(), "Studio REST API v2 at "+base) {
		t.Errorf("serve banner: %s", serverOut)
	}

	r := runCLI("push", fixture(cleanFlow), "--base-url", base, "--message", "import")
	if r.code != exitOK {
		t.Fatalf("push: %d %s %s", r.code, r.stdout, r.stderr)
	}
	sid := strings.Fields(r.stdout)[0]
	if !strings.HasPrefix(sid, "FW") || !strings.Contains(r.stdout, "revision 1 (draft)") || !strings.Contains(r.stdout, `"horoscope"`) {
		t.Fatalf("push printed %q", r.stdout)
	}
	r = runCLI("push", fixture(cleanFlow), "--sid", sid, "--publish", "--message", "live", "--base-url", base)
	if r.code != exitOK || !strings.Contains(r.stdout, "revision 2 (published)") {
		t.Fatalf("push --sid --publish: %d %s %s", r.code, r.stdout, r.stderr)
	}

	out := filepath.Join(t.TempDir(), "pulled.json")
	r = runCLI("pull", sid, "-o", out, "--base-url", base)
	if r.code != exitOK {
		t.Fatalf("pull: %d %s", r.code, r.stderr)
	}
	pulled, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	original, err := os.ReadFile(fixture(cleanFlow))
	if err != nil {
		t.Fatal(err)
	}
	a, _ := model.ParseValue(original)
	b, err := model.ParseValue(pulled)
	if err != nil || !model.Equal(a, b) {
		t.Fatalf("pulled flow differs from the pushed file (%v)", err)
	}
	if r := runCLI("pull", sid, "-o", out, "--base-url", base); r.code != exitOK {
		t.Errorf("pull over an existing file: %d %s", r.code, r.stderr)
	}
	r = runCLI("pull", sid, "--revision", "1", "--base-url", base)
	if r.code != exitOK || !strings.Contains(r.stdout, `"initial_state": "Trigger"`) {
		t.Errorf("pull --revision 1 to stdout: %d %s", r.code, r.stderr)
	}

	// A flow with errors cannot be published; push lists them.
	r = runCLI("push", fixture(danglingFlow), "--publish", "--base-url", base)
	if r.code != exitFindings || !strings.Contains(r.stderr, "#/states/12/transitions/0/next") {
		t.Errorf("publishing the dangling flow: %d %s", r.code, r.stderr)
	}
	// Bad input: a file that is not JSON, an unknown flow, wrong credentials.
	bad := writeTemp(t, "bad.json", []byte(`{"states": [`))
	if r := runCLI("push", bad, "--base-url", base); r.code != exitBadInput || !strings.Contains(r.stderr, "bad.json:1:") {
		t.Errorf("push of malformed JSON: %d %s", r.code, r.stderr)
	}
	if r := runCLI("pull", "FW"+strings.Repeat("0", 32), "--base-url", base); r.code != exitFindings || !strings.Contains(r.stderr, "20404") {
		t.Errorf("pull of an unknown flow: %d %s", r.code, r.stderr)
	}
	t.Setenv("TWILIO_AUTH_TOKEN", "wrongwrongwrong")
	if r := runCLI("pull", sid, "--base-url", base); r.code != exitFindings || !strings.Contains(r.stderr, "401") {
		t.Errorf("pull with a wrong token: %d %s", r.code, r.stderr)
	}

	// The token is in no file: not the pulled flow, not the workspace, not the log.
	for _, where := range []string{ws, filepath.Dir(out)} {
		err := filepath.WalkDir(where, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(path)
			if err == nil && bytes.Contains(data, []byte(testToken)) {
				t.Errorf("%s holds the auth token in clear", path)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if strings.Contains(serverOut.String(), testToken) {
		t.Error("serve printed the auth token it was given")
	}
}

func TestServeMakesCredentialsWhenNoneAreGiven(t *testing.T) {
	t.Setenv("TWILIO_ACCOUNT_SID", "")
	t.Setenv("TWILIO_AUTH_TOKEN", "")
	base, out := startServe(t, t.TempDir())
	var account, token string
	for _, line := range strings.Split(out.String(), "\n") {
		line = strings.TrimSpace(line)
		if v, ok := strings.CutPrefix(line, "TWILIO_ACCOUNT_SID="); ok {
			account = v
		}
		if v, ok := strings.CutPrefix(line, "TWILIO_AUTH_TOKEN="); ok {
			token = v
		}
	}
	if len(account) != 34 || len(token) != 32 {
		t.Fatalf("serve printed no credentials: %s", out)
	}
	t.Setenv("TWILIO_ACCOUNT_SID", account)
	t.Setenv("TWILIO_AUTH_TOKEN", token)
	if r := runCLI("push", fixture(cleanFlow), "--base-url", base); r.code != exitOK {
		t.Fatalf("push with the printed credentials: %d %s", r.code, r.stderr)
	}
	// Half the credentials is a usage error, not a silent fallback.
	t.Setenv("TWILIO_AUTH_TOKEN", "")
	if r := runCLI("serve", "--addr", "127.0.0.1:0", "--workspace", t.TempDir()); r.code != exitBadInput || !strings.Contains(r.stderr, "both") {
		t.Errorf("serve with only an account SID: %d %s", r.code, r.stderr)
	}
}
