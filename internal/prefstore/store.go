// Package prefstore keeps the application's preferences (its theme, its
// windows' sizes and places, recent files, remembered folders, …) in a
// file of its own, shared safely by every Studioflow process of the user.
//
// Fyne's own preferences (2.8.1) truncate their file and write it in
// place: a second instance starting during a save read nothing, and its
// next change wrote the defaults back over everything. Here:
//
//   - the file is replaced atomically (a temporary file beside it, synced
//     and renamed over it), never truncated in place;
//   - a save takes a lock file, reads the file again and applies only the
//     keys this instance changed since it last saved: another instance's
//     keys survive, and for one key the last writer wins;
//   - a file that cannot be read is reported once and kept aside
//     (FILE.bad-TIME) before anything is written over it;
//   - the first time, the store starts from Fyne's preferences.json, so a
//     user upgrading keeps their settings.
//
// Store has the methods of fyne.Preferences, so it goes wherever one is
// expected; it does not import Fyne.
package prefstore

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sync"
	"time"
)

// FileName is the store's file in the folder Open is given.
const FileName = "studioflow-prefs.json"

// FyneFileName is Fyne's preferences file in the application's storage
// folder, which a store starts from when it has no file yet.
const FyneFileName = "preferences.json"

// lockTimeout bounds how long a save waits for another process's save.
const lockTimeout = 10 * time.Second

// Options tune Open.
type Options struct {
	// Seed is the file whose values a store without a file of its own
	// starts from (Fyne's preferences.json: Seed(dir)); "" for none.
	Seed string
	// Report hears what the user should be told and no caller hears
	// otherwise: an unreadable file kept aside, a save that failed. Each
	// unreadable file is reported once; a failing save once until a save
	// succeeds again. nil: nobody is told but TakeProblems' caller. It is
	// called with the store locked: it must not call the store.
	Report func(error)
}

// Seed returns the path of Fyne's preferences in the storage folder dir.
func Seed(dir string) string { return filepath.Join(dir, FyneFileName) }

// Store is one process's view of the preferences file. Its methods may be
// called from any goroutine.
type Store struct {
	path   string // "" keeps the values in memory only
	report func(error)
	now    func() time.Time

	mu sync.Mutex
	// values is the file as last read, with this instance's changes.
	values map[string]any
	// pending are the keys set (or removed: deleted) here and not yet
	// written to the file.
	pending map[string]pendingValue
	// seen identifies the file as last read or written: when it changes,
	// another process saved, and the values are read again.
	seen    os.FileInfo
	failing bool // the last save failed (and was reported)
	// untaken are the problems reported and not yet taken (TakeProblems).
	untaken   []error
	listeners []func()
}

type pendingValue struct {
	value   any
	removed bool
}

// InMemory returns a store that keeps its values in memory only (tests,
// or when the preferences folder cannot be used).
func InMemory() *Store {
	return &Store{values: map[string]any{}, pending: map[string]pendingValue{}, now: time.Now}
}

// Open returns the store kept in FileName in dir (made if missing). A
// file that cannot be read is kept aside and reported; without a file,
// the store starts from opts.Seed's values and writes them to its own
// file. The error is for a folder or lock that cannot be used.
func Open(dir string, opts Options) (*Store, error) {
	s := InMemory()
	s.path, s.report = filepath.Join(dir, FileName), opts.Report
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("make the preferences folder: %w", err)
	}
	err := s.locked(func() error {
		values, exists, err := s.readDisk()
		if err != nil {
			return err
		}
		if !exists && opts.Seed != "" {
			seeded, err := s.seed(opts.Seed)
			if err != nil {
				return err
			}
			if seeded != nil {
				values = seeded
				if err := writeFile(s.path, values); err != nil {
					return err
				}
			}
		}
		s.values = values
		s.seen, _ = os.Stat(s.path)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// seed reads Fyne's preferences: nil when there are none or they cannot
// be read (reported; the file is Fyne's, so it is left as it is).
func (s *Store) seed(path string) (map[string]any, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read the earlier preferences %s: %w", path, err)
	}
	values, err := parse(data)
	if err != nil {
		s.tell(fmt.Errorf("the earlier preferences %s could not be read (%w); starting from the default preferences", path, err))
		return nil, nil
	}
	return values, nil
}

// Path returns the store's file ("" for a store in memory).
func (s *Store) Path() string { return s.path }

// Save writes the changes a failed save left (a save follows every change
// by itself). Call it before the process ends.
func (s *Store) Save() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.save("", nil)
}

// get returns key's value, read again first if another process saved.
func (s *Store) get(key string) (any, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refresh()
	v, ok := s.values[key]
	return v, ok
}

