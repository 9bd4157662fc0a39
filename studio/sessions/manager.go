// Package sessions runs a workspace's flows on the engine with Studio's
// sessions: one active execution per contact (per contact and flow address
// for messaging and REST), inbound messages resuming the contact's waiting
// execution, wait timeouts fired from the clock, and every step saved to the
// workspace before a call returns. Each save of an active execution holds the
// engine's snapshot of it, so after a restart (or a crash) New restores the
// waiting executions and the contact's next message carries on where the
// last acknowledged one left off.
//
// It uses engine.Runtime directly rather than engine.Host: executions of
// different contacts run in parallel (a make-http-request widget waiting ten
// seconds holds only its own execution), and each Start, Resume and timeout
// is followed by a save that must happen under the same lock.
package sessions

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/model/environments"
	"github.com/studioflow/studioflow/studio/workspace"
)

// ErrNotPublished is wrapped when a flow has no published revision and the
// contact is not one of its test users.
var ErrNotPublished = errors.New("the flow has no published revision")

// RestartReason begins the ended_reason of an execution that was active when
// the local Studio stopped and could not be carried on after the restart (its
// flow or subflow definition no longer matches, or it was saved without a
// snapshot by an older version); the reason why follows it.
const RestartReason = "the local Studio restarted and could not carry this execution on"

// Manager runs executions of a workspace's flows. It is safe for concurrent use.
type Manager struct {
	store *workspace.Store
	rt    *engine.Runtime
	clock engine.Clock

	values *environments.Values // substituted into each revision before it runs

	runLimit time.Duration // how long a caller waits for one run (see bounded)

	mu       sync.Mutex
	live     map[string]*liveExecution // active executions by SID
	sessions map[string]*liveExecution // active executions by session key
	flows    map[string]*model.Flow    // parsed revisions by "FW…#n"; a Flow is only read by executions
	events   broker
}

type liveExecution struct {
	turn     // held by whoever uses the execution
	sid      string
	key      string
	revision int
	x        *engine.Execution
	saved    int                  // steps already in the store
	rec      *workspace.Execution // as last saved; nil before the first save
	timer    engine.Timer
}

// Config configures a Manager. Runtime settings other than AccountSID and
// Clock (HTTP client, subflow resolver, observer) come from Engine.
type Config struct {
	Clock  engine.Clock // default engine.RealClock
	Engine engine.Config
	// AccountSID is the account executions run under: a server's one
	// account, the one its clients authenticate as (default: the
	// workspace's own).
	AccountSID string
	// Values, when set, are the environment substituted into each flow
	// revision before it runs (the stored revision keeps its
	// placeholders); a placeholder without a value stops the execution
	// from starting.
	Values *environments.Values
}

// New returns a manager for store. Executions the store holds as active carry
// on from their last save: their sessions are held again and their timeouts
// re-armed on the clock, and a timeout already past fires before New returns.
// One that cannot be restored is ended, with RestartReason and the cause.
func New(store *workspace.Store, cfg Config) (*Manager, error) {
	if cfg.Clock == nil {
		cfg.Clock = engine.RealClock{}
	}
	ecfg := cfg.Engine
	ecfg.Clock = cfg.Clock
	ecfg.AccountSID = store.AccountSID()
	if cfg.AccountSID != "" {
		ecfg.AccountSID = cfg.AccountSID
	}
	if ecfg.RunTimeout <= 0 {
		ecfg.RunTimeout = engine.RunTimeout
	}
	m := &Manager{
		store: store, clock: cfg.Clock, values: cfg.Values, runLimit: ecfg.RunTimeout + runGrace,
		live: map[string]*liveExecution{}, sessions: map[string]*liveExecution{}, flows: map[string]*model.Flow{},
	}
	if ecfg.Subflows == nil {
		ecfg.Subflows = m.publishedFlow
	}
	m.rt = engine.New(ecfg)
	if err := m.restoreActive(); err != nil {
		return nil, fmt.Errorf("start sessions: %w", err)
	}
	return m, nil
}

