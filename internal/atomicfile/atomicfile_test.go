package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// newFileMode is the mode a file Write creates reports: NewFileMode, but on
// Windows only the read-only flag exists, so a writable file reports 0666.
func newFileMode() fs.FileMode {
	if runtime.GOOS == "windows" {
		return 0o666
	}
	return NewFileMode
}

func TestWriteCreatesThenReplaces(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "flow.json")
	if err := Write(path, []byte("one")); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(path); err != nil || info.Mode().Perm() != newFileMode() {
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
	before, _ := os.Stat(path) // 0640 where modes exist; 0666 on Windows
	if err := Write(path, []byte("new")); err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(path)
	if after.Mode().Perm() != before.Mode().Perm() {
		t.Errorf("mode %v, want %v", after.Mode().Perm(), before.Mode().Perm())
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
	if data, _ := os.ReadFile(path); string(data) != "new" || after.Mode().Perm() != before.Mode().Perm() || os.SameFile(before, after) {
		t.Fatalf("content %q, mode %v, replaced by rename %v", data, after.Mode().Perm(), !os.SameFile(before, after))
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("%d entries left in the folder", len(entries))
	}
}

// On Windows a rename over a file another program briefly holds open fails
// with a sharing violation; Write tries again until it goes through.
func TestRenameRetryingOutlastsATransientFailure(t *testing.T) {
	busy := errors.New("held open by another program")
	fails := 3
	var calls int
	var waited time.Duration
	rename := func(from, to string) error {
		calls++
		if calls <= fails {
			return busy
		}
		return nil
	}
	transient := func(err error) bool { return errors.Is(err, busy) }
	err := renameRetrying(rename, transient, func(d time.Duration) { waited += d }, "a.tmp", "a.json")
	if err != nil || calls != fails+1 {
		t.Fatalf("err %v after %d calls, want success on call %d", err, calls, fails+1)
	}
	if waited <= 0 || waited > renameRetryBudget {
		t.Errorf("waited %v in all, want some, at most %v", waited, renameRetryBudget)
	}
}

func TestRenameRetryingGivesUpOnOtherErrorsAndAfterItsBudget(t *testing.T) {
	other, busy := errors.New("no such folder"), errors.New("busy")
	var calls int
	err := renameRetrying(func(string, string) error { calls++; return other },
		func(err error) bool { return errors.Is(err, busy) }, func(time.Duration) { t.Fatal("waited before a permanent error") }, "a", "b")
	if !errors.Is(err, other) || calls != 1 {
		t.Fatalf("err %v after %d calls, want the error at once", err, calls)
	}
	var waited time.Duration
	err = renameRetrying(func(string, string) error { return busy },
		func(err error) bool { return errors.Is(err, busy) }, func(d time.Duration) { waited += d }, "a", "b")
	if !errors.Is(err, busy) || waited < renameRetryBudget/2 || waited > renameRetryBudget+200*time.Millisecond {
		t.Fatalf("err %v after waiting %v, want the error after about %v", err, waited, renameRetryBudget)
	}
}