// set gives key value (already in the file's form) and saves, unless key
// has that value already.
func (s *Store) set(key string, value any) {
	s.change(key, func(any, bool) pendingValue { return pendingValue{value: value} })
}

// RemoveValue forgets key.
func (s *Store) RemoveValue(key string) {
	s.change(key, func(any, bool) pendingValue { return pendingValue{removed: true} })
}

// UpdateStringList replaces key's list by fn of the list as the file
// holds it at the moment of the save (read under the lock): two processes
// adding to one list at once (each its recent file) both keep their
// additions. fn may be called more than once.
func (s *Store) UpdateStringList(key string, fn func([]string) []string) {
	s.change(key, func(old any, _ bool) pendingValue {
		var l []string
		switch v := old.(type) {
		case []string:
			l = v
		case []any: // an empty list, as the file holds it
		}
		return pendingValue{value: cloneList(fn(cloneList(l)))}
	})
}

// change gives key the value edit makes of its value (had: it has one),
// and saves unless that is the value it has. The save makes it again of
// the value in the file then.
func (s *Store) change(key string, edit func(old any, had bool) pendingValue) {
	s.mu.Lock()
	s.refresh()
	old, had := s.values[key]
	p := edit(old, had)
	_, waiting := s.pending[key]
	if !waiting && (p.removed && !had || !p.removed && had && reflect.DeepEqual(old, p.value)) {
		s.mu.Unlock()
		return
	}
	if p.removed {
		delete(s.values, key)
	} else {
		s.values[key] = p.value
	}
	s.pending[key] = p
	if waiting {
		// An earlier change of key is not saved yet: p, made of the value
		// this instance sees, keeps it; the file's value does not.
		edit = nil
	}
	if err := s.save(key, edit); err != nil {
		if !s.failing {
			s.tell(err)
		}
		s.failing = true
	} else {
		s.failing = false
	}
	listeners := slices.Clone(s.listeners)
	s.mu.Unlock()
	for _, l := range listeners {
		l()
	}
}

// save writes the pending keys over the file as it is now (s.mu held);
// edit, when set, makes key's value again of the file's.
func (s *Store) save(key string, edit func(old any, had bool) pendingValue) error {
	if len(s.pending) == 0 {
		return nil
	}
	if s.path == "" {
		clear(s.pending)
		return nil
	}
	return s.locked(func() error {
		disk, _, err := s.readDisk()
		if err != nil {
			return err
		}
		if edit != nil {
			old, had := disk[key]
			s.pending[key] = edit(old, had)
		}
		merged := maps.Clone(disk)
		for k, p := range s.pending {
			if p.removed {
				delete(merged, k)
			} else {
				merged[k] = p.value
			}
		}
		if !reflect.DeepEqual(disk, merged) {
			if err := writeFile(s.path, merged); err != nil {
				return err
			}
		}
		s.values = merged
		s.seen, _ = os.Stat(s.path)
		clear(s.pending)
		return nil
	})
}

// refresh reads the file again when another process replaced it since
// this one last read or wrote it (s.mu held). An unreadable file is left
// for the next save to keep aside.
func (s *Store) refresh() {
	if s.path == "" {
		return
	}
	info, err := os.Stat(s.path)
	if err != nil && !errors.Is(err, os.ErrNotExist) || sameFile(info, s.seen) {
		return
	}
	values := map[string]any{}
	if info != nil {
		data, err := os.ReadFile(s.path)
		if err != nil {
			return
		}
		if values, err = parse(data); err != nil {
			return
		}
	}
	for k, p := range s.pending {
		if p.removed {
			delete(values, k)
		} else {
			values[k] = p.value
		}
	}
	s.values, s.seen = values, info
}

func sameFile(a, b os.FileInfo) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return os.SameFile(a, b) && a.ModTime().Equal(b.ModTime()) && a.Size() == b.Size()
}

// tell reports err to whoever listens, and keeps it for TakeProblems
// (s.mu held, or s not shared yet).
func (s *Store) tell(err error) {
	s.untaken = append(s.untaken, err)
	if s.report != nil {
		s.report(err)
	}
}

// TakeProblems returns the problems reported (Options.Report) since the
// last call, for a window to show them once.
func (s *Store) TakeProblems() []error {
	s.mu.Lock()
	defer s.mu.Unlock()
	taken := s.untaken
	s.untaken = nil
	return taken
}

// AddChangeListener calls listener after each change made through this
// store (not after another process's, which it reads when asked).
func (s *Store) AddChangeListener(listener func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.listeners = append(s.listeners, listener)
}

// ChangeListeners returns the listeners added.
func (s *Store) ChangeListeners() []func() {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.listeners)
}