// restoreActive brings back the executions the store holds as active.
func (m *Manager) restoreActive() error {
	active, err := m.store.ActiveExecutions()
	if err != nil {
		return err
	}
	var due []*liveExecution
	for _, a := range active {
		le, err := m.restore(a)
		if err != nil {
			x := a.Execution
			x.Status, x.EndedKind, x.EndedReason = engine.StatusEnded, engine.EndStopped, RestartReason+": "+err.Error()
			x.DateUpdated = m.clock.Now().UTC()
			if err := m.store.SaveExecution(x, "", nil, nil); err != nil {
				return fmt.Errorf("end execution %s, which could not be restored: %w", x.SID, err)
			}
			continue
		}
		m.mu.Lock() // an armed timer may already be settling another one
		m.live[le.sid], m.sessions[le.key] = le, le
		m.mu.Unlock()
		if w := le.x.Waiting; w != nil && !w.Deadline.IsZero() && !w.Deadline.After(m.clock.Now()) {
			due = append(due, le)
			continue
		}
		m.arm(le)
	}
	for _, le := range due {
		m.fire(le, le.x.Waiting)
	}
	return nil
}

// restore rebuilds one stored active execution from its snapshot.
func (m *Manager) restore(a workspace.ActiveExecution) (*liveExecution, error) {
	if a.Snapshot == nil {
		return nil, errors.New("no snapshot of its state was saved")
	}
	if a.Session == "" {
		return nil, errors.New("it holds no session")
	}
	flow, err := m.parsedRevision(a.FlowSID, a.FlowRevision)
	if err != nil {
		return nil, err
	}
	x, err := m.rt.Restore(flow, a.Snapshot)
	if err != nil {
		return nil, err
	}
	if x.SID != a.SID || x.FlowSID != a.FlowSID || x.Ended != nil {
		return nil, fmt.Errorf("its snapshot is of %s (flow %s, status %s)", x.SID, x.FlowSID, x.Status)
	}
	rec := a.Execution
	return &liveExecution{turn: newTurn(), sid: x.SID, key: a.Session, revision: a.FlowRevision, x: x, saved: len(x.Steps), rec: &rec}, nil
}

// Runtime returns the engine runtime executions run on.
func (m *Manager) Runtime() *engine.Runtime { return m.rt }

// sessionKey mirrors Studio's sessions: REST and messaging executions are
// keyed by flow, contact and flow address, so a reply from the contact
// reaches an execution the REST API started.
func sessionKey(flowSID, contact, flowAddress string) string {
	return flowSID + "|" + contact + "|" + flowAddress
}

// flowFor picks the revision an execution for contact runs: the latest one
// for the flow's test users, else the latest published one.
func (m *Manager) flowFor(flowSID, contact string) (*model.Flow, int, error) {
	f, err := m.store.FlowInfo(flowSID)
	if err != nil {
		return nil, 0, err
	}
	rev := f.LatestPublished
	if slices.Contains(f.TestUsers, contact) {
		rev = f.Revision
	}
	if rev == 0 {
		return nil, 0, fmt.Errorf("flow %s: %w: publish it, or add %s to its test users to run the latest draft", flowSID, ErrNotPublished, contact)
	}
	flow, err := m.parsedRevision(flowSID, rev)
	return flow, rev, err
}

// maxCachedFlows bounds the parsed-revision cache.
const maxCachedFlows = 64

func (m *Manager) parsedRevision(flowSID string, rev int) (*model.Flow, error) {
	key := fmt.Sprintf("%s#%d", flowSID, rev)
	m.mu.Lock()
	flow, ok := m.flows[key]
	m.mu.Unlock()
	if ok {
		return flow, nil
	}
	r, err := m.store.Revision(flowSID, rev)
	if err != nil {
		return nil, err
	}
	flow, err = model.Parse(r.Definition)
	if err == nil {
		flow, err = environments.Apply(flow, m.values)
	}
	if err != nil {
		return nil, fmt.Errorf("revision %d of flow %s: %w", rev, flowSID, err)
	}
	m.mu.Lock()
	if len(m.flows) >= maxCachedFlows {
		clear(m.flows)
	}
	m.flows[key] = flow
	m.mu.Unlock()
	return flow, nil
}

// publishedFlow resolves run-subflow widgets to the workspace's flows.
func (m *Manager) publishedFlow(flowSID string) (*model.Flow, error) {
	f, err := m.store.FlowInfo(flowSID)
	if err != nil {
		return nil, err
	}
	rev := f.LatestPublished
	if rev == 0 {
		rev = f.Revision
	}
	return m.parsedRevision(flowSID, rev)
}

// Result is what a call into a session produced.
type Result struct {
	Execution workspace.Execution
	Events    []engine.Event
}

