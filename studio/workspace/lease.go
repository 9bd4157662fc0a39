package workspace

import (
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/studioflow/studioflow/internal/filelock"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// Sharing a workspace between processes.
//
// The desktop app, `studioflow serve` and a second `serve` may all use one
// workspace folder at the same time. bbolt lets one process at a time open
// its file for writing, so a Store does not keep the file open: it holds it
// for a lease, opened when an operation needs the database and closed when
// the last operation of the lease is over. Operations that overlap in one
// process share the lease (and bbolt's batched commits); a lease stops
// taking new operations once it is maxLease old, so a busy server lets a
// waiting process in within about that long. Every lease reads the file as
// it is then, so a revision another process saved is visible at once.
//
// Two lock files next to the database order the turns. The owner lock is
// held for a whole lease. The queue lock is held only while waiting for the
// owner lock: a process coming back for its next lease queues behind one
// already waiting, so a server under load cannot starve the editor. Waits
// are bounded by Options.LockTimeout and end with a clear error, never a
// hang.
//
// Why this design rather than SQLite in WAL mode or one owner process the
// others talk to: it keeps the file format, every commit's fsync and so the
// kill -9 guarantee unchanged (a lease ends with nothing unwritten: each
// transaction commits before its operation returns); it adds no dependency
// (the pure-Go SQLite driver takes minutes to compile here); and unlike an
// owner process it has nothing to hand over when a process quits or dies —
// the kernel drops a dead process's locks. The cost is one open of the file
// per lease (it reads the synced freelist rather than scanning the file)
// and readers of one process waiting while another process holds its turn,
// both measured in BenchmarkLeaseTurns.

// maxLease is how long a lease keeps taking new operations.
const maxLease = 50 * time.Millisecond

// ErrClosed is returned by operations on a closed Store.
var ErrClosed = errors.New("the workspace is closed")

// leases hands out the database to a Store's operations.
type leases struct {
	path    string
	timeout time.Duration
	owner   *os.File // locked for a lease
	queue   *os.File // locked while waiting for owner

	mu       sync.Mutex
	cond     *sync.Cond
	db       *bolt.DB // nil between leases; while set, users > 0
	users    int
	since    time.Time
	draining bool // the lease takes no new operations
	opening  bool
	closed   bool
	closeErr error
}

func newLeases(path string, timeout time.Duration) (*leases, error) {
	owner, err := os.OpenFile(path+".lock", os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open the workspace's lock file: %w", err)
	}
	queue, err := os.OpenFile(path+".queue", os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		owner.Close()
		return nil, fmt.Errorf("open the workspace's lock file: %w", err)
	}
	l := &leases{path: path, timeout: timeout, owner: owner, queue: queue}
	l.cond = sync.NewCond(&l.mu)
	return l, nil
}

// acquire returns the database for one operation; call release after it.
func (l *leases) acquire() (*bolt.DB, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for {
		switch {
		case l.closed:
			return nil, ErrClosed
		case l.db != nil && !l.draining && time.Since(l.since) < maxLease:
			l.users++
			return l.db, nil
		case l.db != nil && !l.draining && !l.othersWaiting():
			l.since = time.Now()
		case l.db != nil:
			// Let this lease end so a waiting process gets its turn.
			l.draining = true
			l.cond.Wait()
		case l.opening:
			l.cond.Wait()
		default:
			l.opening = true
			l.mu.Unlock()
			db, err := l.open()
			l.mu.Lock()
			l.opening = false
			l.cond.Broadcast()
			if err != nil {
				return nil, err
			}
			l.db, l.users, l.since, l.draining = db, 1, time.Now(), false
			return db, nil
		}
	}
}

// othersWaiting reports whether another process waits for a lease (holds
// the queue lock).
func (l *leases) othersWaiting() bool {
	ok, err := filelock.TryLock(l.queue)
	if err != nil || !ok {
		return true
	}
	_ = filelock.Unlock(l.queue)
	return false
}

// release ends one operation; the last one of a lease closes the file.
func (l *leases) release() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.users--
	if l.users > 0 {
		return
	}
	// Every transaction of the lease has committed (and synced) already,
	// so an error here loses nothing acknowledged; Close reports it.
	if err := l.db.Close(); err != nil && l.closeErr == nil {
		l.closeErr = fmt.Errorf("close %s: %w", l.path, err)
	}
	if err := filelock.Unlock(l.owner); err != nil && l.closeErr == nil {
		l.closeErr = fmt.Errorf("unlock %s: %w", l.path, err)
	}
	l.db, l.draining = nil, false
	l.cond.Broadcast()
}

// open waits for this process's turn and opens the database.
func (l *leases) open() (*bolt.DB, error) {
	deadline := time.Now().Add(l.timeout)
	if err := l.wait(l.queue, deadline); err != nil {
		return nil, err
	}
	defer filelock.Unlock(l.queue) //nolint:errcheck // the lock goes with the file at the latest
	if err := l.wait(l.owner, deadline); err != nil {
		return nil, err
	}
	// bbolt's own lock is free unless a process that does not use the
	// owner lock (an older studioflow) has the file open.
	db, err := bolt.Open(l.path, 0o600, &bolt.Options{
		Timeout: max(time.Until(deadline), 60*time.Millisecond), FreelistType: bolt.FreelistMapType, InitialMmapSize: initialMmapSize,
	})
	if err != nil {
		_ = filelock.Unlock(l.owner)
		if errors.Is(err, bolterrors.ErrTimeout) {
			return nil, fmt.Errorf("open workspace %s: another program holds the file (an older studioflow keeps it for as long as it runs)", l.path)
		}
		return nil, fmt.Errorf("open workspace %s: %w", l.path, err)
	}
	// Concurrent saves of executions share one commit (and one fsync); a
	// short delay keeps the latency of a lone save low.
	db.MaxBatchDelay = 2 * time.Millisecond
	db.AllocSize = 64 << 20
	return db, nil
}

// wait takes the lock on f, polling until deadline.
func (l *leases) wait(f *os.File, deadline time.Time) error {
	pause := 100 * time.Microsecond
	for {
		ok, err := filelock.TryLock(f)
		if err != nil {
			return fmt.Errorf("lock workspace %s: %w", l.path, err)
		}
		if ok {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("open workspace %s: another studioflow process kept it busy for %v", l.path, l.timeout)
		}
		time.Sleep(pause)
		pause = min(2*pause, 2*time.Millisecond)
	}
}

// close waits for the operations in progress and closes the lock files.
func (l *leases) close() error {
	l.mu.Lock()
	l.closed = true
	for l.db != nil || l.opening {
		l.cond.Wait()
	}
	err := l.closeErr
	l.mu.Unlock()
	return errors.Join(err, l.owner.Close(), l.queue.Close())
}

// leased runs fn on the database of a lease held for the call.
func (s *Store) leased(fn func(*bolt.DB) error) error {
	db, err := s.leases.acquire()
	if err != nil {
		return err
	}
	defer s.leases.release()
	return fn(db)
}

// view runs fn in a read transaction of a lease.
func (s *Store) view(fn func(*bolt.Tx) error) error {
	return s.leased(func(db *bolt.DB) error { return db.View(fn) })
}

// update runs fn in a write transaction of a lease, committed before it
// returns.
func (s *Store) update(fn func(*bolt.Tx) error) error {
	return s.leased(func(db *bolt.DB) error { return db.Update(fn) })
}

// batch is update sharing its commit with concurrent calls (fn may run
// more than once).
func (s *Store) batch(fn func(*bolt.Tx) error) error {
	return s.leased(func(db *bolt.DB) error { return db.Batch(fn) })
}
