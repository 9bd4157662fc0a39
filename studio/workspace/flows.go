package workspace

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// CreateFlow stores a new flow with s as its revision 1.
func (s *Store) CreateFlow(save Save, now time.Time) (Flow, error) {
	if err := checkSave(save); err != nil {
		return Flow{}, fmt.Errorf("create flow: %w", err)
	}
	now = now.UTC()
	f := Flow{SID: s.newSID("FW"), AccountSID: s.accountSID, DateCreated: now, TestUsers: []string{}}
	err := s.update(func(tx *bolt.Tx) error {
		return writeRevision(tx, &f, save, now)
	})
	if err != nil {
		return Flow{}, fmt.Errorf("create flow %q: %w", save.FriendlyName, err)
	}
	return f, nil
}

// UpdateFlow stores save as the flow's next revision.
func (s *Store) UpdateFlow(sid string, save Save, now time.Time) (Flow, error) {
	if err := checkSave(save); err != nil {
		return Flow{}, fmt.Errorf("update flow %s: %w", sid, err)
	}
	now = now.UTC()
	var f Flow
	err := s.update(func(tx *bolt.Tx) error {
		var err error
		if f, err = getFlow(tx, sid); err != nil {
			return err
		}
		if save.Definition == nil {
			rev, err := getRevision(tx, sid, f.Revision)
			if err != nil {
				return err
			}
			save.Definition = rev.Definition
		}
		f.DateUpdated = &now
		return writeRevision(tx, &f, save, now)
	})
	if err != nil {
		return Flow{}, fmt.Errorf("update flow %s: %w", sid, err)
	}
	return f, nil
}

// DuplicateFlow copies the flow's latest revision into a new flow named name,
// as Studio's "Duplicate Flow" does; the copy starts as a draft at revision 1.
func (s *Store) DuplicateFlow(sid, name string, now time.Time) (Flow, error) {
	src, err := s.Flow(sid)
	if err != nil {
		return Flow{}, fmt.Errorf("duplicate flow: %w", err)
	}
	msg := "Duplicate of " + src.FriendlyName
	return s.CreateFlow(Save{
		FriendlyName: name, Status: StatusDraft, CommitMessage: &msg, Definition: src.Definition,
		Valid: src.Valid, Errors: src.Errors, Warnings: src.Warnings,
	}, now)
}

// RestoreRevision saves revision n's definition as the flow's next
// revision, a draft, as the desktop's revision history restores one.
func (s *Store) RestoreRevision(sid string, n int, now time.Time) (Flow, error) {
	rev, err := s.Revision(sid, n)
	if err != nil {
		return Flow{}, fmt.Errorf("restore revision: %w", err)
	}
	f, err := s.FlowInfo(sid)
	if err != nil {
		return Flow{}, fmt.Errorf("restore revision: %w", err)
	}
	msg := fmt.Sprintf("Restored revision %d", n)
	return s.UpdateFlow(sid, Save{
		FriendlyName: f.FriendlyName, Status: StatusDraft, CommitMessage: &msg, Definition: rev.Definition,
		Valid: rev.Valid, Errors: rev.Errors, Warnings: rev.Warnings,
	}, now)
}

func checkSave(save Save) error {
	if strings.TrimSpace(save.FriendlyName) == "" {
		return fmt.Errorf("%w: the flow needs a friendly name, not only spaces", ErrInvalid)
	}
	if save.Status != StatusDraft && save.Status != StatusPublished {
		return fmt.Errorf("%w: status %q is neither %s nor %s", ErrInvalid, save.Status, StatusDraft, StatusPublished)
	}
	return nil
}

// writeRevision appends save as f's next revision and writes f.
func writeRevision(tx *bolt.Tx, f *Flow, save Save, now time.Time) error {
	if save.Definition == nil {
		return errors.New("a revision needs a definition")
	}
	f.Revision++
	f.FriendlyName, f.Status, f.CommitMessage = save.FriendlyName, save.Status, save.CommitMessage
	f.Valid, f.Errors, f.Warnings = save.Valid, nonNil(save.Errors), nonNil(save.Warnings)
	if save.Status == StatusPublished {
		f.LatestPublished = f.Revision
	}
	rev := Revision{
		FlowSID: f.SID, AccountSID: f.AccountSID, Revision: f.Revision, FriendlyName: f.FriendlyName,
		Status: f.Status, CommitMessage: f.CommitMessage, Definition: save.Definition,
		Valid: f.Valid, Errors: f.Errors, Warnings: f.Warnings, DateCreated: now,
	}
	revs, err := tx.Bucket(bucketRevisions).CreateBucketIfNotExists([]byte(f.SID))
	if err != nil {
		return fmt.Errorf("revisions of %s: %w", f.SID, err)
	}
	if revs.Get(seqKey(f.Revision)) != nil {
		return fmt.Errorf("revision %d of %s already exists", f.Revision, f.SID)
	}
	// The definition is kept as raw bytes beside the revision's other
	// fields: reading it back is a copy, not a JSON decode.
	rev.Definition = nil
	if err := putJSON(revs, seqKey(f.Revision), rev); err != nil {
		return err
	}
	if err := revs.Put(definitionKey(f.Revision), save.Definition); err != nil {
		return err
	}
	f.Definition = save.Definition
	return putJSON(tx.Bucket(bucketFlows), []byte(f.SID), f)
}