// StartREST starts an execution from the REST API trigger: to is the contact,
// from the flow's address, params become flow.data. A contact with an active
// execution gets a *engine.ConflictError.
func (m *Manager) StartREST(flowSID, to, from string, params map[string]any) (Result, error) {
	trig := engine.Trigger{Event: engine.TriggerRequest, To: to, From: from, Parameters: params}
	return m.start(flowSID, to, from, trig)
}

// Incoming handles an inbound message (a messaging webhook's fields): it
// resumes the contact's active execution, or starts one from the
// incomingMessage trigger. Replies an execution does not wait for are
// dropped, as Studio drops them.
func (m *Manager) Incoming(flowSID string, fields map[string]string) (Result, error) {
	from, to, body := fields["From"], fields["To"], fields["Body"]
	extra := make(map[string]any, len(fields))
	for k, v := range fields {
		extra[k] = v
	}
	key := sessionKey(flowSID, from, to)
	in := engine.Input{Kind: engine.InputMessage, Text: body, Fields: extra}
	// A second try follows a save that found another process (a second
	// serve on the workspace) had carried the execution on: the store's
	// state is taken over and the message delivered to it.
	for range 2 {
		le, err := m.session(key)
		if err != nil {
			return Result{}, err
		}
		if le == nil {
			break
		}
		res, err, resumed := m.resume(le, in)
		if errors.Is(err, errStale) {
			continue
		}
		if resumed {
			return res, err
		}
		break
	}
	trig := engine.Trigger{Event: engine.TriggerMessage, From: from, To: to, Body: body, Fields: extra}
	return m.start(flowSID, from, to, trig)
}

// errStale is wrapped (beside an *engine.ConflictError) when a save found
// that another process using the workspace had carried the execution on.
var errStale = errors.New("carried on by another process")

// session returns the active execution of session key: the one in memory,
// else the one the store holds (another process sharing the workspace
// started it), taken over from its snapshot. Nil when there is none.
func (m *Manager) session(key string) (*liveExecution, error) {
	m.mu.Lock()
	le := m.sessions[key]
	m.mu.Unlock()
	if le != nil {
		return le, nil
	}
	a, ok, err := m.store.ActiveExecution(key)
	if err != nil || !ok {
		return nil, err
	}
	return m.adopt(a), nil
}

// adopt takes over an execution stored as active that this manager does
// not run; nil when it cannot be restored (its next save by anyone ends it
// or its owner carries it on).
func (m *Manager) adopt(a workspace.ActiveExecution) *liveExecution {
	le, err := m.restore(a)
	if err != nil {
		return nil
	}
	le.lock() // a new one: free
	defer le.unlock()
	m.mu.Lock()
	if held := m.sessions[le.key]; held != nil {
		m.mu.Unlock()
		return held // taken over (or started) meanwhile
	}
	m.live[le.sid], m.sessions[le.key] = le, le
	m.mu.Unlock()
	m.arm(le)
	return le
}

// resume delivers in to le's execution; resumed is false when le has no
// running execution any more.
func (m *Manager) resume(le *liveExecution, in engine.Input) (res Result, err error, resumed bool) {
	if !le.lock() {
		return Result{}, nil, false // abandoned: the contact is free
	}
	defer le.unlock()
	if le.x == nil || le.x.Ended != nil {
		return Result{}, nil, false
	}
	var evs []engine.Event
	if !m.bounded(le, func() { evs, err = m.rt.Resume(le.x, in) }, nil) {
		res, err := m.overran(le)
		return res, err, true
	}
	if err != nil {
		return Result{Execution: m.record(le)}, nil, true
	}
	res, err = m.settle(le, evs)
	return res, err, true
}

