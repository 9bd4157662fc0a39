package model_test

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/model/modeltest"
)

func TestReadFileStopsJustPastTheLimit(t *testing.T) {
	path, consumed := modeltest.OversizedStream(t)
	if _, err := model.ReadFile(path); !errors.Is(err, model.ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
	if n := consumed(); n > model.MaxFileSize+(1<<20) {
		t.Fatalf("read %d bytes, want about the %d byte limit", n, model.MaxFileSize)
	}
}

func TestReadFileReadsAFlow(t *testing.T) {
	path := filepath.Join(t.TempDir(), "flow.json")
	want := modeltest.Generate(20)
	if err := os.WriteFile(path, want, 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := model.ReadFile(path)
	if err != nil || string(got) != string(want) {
		t.Fatalf("ReadFile = %d bytes, %v; want the %d bytes written", len(got), err, len(want))
	}
	if _, err := model.ReadFile(filepath.Join(t.TempDir(), "missing.json")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("missing file: err = %v", err)
	}
}

func TestReadFileRefusesAFolderByName(t *testing.T) {
	dir := t.TempDir()
	_, err := model.ReadFile(dir)
	if err == nil || !strings.Contains(err.Error(), dir) || !strings.Contains(err.Error(), "is a directory") {
		t.Fatalf("err = %v; want one naming %s as a directory", err, dir)
	}
}

// A flow file is read into one buffer of its size: io.ReadAll's doublings
// allocated four times as much for a big flow.
func TestReadFileAllocatesTheFileOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "flow.json")
	data := modeltest.Generate(2000)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	got, err := model.ReadFile(path)
	runtime.ReadMemStats(&after)
	if err != nil || len(got) != len(data) {
		t.Fatalf("ReadFile = %d bytes, %v; want %d", len(got), err, len(data))
	}
	if allocated := after.TotalAlloc - before.TotalAlloc; allocated > uint64(len(data))+64<<10 {
		t.Errorf("reading %d bytes allocated %d", len(data), allocated)
	}
}

// A regular file over the limit is refused by its size, unread.
func TestReadFileRefusesAnOversizedFileUnread(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.json")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(model.MaxFileSize + 1); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	f.Close()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err = model.ReadFile(path)
	runtime.ReadMemStats(&after)
	if !errors.Is(err, model.ErrTooLarge) || !strings.Contains(err.Error(), path) {
		t.Fatalf("err = %v, want ErrTooLarge naming %s", err, path)
	}
	if allocated := after.TotalAlloc - before.TotalAlloc; allocated > 64<<10 {
		t.Errorf("refusing a %d-byte file allocated %d bytes", model.MaxFileSize+1, allocated)
	}
}
