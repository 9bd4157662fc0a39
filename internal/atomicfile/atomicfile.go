// Package atomicfile replaces files so that a crash, a kill or a full disk
// leaves either the old content or the new, never half of either.
package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// NewFileMode is the permission of a file Write creates.
const NewFileMode fs.FileMode = 0o644

// Write replaces path with data: the data goes to a temporary file in the
// same folder, which is synced and renamed over path. An existing file keeps
// its permission bits (on Windows, its read-only flag) and, where the
// process may set them, its owner and group; being a new file, it no
// longer shares content with hard links to the old one; a symbolic link keeps pointing at the file it names,
// which is the one replaced. The folder must exist. The file and the folder
// are synced, so the new content also survives a power cut (on Windows,
// where a folder cannot be synced, NTFS's journal makes the rename durable).
func Write(path string, data []byte) error { return write(path, data, true) }

// WriteUnsynced is Write without the syncs: the replacement is still atomic
// for any process that reads the file, and survives this process being
// killed, but not a power cut. It is for files written often whose only job
// is to outlive the process (autosave's recovery files), where waiting for
// the disk every few seconds would stall the caller.
func WriteUnsynced(path string, data []byte) error { return write(path, data, false) }

func write(path string, data []byte, durable bool) error {
	if target, err := filepath.EvalSymlinks(path); err == nil {
		path = target
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("resolve %s: %w", path, err)
	}
	mode := NewFileMode
	old, err := os.Stat(path)
	if err == nil {
		if !old.Mode().IsRegular() {
			return fmt.Errorf("replace %s: it is not a regular file", path)
		}
		mode = old.Mode().Perm()
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("create a temporary file beside %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", tmp.Name(), err)
	}
	if old != nil {
		keepOwner(tmp, old)
	}
	if err := tmp.Chmod(mode); err != nil { // after Chown, which may clear set-id bits
		tmp.Close()
		return fmt.Errorf("set the mode of %s: %w", tmp.Name(), err)
	}
	if durable {
		if err := tmp.Sync(); err != nil {
			tmp.Close()
			return fmt.Errorf("sync %s: %w", tmp.Name(), err)
		}
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("close %s: %w", tmp.Name(), err)
	}
	if err := replace(tmp.Name(), path); err != nil {
		return fmt.Errorf("replace %s: %w", path, err)
	}
	if durable {
		syncDir(dir)
	}
	return nil
}

// renameRetrying renames from to to, trying again for a while when the
// failure is one transient says passes (on Windows: another program, a virus
// scanner or a file indexer, holds the file open without sharing deletion).
// wait sleeps between tries; the last error is returned.
func renameRetrying(rename func(from, to string) error, transient func(error) bool, wait func(time.Duration), from, to string) error {
	delay := time.Millisecond
	var err error
	for total := time.Duration(0); ; total += delay {
		if err = rename(from, to); err == nil || !transient(err) || total >= renameRetryBudget {
			return err
		}
		wait(delay)
		if delay < 100*time.Millisecond {
			delay *= 2
		}
	}
}

// renameRetryBudget bounds how long renameRetrying keeps trying.
const renameRetryBudget = 2 * time.Second