func (m *Manager) start(flowSID, contact, flowAddr string, trig engine.Trigger) (Result, error) {
	flow, rev, err := m.flowFor(flowSID, contact)
	if err != nil {
		return Result{}, err
	}
	key := sessionKey(flowSID, contact, flowAddr)
	m.mu.Lock()
	for held := m.sessions[key]; held != nil; held = m.sessions[key] {
		m.mu.Unlock()
		// The request holding the session keeps its turn until its
		// execution has started and has a SID, so waiting for it names
		// the execution in the conflict rather than an empty one. A run
		// abandoned past its limit let the session go.
		sid := ""
		if held.lock() {
			sid = held.sid
			held.unlock()
		}
		if sid != "" {
			active, err := m.activeInStore(key)
			if err != nil || active == sid {
				return Result{}, &engine.ConflictError{ExecutionSID: sid}
			}
			m.forget(held)    // ended or deleted by another process using the workspace
			if active != "" { // which started another for the contact
				return Result{}, &engine.ConflictError{ExecutionSID: active}
			}
		}
		m.mu.Lock() // the session was let go: look again
	}
	// Another process sharing the workspace may hold the contact with an
	// execution this one never saw: refused before the flow runs (a save
	// that finds one started meanwhile still refuses it).
	if active, err := m.activeInStore(key); err != nil || active != "" {
		m.mu.Unlock()
		if err != nil {
			return Result{}, fmt.Errorf("start execution of %s: %w", flowSID, err)
		}
		return Result{}, &engine.ConflictError{ExecutionSID: active}
	}
	// The session is reserved before the engine runs, so a second request
	// for the same contact sees the conflict while the first one runs.
	le := &liveExecution{turn: newTurn(), key: key, revision: rev}
	le.lock() // a new one: free
	defer le.unlock()
	m.sessions[key] = le
	m.mu.Unlock()

	var x *engine.Execution
	var evs []engine.Event
	if !m.bounded(le, func() { x, evs, err = m.rt.Start(flow, trig, engine.StartOptions{FlowSID: flowSID}) }, func() { m.endLate(x, rev) }) {
		return Result{}, fmt.Errorf("start execution of %s: %w", flowSID, m.overrunError())
	}
	if err != nil {
		m.release(le)
		return Result{}, fmt.Errorf("start execution of %s: %w", flowSID, err)
	}
	le.x, le.sid = x, x.SID
	m.mu.Lock()
	m.live[x.SID] = le
	m.mu.Unlock()
	return m.settle(le, evs)
}

// activeInStore is the SID of the execution the store holds as session
// key's active one ("" when none). Another process sharing the workspace (a
// second serve) may have ended, deleted or started one; the store is where
// that shows.
func (m *Manager) activeInStore(key string) (string, error) {
	a, ok, err := m.store.ActiveExecution(key)
	if err != nil || !ok {
		return "", err
	}
	return a.SID, nil
}

// forget lets go of le, an execution another process ended: its timer is
// stopped and its session freed, with nothing saved (the store has the
// last word).
func (m *Manager) forget(le *liveExecution) {
	if !le.lock() {
		return // abandoned: already let go
	}
	defer le.unlock()
	if le.timer != nil {
		le.timer.Stop()
		le.timer = nil
	}
	m.release(le)
}

// settle saves what the last run of le did (evs are its events), re-arms
// its timeout, lets go of an ended execution, and tells subscribers. Called
// with le.mu held.
func (m *Manager) settle(le *liveExecution, evs []engine.Event) (Result, error) {
	if le.timer != nil {
		le.timer.Stop()
		le.timer = nil
	}
	var state []byte
	if le.x.Ended == nil {
		var err error
		if state, err = le.x.Snapshot(); err != nil {
			// Acknowledging it would promise a resume after a restart that
			// could not happen.
			evs = append(evs, m.rt.Stop(le.x, "its state could not be saved: "+err.Error())...)
		}
	}
	rec := m.record(le)
	steps := storedSteps(le.x.Steps[le.saved:])
	err := m.store.SaveExecutionAfter(rec, le.key, le.saved, steps, state)
	if err != nil {
		var stale *workspace.StaleError
		if errors.As(err, &stale) {
			// Another process runs it now; this copy is out of date.
			m.rt.Stop(le.x, "carried on by another process using this workspace")
			m.release(le)
			return Result{}, fmt.Errorf("%w (%w)", &engine.ConflictError{ExecutionSID: stale.SID}, errStale)
		}
		var conflict *workspace.ConflictError
		if errors.As(err, &conflict) {
			m.rt.Stop(le.x, "another execution holds this contact's session")
			m.release(le)
			return Result{}, &engine.ConflictError{ExecutionSID: conflict.ActiveSID}
		}
		m.rt.Stop(le.x, "the workspace could not save it")
		m.release(le)
		return Result{}, err
	}
	le.saved, le.rec = len(le.x.Steps), &rec
	m.events.publish(rec.FlowSID, evs)
	if le.x.Ended != nil {
		m.release(le)
		return Result{Execution: rec, Events: evs}, nil
	}
	m.arm(le)
	return Result{Execution: rec, Events: evs}, nil
}
