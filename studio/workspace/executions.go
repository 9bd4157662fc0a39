package workspace

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/studioflow/studioflow/engine"
)

// ConflictError is returned by SaveExecution when the session already has
// another active execution.
type ConflictError struct{ ActiveSID string }

func (e *ConflictError) Error() string {
	return fmt.Sprintf("execution %s is already active for this contact", e.ActiveSID)
}

// StaleError is returned by SaveExecutionAfter when the stored execution is
// not the one the caller last saw: another process sharing the workspace
// (a second serve) carried it on or ended it meanwhile.
type StaleError struct{ SID string }

func (e *StaleError) Error() string {
	return fmt.Sprintf("execution %s was carried on by another process using this workspace", e.SID)
}

// SaveExecution writes x and appends steps to its step log, in one
// transaction. session names the contact's session (flow, contact and flow
// address): while x is active it holds the session, and saving an active
// execution whose session another active execution holds fails with a
// *ConflictError. An empty session keeps the one x was saved with before.
// snapshot is the engine's snapshot of x (engine.Execution.Snapshot), which
// lets an active execution carry on after a restart; it replaces the one
// saved before, and nil, or x having ended, removes it. Concurrent saves
// share a commit.
func (s *Store) SaveExecution(x Execution, session string, steps []engine.Step, snapshot []byte) error {
	return s.SaveExecutionAfter(x, session, -1, steps, snapshot)
}

// SaveExecutionAfter is SaveExecution for a caller that holds x in memory
// while other processes may run it too: prior is the number of x's steps
// the caller knows to be stored (its last save, or the snapshot it restored
// from). When the store holds another number of steps, or holds x as ended
// while x is saved again, nothing is written and the error is a
// *StaleError. A negative prior checks nothing.
func (s *Store) SaveExecutionAfter(x Execution, session string, prior int, steps []engine.Step, snapshot []byte) error {
	// Encoding happens before the transaction, which holds the only writer lock.
	var record []byte
	if session != "" {
		var err error
		if record, err = json.Marshal(storedExecution{x, session}); err != nil {
			return fmt.Errorf("save execution %s: encode: %w", x.SID, err)
		}
	}
	stepRecords := make([][]byte, len(steps))
	for i, st := range steps {
		var err error
		if stepRecords[i], err = json.Marshal(st); err != nil {
			return fmt.Errorf("save execution %s: encode step %s: %w", x.SID, st.SID, err)
		}
	}
	err := s.batch(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketFlows).Get([]byte(x.FlowSID)) == nil {
			return flowNotFound(x.FlowSID)
		}
		execs := tx.Bucket(bucketExecutions)
		if prior >= 0 {
			if err := checkFresh(tx, x.SID, prior); err != nil {
				return err
			}
		}
		record := record // a retried batch starts from what was encoded outside
		if record == nil {
			var prev storedExecution
			if _, err := getJSON(execs, []byte(x.SID), &prev); err != nil {
				return err
			}
			var err error
			if record, err = json.Marshal(storedExecution{x, prev.Session}); err != nil {
				return err
			}
			session = prev.Session
		}
		active := tx.Bucket(bucketActive)
		if session != "" {
			holder := active.Get([]byte(session))
			switch {
			case x.Status == engine.StatusActive && holder != nil && string(holder) != x.SID:
				return &ConflictError{ActiveSID: string(holder)}
			case x.Status == engine.StatusActive:
				if err := active.Put([]byte(session), []byte(x.SID)); err != nil {
					return err
				}
			case string(holder) == x.SID:
				if err := active.Delete([]byte(session)); err != nil {
					return err
				}
			}
		}
		if execs.Get([]byte(x.SID)) == nil {
			idx, err := tx.Bucket(bucketFlowExecutions).CreateBucketIfNotExists([]byte(x.FlowSID))
			if err != nil {
				return err
			}
			if err := idx.Put(timeKey(x.DateCreated, x.SID), nil); err != nil {
				return err
			}
		}
		if err := execs.Put([]byte(x.SID), record); err != nil {
			return err
		}
		if err := putSnapshot(tx, x, snapshot); err != nil {
			return err
		}
		if len(stepRecords) == 0 {
			return nil
		}
		log, err := tx.Bucket(bucketSteps).CreateBucketIfNotExists([]byte(x.SID))
		if err != nil {
			return err
		}
		for _, data := range stepRecords {
			seq, err := log.NextSequence()
			if err != nil {
				return err
			}
			if err := log.Put(seqKey(int(seq)), data); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save execution %s: %w", x.SID, err)
	}
	return nil
}