func nonNil(p []Problem) []Problem {
	if p == nil {
		return []Problem{}
	}
	return p
}

func flowNotFound(sid string) error {
	return fmt.Errorf("flow %s: %w", sid, ErrNotFound)
}

// getFlow reads flow sid's record, which leaves out its definition.
func getFlow(tx *bolt.Tx, sid string) (Flow, error) {
	var f Flow
	found, err := getJSON(tx.Bucket(bucketFlows), []byte(sid), &f)
	if err == nil && !found {
		err = flowNotFound(sid)
	}
	return f, err
}

// Flow returns the flow with its latest definition.
func (s *Store) Flow(sid string) (Flow, error) {
	var f Flow
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		if f, err = getFlow(tx, sid); err != nil {
			return err
		}
		rev, err := getRevision(tx, sid, f.Revision)
		f.Definition = rev.Definition
		return err
	})
	return f, err
}

// FlowInfo returns the flow without its definition.
func (s *Store) FlowInfo(sid string) (Flow, error) {
	var f Flow
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		f, err = getFlow(tx, sid)
		return err
	})
	return f, err
}

// Flows lists every flow, oldest first, without definitions.
func (s *Store) Flows() ([]Flow, error) {
	var out []Flow
	err := s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketFlows).ForEach(func(k, v []byte) error {
			var f Flow
			if _, err := getJSON(tx.Bucket(bucketFlows), k, &f); err != nil {
				return err
			}
			out = append(out, f)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list flows: %w", err)
	}
	slices.SortFunc(out, func(a, b Flow) int {
		if c := a.DateCreated.Compare(b.DateCreated); c != 0 {
			return c
		}
		return strings.Compare(a.SID, b.SID)
	})
	return out, nil
}

// DeleteFlow removes the flow, its revisions, its executions and their steps.
func (s *Store) DeleteFlow(sid string) error {
	err := s.update(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketFlows).Get([]byte(sid)) == nil {
			return flowNotFound(sid)
		}
		if err := tx.Bucket(bucketFlows).Delete([]byte(sid)); err != nil {
			return err
		}
		if err := deleteSub(tx, bucketRevisions, sid); err != nil {
			return err
		}
		if idx := subBucket(tx, bucketFlowExecutions, sid); idx != nil {
			var execs []string
			err := idx.ForEach(func(k, _ []byte) error {
				execs = append(execs, string(k[8:]))
				return nil
			})
			if err != nil {
				return err
			}
			for _, fn := range execs {
				if err := deleteExecution(tx, sid, fn); err != nil {
					return err
				}
			}
		}
		return deleteSub(tx, bucketFlowExecutions, sid)
	})
	if err != nil {
		return fmt.Errorf("delete flow %s: %w", sid, err)
	}
	return nil
}

func deleteSub(tx *bolt.Tx, parent []byte, name string) error {
	err := tx.Bucket(parent).DeleteBucket([]byte(name))
	if errors.Is(err, bolterrors.ErrBucketNotFound) {
		return nil
	}
	return err
}

// SetTestUsers replaces the flow's test users.
func (s *Store) SetTestUsers(sid string, users []string) (Flow, error) {
	var f Flow
	err := s.update(func(tx *bolt.Tx) error {
		var err error
		if f, err = getFlow(tx, sid); err != nil {
			return err
		}
		f.TestUsers = append([]string{}, users...)
		return putJSON(tx.Bucket(bucketFlows), []byte(sid), f)
	})
	if err != nil {
		return Flow{}, fmt.Errorf("set test users of %s: %w", sid, err)
	}
	return f, nil
}

// Revision returns revision n of the flow.
func (s *Store) Revision(sid string, n int) (Revision, error) {
	var rev Revision
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		rev, err = getRevision(tx, sid, n)
		return err
	})
	return rev, err
}

func getRevision(tx *bolt.Tx, sid string, n int) (Revision, error) {
	var rev Revision
	revs := subBucket(tx, bucketRevisions, sid)
	if revs == nil {
		return rev, flowNotFound(sid)
	}
	found, err := getJSON(revs, seqKey(n), &rev)
	if err != nil {
		return rev, err
	}
	if !found {
		return rev, fmt.Errorf("revision %d of flow %s: %w", n, sid, ErrNotFound)
	}
	rev.Definition = bytes.Clone(revs.Get(definitionKey(n)))
	return rev, nil
}

// definitionKey is where revision n's definition is, beside seqKey(n).
func definitionKey(n int) []byte { return append(seqKey(n), 'd') }

// Revisions lists the flow's revisions, newest first, without definitions:
// all of them, as one page.
func (s *Store) Revisions(sid string) ([]Revision, error) {
	revs, _, err := s.RevisionsPage(sid, PageQuery{Size: math.MaxInt})
	return revs, err
}
