package atomicfile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteCreatesThenReplaces(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "flow.json")
	if err := Write(path, []byte("one")); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(path); err != nil || info.Mode().Perm() != NewFileMode {
		t.Fatalf("new file: %v, mode %v", err, info.Mode())
	}
	if err := Write(path, []byte("two")); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(path); string(data) != "two" {
		t.Fatalf("file holds %q", data)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("the folder holds %d entries; temporary files were left behind", len(entries))
	}
}

func TestWriteKeepsTheModeAndReplacesTheFileNotTheInode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "flow.json")
	if err := os.WriteFile(path, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(path)
	if err := Write(path, []byte("new")); err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(path)
	if after.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640", after.Mode().Perm())
	}
	if os.SameFile(before, after) {
		t.Error("the file was rewritten in place, not replaced by rename")
	}
}

func TestWriteFollowsASymbolicLink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "real.json")
	link := filepath.Join(dir, "link.json")
	if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := Write(link, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Fatal("the link was replaced by a regular file")
	}
	if data, _ := os.ReadFile(target); string(data) != "new" {
		t.Fatalf("the link's target holds %q", data)
	}
}

func TestWriteIntoAMissingFolderFailsAndCreatesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing", "flow.json")
	err := Write(path, []byte("{}"))
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Fatalf("err = %v, want an error naming %s", err, path)
	}
	if _, err := os.Stat(filepath.Dir(path)); !os.IsNotExist(err) {
		t.Fatal("Write created the missing folder")
	}
}

func TestWriteRefusesAFolder(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, []byte("x")); err == nil {
		t.Fatal("a folder was replaced by a file")
	}
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		t.Fatal("the folder is gone")
	}
}

func TestWriteUnsyncedReplacesLikeWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "x.recovery.json")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(path)
	if err := WriteUnsynced(path, []byte("new")); err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(path)
	if data, _ := os.ReadFile(path); string(data) != "new" || after.Mode().Perm() != 0o600 || os.SameFile(before, after) {
		t.Fatalf("content %q, mode %v, replaced by rename %v", data, after.Mode().Perm(), !os.SameFile(before, after))
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("%d entries left in the folder", len(entries))
	}
}
