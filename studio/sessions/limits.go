package sessions

import (
	"errors"
	"fmt"
	"time"

	"github.com/studioflow/studioflow/engine"
)

// A flow never holds a request forever. The engine ends each run (a Start or
// a Resume, up to the next wait) at its wall-clock limit,
// engine.Config.RunTimeout: no widget begins after it and HTTP requests end
// by it. A step stuck inside (a template or a resolver that does not
// return) is caught here: the caller waits for the run at most the limit
// and runGrace, then answers without it. The execution is abandoned: it lets
// go of its contact at once, so the contact's next request gets its answer,
// its stored record ends with overrunReason, and when the stuck run returns
// at last, what it did is stopped (and saved, for a start that had not been
// saved at all).

// runGrace is how long past the engine's own run limit a caller waits.
const runGrace = time.Second

// ErrOverrun is wrapped when a run did not finish within the limit and the
// execution was abandoned.
var ErrOverrun = errors.New("the flow did not finish its step in time")

func (m *Manager) overrunReason() string {
	return fmt.Sprintf("stopped: a step was still running after %v (studioflow's limit)", m.runLimit)
}

func (m *Manager) overrunError() error {
	return fmt.Errorf("%w: %s", ErrOverrun, m.overrunReason())
}

// turn is the right to use a live execution, one holder at a time, which
// waiters give up when the execution is abandoned.
type turn struct {
	token     chan struct{} // holds a value while taken
	abandoned chan struct{} // closed when a stuck run abandons it
}

func newTurn() turn {
	return turn{token: make(chan struct{}, 1), abandoned: make(chan struct{})}
}

// lock waits for the turn; false when the execution was abandoned.
func (t turn) lock() bool {
	select {
	case <-t.abandoned:
		return false
	default:
	}
	select {
	case t.token <- struct{}{}:
		return true
	case <-t.abandoned:
		return false
	}
}

// unlock gives the turn back, unless the holder abandoned it: the stuck
// run keeps it until it returns.
func (t turn) unlock() {
	select {
	case <-t.abandoned:
	default:
		<-t.token
	}
}

// bounded runs fn, an engine call on le's execution made during le's turn,
// and waits for it at most m.runLimit. It reports false when fn overran: le
// is then abandoned and let go, and the turn passes to fn's goroutine, which
// calls late (if not nil) when fn returns and then gives the turn back.
func (m *Manager) bounded(le *liveExecution, fn func(), late func()) bool {
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	timer := time.NewTimer(m.runLimit)
	defer timer.Stop()
	select {
	case <-done:
		return true
	case <-timer.C:
	}
	close(le.abandoned)
	m.release(le)
	go func() {
		<-done
		if late != nil {
			late()
		}
		<-le.token
	}()
	return false
}

// overran ends the stored record of an abandoned execution that had been
// saved before (a Resume or a timeout overran) and returns it.
func (m *Manager) overran(le *liveExecution) (Result, error) {
	if le.timer != nil {
		le.timer.Stop()
		le.timer = nil
	}
	if le.rec == nil {
		return Result{}, m.overrunError()
	}
	rec := *le.rec
	rec.Status, rec.EndedKind, rec.EndedReason = engine.StatusEnded, engine.EndLimit, m.overrunReason()
	rec.DateUpdated = m.clock.Now().UTC()
	if err := m.store.SaveExecutionAfter(rec, "", le.saved, nil, nil); err != nil {
		return Result{}, fmt.Errorf("end the execution that overran: %w", err)
	}
	m.events.publish(rec.FlowSID, []engine.Event{{Kind: engine.EventEnd, Ending: &engine.Ending{Kind: rec.EndedKind, Reason: rec.EndedReason}}})
	return Result{Execution: rec}, nil
}

// endLate stops and saves x, the execution of an abandoned start, when its
// stuck run returned at last (x is nil when the start failed).
func (m *Manager) endLate(x *engine.Execution, rev int) {
	if x == nil {
		return
	}
	if x.Ended == nil {
		m.rt.Stop(x, m.overrunReason())
	}
	rec := executionRecord(x, rev)
	steps := storedSteps(x.Steps)
	// Nothing waits for this save; a failure leaves no trace of a run
	// whose request was already answered.
	_ = m.store.SaveExecution(rec, "", steps, nil)
}