// checkFresh fails with a *StaleError unless the stored execution sid is
// active with prior steps, or is not stored and prior is 0 (a new one).
func checkFresh(tx *bolt.Tx, sid string, prior int) error {
	var stored struct {
		Status string `json:"status"`
	}
	found, err := getJSON(tx.Bucket(bucketExecutions), []byte(sid), &stored)
	switch {
	case err != nil:
		return err
	case !found && prior > 0: // deleted meanwhile
		return &StaleError{SID: sid}
	case !found:
		return nil
	}
	var n uint64
	if log := subBucket(tx, bucketSteps, sid); log != nil {
		n = log.Sequence()
	}
	if stored.Status != engine.StatusActive || n != uint64(prior) {
		return &StaleError{SID: sid}
	}
	return nil
}

func putSnapshot(tx *bolt.Tx, x Execution, snapshot []byte) error {
	snapshots := tx.Bucket(bucketSnapshots)
	if snapshot == nil || x.Status != engine.StatusActive {
		return snapshots.Delete([]byte(x.SID))
	}
	return snapshots.Put([]byte(x.SID), snapshot)
}

// storedExecution adds the session an execution holds.
type storedExecution struct {
	Execution
	Session string `json:"session,omitempty"`
}

func findStep(log *bolt.Bucket, sid string) []byte {
	needle := []byte(`"sid":"` + sid + `"`)
	c := log.Cursor()
	for k, v := c.Last(); k != nil; k, v = c.Prev() {
		if bytes.Contains(v, needle) {
			return k
		}
	}
	return nil
}

// ActiveSession returns the execution holding session, "" when none does.
func (s *Store) ActiveSession(session string) (string, error) {
	var sid string
	err := s.view(func(tx *bolt.Tx) error {
		sid = string(tx.Bucket(bucketActive).Get([]byte(session)))
		return nil
	})
	return sid, err
}

func executionNotFound(flowSID, sid string) error {
	return fmt.Errorf("execution %s of flow %s: %w", sid, flowSID, ErrNotFound)
}

// Execution returns an execution of the flow.
func (s *Store) Execution(flowSID, sid string) (Execution, error) {
	var x storedExecution
	err := s.view(func(tx *bolt.Tx) error {
		found, err := getJSON(tx.Bucket(bucketExecutions), []byte(sid), &x)
		if err != nil {
			return err
		}
		if !found || x.FlowSID != flowSID {
			return executionNotFound(flowSID, sid)
		}
		return nil
	})
	return x.Execution, err
}

// Executions lists the flow's executions created in [from, to) (zero times
// leave that end open), newest first.
func (s *Store) Executions(flowSID string, from, to time.Time) ([]Execution, error) {
	var out []Execution
	err := s.view(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketFlows).Get([]byte(flowSID)) == nil {
			return flowNotFound(flowSID)
		}
		idx := subBucket(tx, bucketFlowExecutions, flowSID)
		if idx == nil {
			return nil
		}
		execs := tx.Bucket(bucketExecutions)
		c := idx.Cursor()
		for k, _ := c.Last(); k != nil; k, _ = c.Prev() {
			var x storedExecution
			if _, err := getJSON(execs, k[8:], &x); err != nil {
				return err
			}
			if (!from.IsZero() && x.DateCreated.Before(from)) || (!to.IsZero() && !x.DateCreated.Before(to)) {
				continue
			}
			out = append(out, x.Execution)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list executions of %s: %w", flowSID, err)
	}
	return out, nil
}

// ActiveExecution is an execution stored as active, with the session it
// holds and the engine snapshot it was last saved with (nil when none was).
type ActiveExecution struct {
	Execution
	Session  string
	Snapshot []byte
}

