package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/internal/testflows"
	"github.com/studioflow/studioflow/model"
)

func TestFmtPrintsEveryFlowInCanonicalForm(t *testing.T) {
	canonical := 0
	for _, path := range testflows.Paths() {
		original, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		r := runCLI("fmt", path)
		if r.code != exitOK || r.stderr != "" {
			t.Fatalf("%s: exit %d, stderr %q", path, r.code, r.stderr)
		}
		if r.stdout == string(original) || r.stdout == string(original)+"\n" {
			canonical++
		}
		// The canonical form is a fixed point and means the same flow.
		again := runCLI("fmt", writeTemp(t, "again.json", []byte(r.stdout)))
		if again.stdout != r.stdout {
			t.Errorf("%s: formatting the output again changes it", path)
		}
		before, _ := model.Parse(original)
		after, err := model.Parse([]byte(r.stdout))
		if err != nil {
			t.Fatalf("%s: output does not parse: %v", path, err)
		}
		if !model.Equal(before.Root(), after.Root()) {
			t.Errorf("%s: fmt changed the flow's content", path)
		}
	}
	// The fixtures in Studio's own layout must come back byte for byte.
	if canonical != len(testflows.Canonical) {
		t.Errorf("%d flows came back unchanged, want the %d canonical ones", canonical, len(testflows.Canonical))
	}
}

func TestFmtSeveralFilesPrintsThemInOrder(t *testing.T) {
	a, b := fixture(cleanFlow), fixture(legacyFlow)
	one, two := runCLI("fmt", a), runCLI("fmt", b)
	both := runCLI("fmt", a, b)
	if both.code != exitOK || both.stdout != one.stdout+two.stdout {
		t.Fatalf("fmt A B (exit %d) is not fmt A followed by fmt B", both.code)
	}
}

func copyToTemp(t *testing.T, src string, mode os.FileMode) string {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), filepath.Base(src))
	if err := os.WriteFile(dst, data, mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dst, mode); err != nil { // past the umask
		t.Fatal(err)
	}
	return dst
}

// identity is the file at path, for os.SameFile: whether it is still the
// same file (rewritten in place) or another (replaced by rename), on any
// system.
func identity(t *testing.T, path string) os.FileInfo {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info
}

func TestFmtWriteRewritesAtomicallyAndKeepsTheMode(t *testing.T) {
	path := copyToTemp(t, fixture(notCanonicalFlow), 0o640)
	want := runCLI("fmt", path).stdout
	original, _ := os.ReadFile(path)
	if want == string(original) {
		t.Fatalf("fixture %s is already canonical; pick one that is not", notCanonicalFlow)
	}
	before := identity(t, path) // mode 0640 where modes exist; 0666 on Windows

	r := runCLI("fmt", "-w", path)
	if r.code != exitOK || r.stdout != "" || r.stderr != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Error("file content is not the canonical form fmt prints")
	}
	info, _ := os.Stat(path)
	if info.Mode().Perm() != before.Mode().Perm() {
		t.Errorf("mode %v, want %v kept", info.Mode().Perm(), before.Mode().Perm())
	}
	if os.SameFile(identity(t, path), before) {
		t.Error("the file was overwritten in place, not replaced by rename")
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("directory holds %d entries after the rewrite, want just the file (no temporary left)", len(entries))
	}
}

func TestFmtWriteLeavesCanonicalAndBrokenFilesAlone(t *testing.T) {
	canonical := copyToTemp(t, fixture(cleanFlow), 0o644)
	broken := copyToTemp(t, filepath.Join("testdata", "seed001_twiml_redirect_snippet.json"), 0o644)
	brokenBefore, _ := os.ReadFile(broken)
	canonicalBefore := identity(t, canonical)

	r := runCLI("fmt", "-w", canonical, broken)
	if r.code != exitBadInput {
		t.Fatalf("exit %d, want 2 for the broken file", r.code)
	}
	if !os.SameFile(identity(t, canonical), canonicalBefore) {
		t.Error("a file already in canonical form was rewritten")
	}
	if after, _ := os.ReadFile(broken); !bytes.Equal(after, brokenBefore) {
		t.Error("a file that does not parse was changed")
	}
}

func TestFmtWriteThroughASymlinkReplacesTheTarget(t *testing.T) {
	target := copyToTemp(t, fixture(notCanonicalFlow), 0o644)
	link := filepath.Join(t.TempDir(), "link.json")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	want := runCLI("fmt", target).stdout
	if r := runCLI("fmt", "-w", link); r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced by a regular file (%v)", err)
	}
	if got, _ := os.ReadFile(target); string(got) != want {
		t.Error("the link's target was not rewritten in canonical form")
	}
}

func TestFmtUsageErrors(t *testing.T) {
	for _, args := range [][]string{{"fmt"}, {"fmt", "-w"}, {"fmt", "-x", "a.json"}} {
		r := runCLI(args...)
		if r.code != exitBadInput || !strings.Contains(r.stderr, "usage: studioflow fmt") {
			t.Errorf("%v: exit %d, stderr %q; want 2 and the usage", args, r.code, r.stderr)
		}
	}
}

// A small flow in Studio's canonical form, without and with the final
// newline Studio's own exports differ on.
const canonicalNoNewline = `{
  "description": "A",
  "states": [
    {
      "name": "Trigger",
      "type": "trigger",
      "transitions": [
        {
          "event": "incomingMessage"
        }
      ],
      "properties": {
        "offset": {
          "x": 0,
          "y": 0
        }
      }
    }
  ],
  "initial_state": "Trigger",
  "flags": {
    "allow_concurrent_calls": true
  }
}`

func TestFmtSeveralFilesOnStdoutAreSeparateDocumentsEndingWithANewline(t *testing.T) {
	a := writeTemp(t, "a.json", []byte(canonicalNoNewline))
	b := writeTemp(t, "b.json", []byte(strings.Replace(canonicalNoNewline, `"A"`, `"B"`, 1)+"\n"))
	r := runCLI("fmt", a, b)
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	want := canonicalNoNewline + "\n" + strings.Replace(canonicalNoNewline, `"A"`, `"B"`, 1) + "\n"
	if r.stdout != want {
		t.Fatalf("fmt A B printed\n%s\nwant\n%s", r.stdout, want)
	}
	if strings.Contains(r.stdout, "}{") {
		t.Fatal("the documents run together")
	}
	dec := json.NewDecoder(strings.NewReader(r.stdout))
	for i := 0; i < 2; i++ {
		var v map[string]any
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("document %d: %v", i+1, err)
		}
	}
}

// -w keeps each file's own final-newline convention: a canonical file,
// with or without a final newline, comes back byte for byte, and a file
// it rewrites keeps the convention it had.
func TestFmtWriteKeepsEachFilesFinalNewline(t *testing.T) {
	for _, tail := range []string{"", "\n"} {
		canonical := writeTemp(t, "canonical.json", []byte(canonicalNoNewline+tail))
		compact := writeTemp(t, "compact.json", []byte(strings.Join(strings.Fields(canonicalNoNewline), "")+tail))
		if r := runCLI("fmt", "-w", canonical, compact); r.code != exitOK {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		for _, path := range []string{canonical, compact} {
			got, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != canonicalNoNewline+tail {
				t.Errorf("final newline %q: %s became\n%q", tail, filepath.Base(path), got)
			}
		}
	}
}
