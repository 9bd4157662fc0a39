package filelock

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Two handles on one file exclude each other (as two processes do), and
// the lock is free again once released.
func TestALockExcludesAnotherHandleUntilReleased(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.lock")
	open := func() *os.File {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	a, b := open(), open()
	if ok, err := TryLock(a); !ok || err != nil {
		t.Fatalf("first lock: %v, %v", ok, err)
	}
	if ok, err := TryLock(b); ok || err != nil {
		t.Fatalf("second handle locked a held lock: %v, %v", ok, err)
	}
	err := Wait(b, time.Now(), "the test lock")
	if err == nil || !strings.Contains(err.Error(), "the test lock") {
		t.Fatalf("Wait past its deadline: %v", err)
	}
	if err := Unlock(a); err != nil {
		t.Fatal(err)
	}
	if err := Wait(b, time.Now().Add(time.Minute), "the test lock"); err != nil {
		t.Fatalf("the released lock: %v", err)
	}
}
