package prefstore

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/studioflow/studioflow/internal/atomicfile"
	"github.com/studioflow/studioflow/internal/filelock"
)

// locked runs fn holding the lock file beside the store's file, which
// every process's Open and save take: no two read-merge-write at once.
func (s *Store) locked(fn func() error) error {
	lockPath := s.path + ".lock"
	f, err := os.OpenFile(lockPath, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return fmt.Errorf("open the preferences lock: %w", err)
	}
	defer f.Close()
	if err := filelock.Wait(f, time.Now().Add(lockTimeout), lockPath); err != nil {
		return err
	}
	defer filelock.Unlock(f) //nolint:errcheck // closing the file releases it as well
	return fn()
}

// readDisk reads the store's file (the lock held): its values, and
// whether there was one. A file that cannot be parsed is kept aside under
// another name, reported, and read as empty (there was one: a store whose
// file was damaged starts from the defaults, not from Fyne's old file).
func (s *Store) readDisk() (map[string]any, bool, error) {
	data, err := os.ReadFile(s.path)
	if errors.Is(err, os.ErrNotExist) {
		return map[string]any{}, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("read the preferences: %w", err)
	}
	values, perr := parse(data)
	if perr == nil {
		return values, true, nil
	}
	aside, err := s.keepAside()
	if err != nil {
		return nil, false, fmt.Errorf("the preferences %s could not be read (%v) nor kept aside: %w", s.path, perr, err)
	}
	s.tell(fmt.Errorf("the preferences %s could not be read (%w); they are kept as %s and the default preferences are used", s.path, perr, aside))
	return map[string]any{}, true, nil
}

// keepAside renames the store's file to FILE.bad-TIME.
func (s *Store) keepAside() (string, error) {
	stamp := s.now().UTC().Format("20060102T150405.000000000Z")
	for i := 0; ; i++ {
		aside := s.path + ".bad-" + stamp
		if i > 0 {
			aside = fmt.Sprintf("%s-%d", aside, i)
		}
		if _, err := os.Lstat(aside); err == nil {
			continue
		}
		return aside, os.Rename(s.path, aside)
	}
}

// parse reads a preferences file: one JSON object, whose lists become
// typed lists (as Fyne's own loader makes them).
func parse(data []byte) (map[string]any, error) {
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return nil, errors.New("the file is empty")
	}
	if trimmed[0] != '{' {
		return nil, errors.New("the file does not hold a JSON object")
	}
	var values map[string]any
	if err := json.Unmarshal(trimmed, &values); err != nil {
		return nil, err
	}
	for k, v := range values {
		values[k] = typedList(v)
	}
	return values, nil
}

// typedList turns a JSON list of booleans, numbers or strings into a
// []bool, []float64 or []string; anything else stays as it is.
func typedList(v any) any {
	items, ok := v.([]any)
	if !ok || len(items) == 0 {
		return v
	}
	switch items[0].(type) {
	case bool:
		return convert[bool](items, v)
	case float64:
		return convert[float64](items, v)
	case string:
		return convert[string](items, v)
	}
	return v
}

func convert[T any](items []any, orig any) any {
	out := make([]T, len(items))
	for i, it := range items {
		t, ok := it.(T)
		if !ok {
			return orig
		}
		out[i] = t
	}
	return out
}

// writeFile replaces path with values, atomically and durably.
func writeFile(path string, values map[string]any) error {
	data, err := json.MarshalIndent(values, "", "  ")
	if err != nil {
		return fmt.Errorf("encode the preferences: %w", err)
	}
	if err := atomicfile.Write(path, append(data, '\n')); err != nil {
		return fmt.Errorf("save the preferences: %w", err)
	}
	return nil
}
