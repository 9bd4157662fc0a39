package sessions

import (
	"fmt"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/studio/workspace"
)

// Record stores an execution that ran elsewhere (the desktop simulator) as
// an execution of flowSID's revision rev, with its steps.
func (m *Manager) Record(flowSID string, rev int, x *engine.Execution) error {
	return Record(m.store, flowSID, rev, x)
}

// Record stores an execution that ran outside any Manager (the desktop
// simulator's runs) as an execution of flowSID's revision rev, with its
// steps. It needs no Manager, so the desktop app can log its runs without
// taking over the workspace's live executions.
func Record(store *workspace.Store, flowSID string, rev int, x *engine.Execution) error {
	rec := executionRecord(x, rev)
	rec.FlowSID = flowSID
	steps := storedSteps(x.Steps)
	for i := range steps {
		steps[i].FlowSID = flowSID
	}
	if err := store.SaveExecution(rec, "", steps, nil); err != nil {
		return fmt.Errorf("record execution %s: %w", x.SID, err)
	}
	return nil
}

// DeleteFlow stops the flow's live executions and deletes the flow with its
// revisions, executions and steps.
func (m *Manager) DeleteFlow(flowSID string) error {
	m.mu.Lock()
	var doomed []*liveExecution
	for _, le := range m.live {
		if le.x != nil && le.x.FlowSID == flowSID {
			doomed = append(doomed, le)
		}
	}
	m.mu.Unlock()
	for _, le := range doomed {
		if !le.lock() {
			continue // abandoned: already let go
		}
		if le.timer != nil {
			le.timer.Stop()
			le.timer = nil
		}
		if le.x.Ended == nil {
			m.rt.Stop(le.x, "the flow was deleted")
		}
		m.release(le)
		le.unlock()
	}
	return m.store.DeleteFlow(flowSID)
}

// record converts the live execution to its stored form.
func (m *Manager) record(le *liveExecution) workspace.Execution {
	return executionRecord(le.x, le.revision)
}

// executionRecord is the workspace's record of execution x of revision rev.
func executionRecord(x *engine.Execution, rev int) workspace.Execution {
	rec := workspace.Execution{
		SID: x.SID, AccountSID: x.AccountSID, FlowSID: x.FlowSID, FlowRevision: rev,
		ContactSID: x.ContactSID, ContactChannelAddress: x.ContactChannelAddress,
		InitiatedBy: x.InitiatedBy, Status: x.Status, Context: x.Context(),
		DateCreated: x.DateCreated.UTC(), DateUpdated: x.DateUpdated.UTC(),
	}
	if x.Ended != nil {
		rec.EndedKind, rec.EndedReason = x.Ended.Kind, x.Ended.Reason
	}
	return rec
}

// storedSteps copies steps for the store, their dates in UTC.
func storedSteps(steps []*engine.Step) []engine.Step {
	out := make([]engine.Step, len(steps))
	for i, st := range steps {
		out[i] = *st
		out[i].DateCreated, out[i].DateUpdated = st.DateCreated.UTC(), st.DateUpdated.UTC()
	}
	return out
}
