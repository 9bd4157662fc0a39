package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/studioflow/studioflow/studio/workspace"
)

// diffFixture is the flowdiff package's test IVR (written for its tests).
var diffFixture = filepath.Join("..", "..", "model", "flowdiff", "testdata", "ivr.json")

func readFixture(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile(diffFixture)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestDiffExitStatus(t *testing.T) {
	data := readFixture(t)
	old := writeTemp(t, "old.json", data)
	moved := writeTemp(t, "moved.json", bytes.Replace(data, []byte(`"x": -200, "y": 700`), []byte(`"x": -250, "y": 700`), 1))
	changed := writeTemp(t, "changed.json", bytes.Replace(data, []byte(`"timeout": 5`), []byte(`"timeout": 8`), 1))

	if r := runCLI("diff", old, old); r.code != exitOK || r.stdout != "" {
		t.Errorf("same: code %d, output %q", r.code, r.stdout)
	}
	r := runCLI("diff", old, changed)
	if r.code != exitFindings || !strings.Contains(r.stdout, "menu (gather-input-on-call)\n    timeout: 5 → 8\n") {
		t.Errorf("changed: code %d, output %q", r.code, r.stdout)
	}
	if r := runCLI("diff", old, moved); r.code != exitFindings || !strings.Contains(r.stdout, "sales: (-200, 700) → (-250, 700)") {
		t.Errorf("moved: code %d, output %q", r.code, r.stdout)
	}
	if r := runCLI("diff", "--ignore-layout", old, moved); r.code != exitOK || r.stdout != "" {
		t.Errorf("moved with --ignore-layout: code %d, output %q", r.code, r.stdout)
	}
	if r := runCLI("diff", old, filepath.Join(t.TempDir(), "missing.json")); r.code != exitBadInput || !strings.Contains(r.stderr, "missing.json") {
		t.Errorf("missing file: code %d, stderr %q", r.code, r.stderr)
	}
	if r := runCLI("diff", old); r.code != exitBadInput {
		t.Errorf("one argument: code %d", r.code)
	}
}

func TestDiffJSON(t *testing.T) {
	data := readFixture(t)
	old := writeTemp(t, "old.json", data)
	renamed := strings.NewReplacer(`"name": "bye"`, `"name": "goodbye"`, `"next": "bye"`, `"next": "goodbye"`).Replace(string(data))
	nw := writeTemp(t, "new.json", []byte(renamed))
	r := runCLI("diff", "--json", old, nw)
	if r.code != exitFindings {
		t.Fatalf("code %d, stderr %s", r.code, r.stderr)
	}
	var got struct {
		Same    bool
		Renamed []struct{ Old, New string }
		Changed []any
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, r.stdout)
	}
	if got.Same || len(got.Renamed) != 1 || got.Renamed[0].Old != "bye" || got.Renamed[0].New != "goodbye" || len(got.Changed) != 0 {
		t.Errorf("JSON = %s", r.stdout)
	}
}

func TestDiffWorkspaceRevisions(t *testing.T) {
	dir := t.TempDir()
	store, err := workspace.Open(dir, workspace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	compact := func(data []byte) []byte {
		var b bytes.Buffer
		if err := json.Compact(&b, data); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	data := readFixture(t)
	f, err := store.CreateFlow(workspace.Save{FriendlyName: "Support line", Status: workspace.StatusDraft, Definition: compact(data), Valid: true}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	edited := bytes.Replace(data, []byte(`"say": "Goodbye"`), []byte(`"say": "Bye now"`), 1)
	if _, err := store.UpdateFlow(f.SID, workspace.Save{FriendlyName: "Support line", Status: workspace.StatusDraft, Definition: compact(edited), Valid: true}, time.Now()); err != nil {
		t.Fatal(err)
	}
	store.Close()

	r := runCLI("diff", "--workspace", dir, "workspace:"+f.SID+"@1", "workspace:Support line@2")
	if r.code != exitFindings || !strings.Contains(r.stdout, `say: "Goodbye" → "Bye now"`) || !strings.Contains(r.stdout, "--- workspace:"+f.SID+"@1") {
		t.Errorf("code %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if r := runCLI("diff", "--workspace", dir, "workspace:No such flow@1", "workspace:Support line"); r.code != exitBadInput || !strings.Contains(r.stderr, "No such flow") {
		t.Errorf("unknown flow: code %d, stderr %q", r.code, r.stderr)
	}
}

func TestDiffTwilioRevisionsFromServe(t *testing.T) {
	useCredentials(t, "AC"+strings.Repeat("1", 32))
	base, _ := startServe(t, t.TempDir())
	data := readFixture(t)
	r := runCLI("push", writeTemp(t, "v1.json", data), "--base-url", base)
	if r.code != exitOK {
		t.Fatalf("push: %d %s", r.code, r.stderr)
	}
	sid := strings.Fields(r.stdout)[0]
	v2 := writeTemp(t, "v2.json", bytes.Replace(data, []byte(`"next": "sales"`), []byte(`"next": "support"`), 1))
	if r := runCLI("push", v2, "--sid", sid, "--publish", "--base-url", base); r.code != exitOK {
		t.Fatalf("push: %d %s", r.code, r.stderr)
	}
	r = runCLI("diff", "--base-url", base, "twilio:"+sid+"@1", "twilio:"+sid+"@LatestPublished")
	want := `rewired: route --match "If value equal_to 1"--> sales  became  … --> support`
	if r.code != exitFindings || !strings.Contains(r.stdout, want) || !strings.Contains(r.stdout, "+++ twilio:"+sid+"@2") {
		t.Errorf("code %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}
