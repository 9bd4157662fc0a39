package workspace

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Listing a page costs what the page holds, not what the flow holds: the
// cursor starts where the page does (through the index of executions by
// flow and creation date, or the revision number) and only the page's
// entries are decoded. Skipping Offset entries steps over keys only.

// ErrCursor is wrapped when a page's After or Before names no entry of the
// list (deleted since, or outside its date range).
var ErrCursor = errors.New("the page cursor names no entry of this list")

// PageQuery selects one page of a list, newest first: Size entries after
// skipping Offset, or after the entry named After, or before the one named
// Before (the first page when no more than Size entries are before it).
type PageQuery struct {
	Size          int
	Offset        int
	After, Before string // an execution SID, or a revision number
	// Status, when set, lists only executions with that status. The index
	// does not hold it, so each entry passed over is read.
	Status string
}

// PageInfo says what lies around a page.
type PageInfo struct {
	Previous bool // entries come before the page
	Next     bool // entries come after it
}

// listing walks a bucket's entries newest first (newest at the bucket's end).
type listing struct {
	c      *bolt.Cursor
	entry  func(k []byte) bool // k is an entry (not a revision's definition)
	tooNew func(k []byte) bool // k is past the list's newest end
	tooOld func(k []byte) bool // k is past its oldest end
	last   func() []byte       // places the cursor at the last key not too new
}

func (l listing) newest() []byte {
	k := l.last()
	for k != nil && !l.entry(k) {
		k, _ = l.c.Prev()
	}
	if k == nil || l.tooOld(k) {
		return nil
	}
	return k
}

func (l listing) prev() []byte {
	for {
		k, _ := l.c.Prev()
		if k == nil || l.tooOld(k) {
			return nil
		}
		if l.entry(k) {
			return k
		}
	}
}

func (l listing) next() []byte {
	for {
		k, _ := l.c.Next()
		if k == nil || l.tooNew(k) {
			return nil
		}
		if l.entry(k) {
			return k
		}
	}
}

// seek places the cursor at at, and reports whether it is an entry.
func (l listing) seek(at []byte) bool {
	k, _ := l.c.Seek(at)
	return k != nil && bytes.Equal(k, at) && l.entry(k) && !l.tooNew(k) && !l.tooOld(k)
}

// olderThan returns the newest entry before position at, which need not
// be an entry itself (one deleted since, or no longer matching a filter).
func (l listing) olderThan(at []byte) []byte {
	k, _ := l.c.Seek(at)
	if k == nil {
		k, _ = l.c.Last() // at is past every key
	} else {
		k, _ = l.c.Prev()
	}
	for k != nil && !l.tooOld(k) {
		if l.entry(k) && !l.tooNew(k) {
			return k
		}
		k, _ = l.c.Prev()
	}
	return nil
}

// newerThan returns the oldest entry after position at.
func (l listing) newerThan(at []byte) []byte {
	k, _ := l.c.Seek(at)
	if k != nil && bytes.Equal(k, at) {
		k, _ = l.c.Next()
	}
	for k != nil && !l.tooNew(k) {
		if l.entry(k) && !l.tooOld(k) {
			return k
		}
		k, _ = l.c.Next()
	}
	return nil
}

// page returns the keys of q's page; at is the key q.After or q.Before
// names. With exact false, at is a position, which need not be an entry.
func (l listing) page(q PageQuery, at []byte, exact bool) ([][]byte, PageInfo, error) {
	var info PageInfo
	var k []byte
	switch {
	case q.After != "":
		if exact && !l.seek(at) {
			return nil, info, ErrCursor
		}
		info.Previous = true
		k = l.olderThan(at)
	case q.Before != "":
		if exact && !l.seek(at) {
			return nil, info, ErrCursor
		}
		var newer [][]byte
		for n := l.newerThan(at); n != nil; n = l.next() {
			newer = append(newer, bytes.Clone(n))
			if len(newer) == q.Size {
				break
			}
		}
		if len(newer) == q.Size && l.next() != nil {
			slices.Reverse(newer)
			return newer, PageInfo{Previous: true, Next: true}, nil
		}
		k = l.newest()
	default:
		k = l.newest()
		info.Previous = q.Offset > 0 && k != nil
		for i := 0; i < q.Offset && k != nil; i++ {
			k = l.prev()
		}
	}
	var keys [][]byte
	for k != nil && len(keys) < q.Size {
		keys = append(keys, bytes.Clone(k))
		if len(keys) < q.Size {
			k = l.prev()
		}
	}
	if len(keys) == q.Size {
		info.Next = l.prev() != nil
	}
	return keys, info, nil
}

