package ui

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/studioflow/studioflow/internal/atomicfile"
	"github.com/studioflow/studioflow/model"
)

// AutosaveInterval is how often unsaved changes are written to the
// recovery file.
const AutosaveInterval = 3 * time.Second

// recovery is one recovery file: the unsaved flow of a window, with where
// it came from, so that after a crash or a kill the next start can offer it.
type recovery struct {
	File       string          `json:"-"`
	Path       string          `json:"path"`   // the flow's file, "" when untitled
	Source     string          `json:"source"` // what the title showed
	PID        int             `json:"pid"`
	Saved      time.Time       `json:"saved"`
	Definition json.RawMessage `json:"definition"`
}

// recoveryStore keeps recovery files in a directory of the application's
// storage.
type recoveryStore struct {
	dir string
}

// fileFor names a new recovery file for a window editing path: the file's
// hash (or "untitled"), the process and a random part, so that no window
// touches another's, nor one that a killed process left for recovery.
func (r recoveryStore) fileFor(path string) string {
	key := "untitled"
	if path != "" {
		sum := sha256.Sum256([]byte(path))
		key = hex.EncodeToString(sum[:8])
	}
	return filepath.Join(r.dir, key+"-"+strconv.Itoa(os.Getpid())+"-"+rand.Text()[:8]+".recovery.json")
}

// write saves the flow's current state to file.
func (r recoveryStore) write(file, path, source string, f *model.Flow) error {
	if err := os.MkdirAll(r.dir, 0o700); err != nil {
		return fmt.Errorf("create the recovery folder: %w", err)
	}
	data, err := json.Marshal(recovery{Path: path, Source: source, PID: os.Getpid(), Saved: time.Now().UTC(), Definition: f.Marshal()})
	if err != nil {
		return fmt.Errorf("encode the recovery file: %w", err)
	}
	// Unsynced: a recovery file has to outlive a crash or a kill of this
	// process, not a power cut, and autosave runs on the UI goroutine every
	// few seconds, where waiting for the disk would stall typing.
	return atomicfile.WriteUnsynced(file, data)
}

// pending lists recovery files left by processes that are no longer
// running (a crash or a kill), newest first.
func (r recoveryStore) pending() []recovery {
	entries, err := os.ReadDir(r.dir)
	if err != nil {
		return nil
	}
	var out []recovery
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".recovery.json") {
			continue
		}
		file := filepath.Join(r.dir, e.Name())
		data, err := os.ReadFile(file)
		if err != nil {
			continue
		}
		var rec recovery
		if json.Unmarshal(data, &rec) != nil || len(rec.Definition) == 0 {
			continue
		}
		if rec.PID != os.Getpid() && processAlive(rec.PID) {
			continue // another window of a running Studioflow owns it
		}
		rec.File = file
		out = append(out, rec)
	}
	slices.SortFunc(out, func(a, b recovery) int { return b.Saved.Compare(a.Saved) })
	return out
}

func (r recoveryStore) remove(file string) {
	if file != "" {
		os.Remove(file)
	}
}
