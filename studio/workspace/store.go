// Package workspace is the local Studio's embedded store: flows with every
// revision, test users, executions, steps and their contexts, in one bbolt
// file inside a workspace folder, which several processes (the desktop app,
// one or more `serve`) use at the same time (see lease.go).
//
// Each save is one bbolt transaction, committed with fsync before the call
// returns: a save that returned nil survives the process being killed, and
// bbolt's copy-on-write pages leave the file readable whatever moment the
// process dies at.
package workspace

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/studioflow/studioflow/engine"
)

// FileName is the database file inside a workspace folder.
const FileName = "studioflow.db"

// ErrInvalid is wrapped by saves refused for what they hold (a blank name,
// an unknown status): the caller's mistake, not the store's.
var ErrInvalid = errors.New("invalid")

// ErrNotFound is wrapped by lookups of a flow, revision, execution or step
// that does not exist.
var ErrNotFound = errors.New("not found")

var (
	bucketMeta           = []byte("meta")
	bucketFlows          = []byte("flows")
	bucketRevisions      = []byte("revisions")       // FW → revision number → Revision
	bucketExecutions     = []byte("executions")      // FN → Execution
	bucketFlowExecutions = []byte("flow_executions") // FW → date_created+FN → ""
	bucketActive         = []byte("active")          // session key → FN
	bucketSteps          = []byte("steps")           // FN → sequence → Step
	bucketSnapshots      = []byte("snapshots")       // FN → engine snapshot of an active execution
	keyAccountSID        = []byte("account_sid")
	allBuckets           = [][]byte{bucketMeta, bucketFlows, bucketRevisions, bucketExecutions, bucketFlowExecutions, bucketActive, bucketSteps, bucketSnapshots}
)

// Store is an open workspace. It is safe for concurrent use.
type Store struct {
	leases     *leases
	dir        string
	accountSID string
	newSID     func(prefix string) string
}

// Options tune Open; the zero value is what the app uses.
type Options struct {
	// NewSID makes SIDs (default engine.RandomSID).
	NewSID func(prefix string) string
	// LockTimeout bounds the wait for another process's turn with the
	// workspace (default 2 s; a turn normally ends within maxLease).
	LockTimeout time.Duration
}

// DefaultDir is the workspace folder used when none is given: studioflow
// under the user's config directory.
func DefaultDir() (string, error) {
	base, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the user config directory for the workspace: %w", err)
	}
	return DirIn(base), nil
}

// DirIn is the workspace folder DefaultDir names for a user whose config
// directory is configDir: a test that runs the application with a config
// directory of its own finds the workspace there.
func DirIn(configDir string) string {
	return filepath.Join(configDir, "studioflow", "workspace")
}

// Open opens the workspace in dir, creating the folder and the database when
// they do not exist.
func Open(dir string, opts Options) (*Store, error) {
	if opts.NewSID == nil {
		opts.NewSID = engine.RandomSID
	}
	if opts.LockTimeout <= 0 {
		opts.LockTimeout = 2 * time.Second
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create workspace folder %s: %w", dir, err)
	}
	path := filepath.Join(dir, FileName)
	l, err := newLeases(path, opts.LockTimeout)
	if err != nil {
		return nil, fmt.Errorf("open workspace %s: %w", path, err)
	}
	s := &Store{leases: l, dir: dir, newSID: opts.NewSID}
	err = s.update(func(tx *bolt.Tx) error {
		for _, name := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return fmt.Errorf("create bucket %s: %w", name, err)
			}
		}
		meta := tx.Bucket(bucketMeta)
		if v := meta.Get(keyAccountSID); v != nil {
			s.accountSID = string(v)
			return nil
		}
		s.accountSID = opts.NewSID("AC")
		return meta.Put(keyAccountSID, []byte(s.accountSID))
	})
	if err != nil {
		_ = l.close()
		return nil, fmt.Errorf("initialise workspace %s: %w", path, err)
	}
	return s, nil
}

// Close waits for the operations in progress and closes the workspace.
func (s *Store) Close() error {
	if err := s.leases.close(); err != nil {
		return fmt.Errorf("close workspace %s: %w", s.dir, err)
	}
	return nil
}

// Dir returns the workspace folder.
func (s *Store) Dir() string { return s.dir }

// AccountSID returns the account SID made for this workspace when it was
// created (an account SID is not a secret; the auth token is never stored).
func (s *Store) AccountSID() string { return s.accountSID }

func putJSON(b *bolt.Bucket, key []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode %s: %w", key, err)
	}
	return b.Put(key, data)
}

func getJSON(b *bolt.Bucket, key []byte, v any) (bool, error) {
	data := b.Get(key)
	if data == nil {
		return false, nil
	}
	if err := json.Unmarshal(data, v); err != nil {
		return false, fmt.Errorf("decode %s: %w", key, err)
	}
	return true, nil
}

func seqKey(n int) []byte {
	var k [4]byte
	binary.BigEndian.PutUint32(k[:], uint32(n))
	return k[:]
}

func timeKey(t time.Time, sid string) []byte {
	k := make([]byte, 8, 8+len(sid))
	binary.BigEndian.PutUint64(k, uint64(t.UnixNano()))
	return append(k, sid...)
}

// subBucket returns parent/name, or nil when it does not exist.
func subBucket(tx *bolt.Tx, parent []byte, name string) *bolt.Bucket {
	return tx.Bucket(parent).Bucket([]byte(name))
}