// ActiveExecution returns the execution holding session with its snapshot;
// ok is false when none does.
func (s *Store) ActiveExecution(session string) (a ActiveExecution, ok bool, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		sid := tx.Bucket(bucketActive).Get([]byte(session))
		if sid == nil {
			return nil
		}
		var x storedExecution
		found, err := getJSON(tx.Bucket(bucketExecutions), sid, &x)
		if err != nil || !found {
			return err
		}
		a = ActiveExecution{Execution: x.Execution, Session: x.Session, Snapshot: bytes.Clone(tx.Bucket(bucketSnapshots).Get(sid))}
		ok = true
		return nil
	})
	if err != nil {
		return ActiveExecution{}, false, fmt.Errorf("read the active execution of a session: %w", err)
	}
	return a, ok, nil
}

// ActiveExecutions lists every execution stored as active that holds a
// session, of any flow.
func (s *Store) ActiveExecutions() ([]ActiveExecution, error) {
	var out []ActiveExecution
	err := s.view(func(tx *bolt.Tx) error {
		execs := tx.Bucket(bucketExecutions)
		snapshots := tx.Bucket(bucketSnapshots)
		return tx.Bucket(bucketActive).ForEach(func(_, v []byte) error {
			var x storedExecution
			found, err := getJSON(execs, v, &x)
			if err == nil && found {
				// bbolt's values live only as long as the transaction.
				snap := bytes.Clone(snapshots.Get(v))
				out = append(out, ActiveExecution{Execution: x.Execution, Session: x.Session, Snapshot: snap})
			}
			return err
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list active executions: %w", err)
	}
	return out, nil
}

// DeleteExecution removes an execution and its steps.
func (s *Store) DeleteExecution(flowSID, sid string) error {
	err := s.update(func(tx *bolt.Tx) error {
		return deleteExecution(tx, flowSID, sid)
	})
	if err != nil {
		return fmt.Errorf("delete execution: %w", err)
	}
	return nil
}

func deleteExecution(tx *bolt.Tx, flowSID, sid string) error {
	execs := tx.Bucket(bucketExecutions)
	var x storedExecution
	found, err := getJSON(execs, []byte(sid), &x)
	if err != nil {
		return err
	}
	if !found || x.FlowSID != flowSID {
		return executionNotFound(flowSID, sid)
	}
	if x.Session != "" && string(tx.Bucket(bucketActive).Get([]byte(x.Session))) == sid {
		if err := tx.Bucket(bucketActive).Delete([]byte(x.Session)); err != nil {
			return err
		}
	}
	if idx := subBucket(tx, bucketFlowExecutions, flowSID); idx != nil {
		if err := idx.Delete(timeKey(x.DateCreated, sid)); err != nil {
			return err
		}
	}
	if err := deleteSub(tx, bucketSteps, sid); err != nil {
		return err
	}
	if err := tx.Bucket(bucketSnapshots).Delete([]byte(sid)); err != nil {
		return err
	}
	return execs.Delete([]byte(sid))
}

// Steps lists the execution's steps, newest first (as Studio lists them).
func (s *Store) Steps(flowSID, execSID string) ([]engine.Step, error) {
	var out []engine.Step
	err := s.view(func(tx *bolt.Tx) error {
		if err := checkExecution(tx, flowSID, execSID); err != nil {
			return err
		}
		log := subBucket(tx, bucketSteps, execSID)
		if log == nil {
			return nil
		}
		c := log.Cursor()
		for k, _ := c.Last(); k != nil; k, _ = c.Prev() {
			var st engine.Step
			if _, err := getJSON(log, k, &st); err != nil {
				return err
			}
			out = append(out, st)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list steps: %w", err)
	}
	return out, nil
}

// Step returns one step of an execution.
func (s *Store) Step(flowSID, execSID, sid string) (engine.Step, error) {
	var st engine.Step
	err := s.view(func(tx *bolt.Tx) error {
		if err := checkExecution(tx, flowSID, execSID); err != nil {
			return err
		}
		log := subBucket(tx, bucketSteps, execSID)
		if log != nil {
			if k := findStep(log, sid); k != nil {
				_, err := getJSON(log, k, &st)
				return err
			}
		}
		return fmt.Errorf("step %s of execution %s: %w", sid, execSID, ErrNotFound)
	})
	return st, err
}

func checkExecution(tx *bolt.Tx, flowSID, execSID string) error {
	var x struct {
		FlowSID string `json:"flow_sid"`
	}
	found, err := getJSON(tx.Bucket(bucketExecutions), []byte(execSID), &x)
	if err != nil {
		return err
	}
	if !found || x.FlowSID != flowSID {
		return executionNotFound(flowSID, execSID)
	}
	return nil
}
