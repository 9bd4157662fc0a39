package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestStatusAndPullMergeAgainstServe(t *testing.T) {
	useCredentials(t, "AC"+strings.Repeat("1", 32))
	base, _ := startServe(t, t.TempDir())
	orig := canonicalFixture(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "ivr.json")
	write := func(p string, data []byte) {
		t.Helper()
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	status := func(want string, code int) {
		t.Helper()
		r := runCLI("status", path)
		if r.code != code || !strings.Contains(r.stdout, path+": "+want+" (") {
			t.Errorf("status: code %d, stdout %q, stderr %q; want %q", r.code, r.stdout, r.stderr, want)
		}
	}
	write(path, orig)
	if r := runCLI("status", path); r.code != exitFindings || !strings.Contains(r.stdout, "not tracked") {
		t.Errorf("status of an untracked file: %d %q", r.code, r.stdout)
	}
	r := runCLI("push", path, "--track", "--base-url", base)
	if r.code != exitOK {
		t.Fatalf("push --track: %d %s %s", r.code, r.stdout, r.stderr)
	}
	sid := strings.Fields(r.stdout)[0]
	status("same", exitOK)

	// Local edit.
	local := bytes.Replace(orig, []byte(`"timeout": 5`), []byte(`"timeout": 8`), 1)
	write(path, local)
	status("local ahead", exitFindings)

	// Someone saves a new revision elsewhere (the console): both changed.
	console := filepath.Join(t.TempDir(), "console.json")
	write(console, bytes.Replace(orig, []byte(`"say": "Goodbye"`), []byte(`"say": "Bye for now"`), 1))
	if r := runCLI("push", console, "--sid", sid, "--base-url", base); r.code != exitOK {
		t.Fatalf("console push: %d %s", r.code, r.stderr)
	}
	status("both changed", exitFindings)

	// A plain push would overwrite the console edit: refused.
	if r := runCLI("push", path); r.code != exitFindings || !strings.Contains(r.stderr, "pull --merge") {
		t.Errorf("push over console edits: %d %s", r.code, r.stderr)
	}

	// pull --merge brings the console edit in and keeps ours.
	if r := runCLI("pull", "--merge", path); r.code != exitOK {
		t.Fatalf("pull --merge: %d %s %s", r.code, r.stdout, r.stderr)
	}
	merged, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(merged, []byte(`"timeout": 8`)) || !bytes.Contains(merged, []byte(`"say": "Bye for now"`)) {
		t.Errorf("merged file:\n%s", merged)
	}
	status("local ahead", exitFindings)

	// Now the push goes through, and all is the same.
	if r := runCLI("push", path); r.code != exitOK {
		t.Fatalf("push after merge: %d %s", r.code, r.stderr)
	}
	status("same", exitOK)

	// Only the deployed flow changes: deployed changed.
	write(console, bytes.Replace(merged, []byte(`"loop": 1`), []byte(`"loop": 2`), 1))
	if r := runCLI("push", console, "--sid", sid, "--base-url", base); r.code != exitOK {
		t.Fatalf("console push: %d %s", r.code, r.stderr)
	}
	status("deployed changed", exitFindings)
}