// ExecutionsPage returns one page of the flow's executions created in
// [from, to) (zero times leave that end open), newest first.
func (s *Store) ExecutionsPage(flowSID string, from, to time.Time, q PageQuery) ([]Execution, PageInfo, error) {
	var out []Execution
	var info PageInfo
	err := s.view(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketFlows).Get([]byte(flowSID)) == nil {
			return flowNotFound(flowSID)
		}
		idx := subBucket(tx, bucketFlowExecutions, flowSID)
		if idx == nil {
			if cursor := q.After + q.Before; cursor != "" {
				if _, _, position := ParsePositionCursor(cursor); !position {
					return ErrCursor
				}
			}
			return nil
		}
		when := func(k []byte) time.Time { return time.Unix(0, int64(binary.BigEndian.Uint64(k[:8]))) }
		c := idx.Cursor()
		execs := tx.Bucket(bucketExecutions)
		entry := func([]byte) bool { return true }
		if q.Status != "" {
			entry = func(k []byte) bool {
				var x struct {
					Status string `json:"status"`
				}
				_, err := getJSON(execs, k[8:], &x)
				return err == nil && x.Status == q.Status
			}
		}
		l := listing{
			c:      c,
			entry:  entry,
			tooNew: func(k []byte) bool { return !to.IsZero() && !when(k).Before(to) },
			tooOld: func(k []byte) bool { return !from.IsZero() && when(k).Before(from) },
			last: func() []byte {
				if !to.IsZero() {
					if k, _ := c.Seek(timeKey(to, "")); k != nil {
						k, _ = c.Prev()
						return k
					}
				}
				k, _ := c.Last()
				return k
			},
		}
		var at []byte
		exact := true
		if cursor := q.After + q.Before; cursor != "" {
			if when, sid, ok := ParsePositionCursor(cursor); ok {
				at, exact = timeKey(when, sid), false // a position: the entry may be gone
			} else {
				var x storedExecution
				found, err := getJSON(execs, []byte(cursor), &x)
				if err != nil {
					return err
				}
				if !found || x.FlowSID != flowSID {
					return ErrCursor
				}
				at = timeKey(x.DateCreated, cursor)
			}
		}
		keys, pi, err := l.page(q, at, exact)
		if err != nil {
			return err
		}
		info = pi
		for _, k := range keys {
			var x storedExecution
			if _, err := getJSON(execs, k[8:], &x); err != nil {
				return err
			}
			out = append(out, x.Execution)
		}
		return nil
	})
	if err != nil {
		return nil, PageInfo{}, fmt.Errorf("list executions of %s: %w", flowSID, err)
	}
	return out, info, nil
}

// RevisionsPage returns one page of the flow's revisions, newest first,
// without definitions; After and Before are revision numbers.
func (s *Store) RevisionsPage(flowSID string, q PageQuery) ([]Revision, PageInfo, error) {
	var out []Revision
	var info PageInfo
	err := s.view(func(tx *bolt.Tx) error {
		revs := subBucket(tx, bucketRevisions, flowSID)
		if revs == nil {
			return flowNotFound(flowSID)
		}
		c := revs.Cursor()
		l := listing{
			c:      c,
			entry:  func(k []byte) bool { return len(k) == len(seqKey(0)) },
			tooNew: func([]byte) bool { return false },
			tooOld: func([]byte) bool { return false },
			last: func() []byte {
				k, _ := c.Last()
				return k
			},
		}
		var at []byte
		if cursor := q.After + q.Before; cursor != "" {
			n, err := strconv.Atoi(cursor)
			if err != nil || n < 1 {
				return ErrCursor
			}
			at = seqKey(n)
		}
		keys, pi, err := l.page(q, at, true)
		if err != nil {
			return err
		}
		info = pi
		for _, k := range keys {
			var rev Revision
			if _, err := getJSON(revs, k, &rev); err != nil {
				return err
			}
			rev.Definition = nil
			out = append(out, rev)
		}
		return nil
	})
	if err != nil {
		return nil, PageInfo{}, fmt.Errorf("list revisions: %w", err)
	}
	return out, info, nil
}

// ExecutionCursor names the place of execution x in a list of executions
// (by creation time, then SID) in a form that stays meaningful once x is
// deleted or no longer listed: a page after it starts where it stood.
func ExecutionCursor(x Execution) string { return PositionCursor(x.DateCreated, x.SID) }

// PositionCursor is the cursor of an entry created at when with SID sid:
// fixed-width nanoseconds then the SID, so that cursors sort as the
// entries do.
func PositionCursor(when time.Time, sid string) string {
	return fmt.Sprintf("%020d%s", when.UnixNano(), sid)
}

// ParsePositionCursor reads a PositionCursor (ok is false for anything else,
// such as a bare SID).
func ParsePositionCursor(cursor string) (when time.Time, sid string, ok bool) {
	if len(cursor) <= 20 {
		return time.Time{}, "", false
	}
	nanos, err := strconv.ParseInt(cursor[:20], 10, 64)
	if err != nil || nanos < 0 {
		return time.Time{}, "", false
	}
	return time.Unix(0, nanos), cursor[20:], true
}
