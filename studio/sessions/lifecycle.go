package sessions

import (
	"errors"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/studio/workspace"
)

// arm sets the timer of le's wait, when it has a timeout. Called with le.mu
// held, or before le is shared.
func (m *Manager) arm(le *liveExecution) {
	if w := le.x.Waiting; w != nil && !w.Deadline.IsZero() {
		le.timer = m.clock.AfterFunc(w.Deadline.Sub(m.clock.Now()), func() { m.fire(le, w) })
	}
}

// fire delivers a wait's timeout, unless that wait is over.
func (m *Manager) fire(le *liveExecution, w *engine.Wait) {
	if !le.lock() {
		return
	}
	defer le.unlock()
	if le.x == nil || le.x.Ended != nil || le.x.Waiting != w {
		return
	}
	le.timer = nil
	var evs []engine.Event
	var err error
	if !m.bounded(le, func() { evs, err = m.rt.Resume(le.x, engine.Input{Kind: engine.InputTimeout}) }, nil) {
		_, _ = m.overran(le) // a failed save is the store's to report
		return
	}
	if err != nil {
		return // this wait cannot time out; it stays waiting
	}
	_, _ = m.settle(le, evs) // a failed save already ended the execution
}

func (m *Manager) release(le *liveExecution) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.sessions[le.key] == le {
		delete(m.sessions, le.key)
	}
	if le.sid != "" && m.live[le.sid] == le {
		delete(m.live, le.sid)
	}
}

// End stops an execution, as POST …/Executions/{Sid} Status=ended does. An
// execution that already ended is returned unchanged.
func (m *Manager) End(flowSID, sid string) (workspace.Execution, error) {
	for try := 0; ; try++ {
		le, err := m.liveExecution(sid)
		if err != nil {
			return workspace.Execution{}, err
		}
		if le == nil {
			return m.store.Execution(flowSID, sid)
		}
		res, err := m.end(le, flowSID)
		if errors.Is(err, errStale) && try == 0 {
			continue // carried on elsewhere meanwhile: end what the store holds
		}
		return res, err
	}
}

func (m *Manager) end(le *liveExecution, flowSID string) (workspace.Execution, error) {
	if !le.lock() {
		return m.store.Execution(flowSID, le.sid) // abandoned, and ended in the store
	}
	defer le.unlock()
	if le.x == nil || le.x.FlowSID != flowSID {
		return m.store.Execution(flowSID, le.sid)
	}
	var evs []engine.Event
	if le.x.Ended == nil {
		evs = m.rt.Stop(le.x, "ended through the API")
	}
	res, err := m.settle(le, evs)
	return res.Execution, err
}

// liveExecution returns execution sid when it is active: from memory, else
// taken over from the store (another process started it). Nil when it is
// not active.
func (m *Manager) liveExecution(sid string) (*liveExecution, error) {
	m.mu.Lock()
	le := m.live[sid]
	m.mu.Unlock()
	if le != nil {
		return le, nil
	}
	active, err := m.store.ActiveExecutions()
	if err != nil {
		return nil, err
	}
	for _, a := range active {
		if a.SID == sid {
			return m.adopt(a), nil
		}
	}
	return nil, nil
}

// Delete removes an execution and its steps, stopping it first when active.
func (m *Manager) Delete(flowSID, sid string) error {
	m.mu.Lock()
	le := m.live[sid]
	m.mu.Unlock()
	if le != nil && le.lock() {
		if le.timer != nil {
			le.timer.Stop()
		}
		if le.x.FlowSID == flowSID {
			m.rt.Stop(le.x, "deleted through the API")
			m.release(le)
		}
		le.unlock()
	}
	return m.store.DeleteExecution(flowSID, sid)
}
