// Package workspace is the local Studio's embedded store: flows with every
// revision, test users, executions, steps and their contexts, in one bbolt
// file inside a workspace folder.
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
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/studioflow/studioflow/engine"
)

// FileName is the database file inside a workspace folder.
const FileName = "studioflow.db"

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
	db         *bolt.DB
	dir        string
	accountSID string
	newSID     func(prefix string) string
}

// Options tune Open; the zero value is what the app uses.
type Options struct {
	// NewSID makes SIDs (default engine.RandomSID).
	NewSID func(prefix string) string
	// LockTimeout bounds the wait for another process holding the workspace
	// (default 2 s).
	LockTimeout time.Duration
}

// DefaultDir is the workspace folder used when none is given: studioflow
// under the user's config directory.
func DefaultDir() (string, error) {
	base, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the user config directory for the workspace: %w", err)
	}
	return filepath.Join(base, "studioflow", "workspace"), nil
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
	// The freelist is rebuilt from the pages at open rather than written with
	// every commit: less to write and fsync per save, same durability. A
	// generous first mapping (address space, not memory) spares readers the
	// pause of a remap, which waits for every open transaction; growing the
	// file in large sparse steps makes its fsync'd growth rare.
	db, err := bolt.Open(path, 0o600, &bolt.Options{
		Timeout: opts.LockTimeout, FreelistType: bolt.FreelistMapType, NoFreelistSync: true, InitialMmapSize: 512 << 20,
	})
	if err != nil {
		if errors.Is(err, bolterrors.ErrTimeout) {
			return nil, fmt.Errorf("open workspace %s: another studioflow process is using it", path)
		}
		return nil, fmt.Errorf("open workspace %s: %w", path, err)
	}
	// Concurrent saves of executions share one commit (and one fsync); a short
	// delay keeps the latency of a lone save low.
	db.MaxBatchDelay = 2 * time.Millisecond
	db.AllocSize = 64 << 20
	s := &Store{db: db, dir: dir, newSID: opts.NewSID}
	err = db.Update(func(tx *bolt.Tx) error {
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
		db.Close()
		return nil, fmt.Errorf("initialise workspace %s: %w", path, err)
	}
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
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
