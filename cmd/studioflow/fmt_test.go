package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
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
		if r.stdout == string(original) {
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

func inode(t *testing.T, path string) uint64 {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info.Sys().(*syscall.Stat_t).Ino
}

func TestFmtWriteRewritesAtomicallyAndKeepsTheMode(t *testing.T) {
	path := copyToTemp(t, fixture(notCanonicalFlow), 0o640)
	want := runCLI("fmt", path).stdout
	original, _ := os.ReadFile(path)
	if want == string(original) {
		t.Fatalf("fixture %s is already canonical; pick one that is not", notCanonicalFlow)
	}
	before := inode(t, path)

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
	if info.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640 kept", info.Mode().Perm())
	}
	if inode(t, path) == before {
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
	canonicalInode := inode(t, canonical)

	r := runCLI("fmt", "-w", canonical, broken)
	if r.code != exitBadInput {
		t.Fatalf("exit %d, want 2 for the broken file", r.code)
	}
	if inode(t, canonical) != canonicalInode {
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
