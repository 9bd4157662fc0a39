package simulator

import (
	"maps"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
)

// action is something the contact (or the person at the simulator) did.
type action struct {
	Kind  engine.InputKind
	Text  string // keys, words or message body
	Event string // the chosen outcome
}

// entry is one line of a run's log: a thing the flow did or a thing the contact did.
type entry struct {
	Event  *engine.Event
	Action *action
}

// runState is where a run stands after the engine has returned (or paused).
type runState struct {
	Waiting *engine.Wait // a copy; nil unless waiting on the contact
	At      string       // the widget it waits in
	Ended   *engine.Ending
	Paused  string // the widget a breakpoint holds it before
	Keys    string // keys pressed so far in the current gather
	Due     time.Time
	Asking  *httpAsk // a request that could not be made waits for an answer
	// Requesting says which widget is making a real request, and to where.
	Requesting string
}

// update is what the session tells the panel, always from its worker goroutine.
type update struct {
	Run     int
	Started *engine.Trigger // a new run began with this trigger
	Flow    *model.Flow     // with Started: the flow it runs
	Render  renderFunc      // with Started: its runtime's Liquid, for rebuilding requests
	Entry   *entry
	State   *runState
	Err     error // an input the engine or the session refused
	// Unheard, with Err, is a key the contact pressed that nothing heard.
	Unheard string
}

// startConfig is what a new run needs besides its trigger.
type startConfig struct {
	Flow     *model.Flow
	Trigger  engine.Trigger
	Canned   map[string]engine.CannedResponse // by widget; only widgets set to canned
	Virtual  bool                             // a virtual clock: timeouts wait for fast-forward
	FlowSID  string                           // the SID the flow runs under; "" for a random one
	Subflows engine.FlowResolver
	// HTTPTimeout bounds real requests; zero is Studio's 10 seconds.
	HTTPTimeout time.Duration
	// Transport makes real requests (nil: the default transport); tests
	// give one that fails as an offline machine does.
	Transport http.RoundTripper
	// Catalog is the editor's widget catalog (nil: the engine loads its own).
	Catalog *schemas.Catalog
}

func (c startConfig) transport() http.RoundTripper {
	if c.Transport != nil {
		return c.Transport
	}
	return http.DefaultTransport
}

// virtualEpoch is where a run's virtual clock starts (the scenario runner's
// start, so recorded tests see the same now).
var virtualEpoch = time.Date(2024, 6, 3, 16, 0, 0, 0, time.UTC)

// simRun is one execution the session drives. Only the worker goroutine
// touches it, except log and state, which are guarded by session.mu.
type simRun struct {
	id      int
	trigger engine.Trigger
	opts    engine.StartOptions
	rt      *engine.Runtime
	clock   engine.Clock
	virtual *engine.VirtualClock
	x       *engine.Execution
	log     []entry
	state   runState
	timer   engine.Timer
	wait    *engine.Wait // the wait the timer was armed for
	// unreplayable says why the run cannot become a test (e.g. it was stopped by hand).
	unreplayable string
	// endReported is set once the run's end has been handed to onEnded.
	endReported bool
	// entering is the widget the run stepped into last (the one whose
	// request a failing HTTP call belongs to).
	entering string
	// timedOut is the gather or record widget whose wait last timed out.
	timedOut string
}

// session runs executions off the UI goroutine: every engine call happens on
// one worker goroutine, in the order the UI asked for them, and everything
// the engine does reaches the listener as updates.
type session struct {
	notify func(update)
	// onEnded, when set, hears each execution once it has ended, on the
	// worker goroutine; the execution no longer changes.
	onEnded func(*engine.Execution)

	mu          sync.Mutex
	idle        *sync.Cond
	queue       []func()
	busy        bool
	closed      bool
	runs        []*simRun
	breakpoints map[string]bool
	paused      string // widget a breakpoint holds the current run before ("" when running)
	stepping    bool   // pause before the very next widget
	stopping    bool   // a stop was asked while paused: run on without pausing
	resume      chan struct{}
	asking      *httpAsk      // a request waiting for the person's answer
	done        chan struct{} // closed by close
}

func newSession(notify func(update)) *session {
	s := &session{notify: notify, breakpoints: map[string]bool{}, resume: make(chan struct{}, 1), done: make(chan struct{})}
	s.idle = sync.NewCond(&s.mu)
	go s.work()
	return s
}

// do queues f for the worker; it never blocks.
func (s *session) do(f func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return
	}
	s.queue = append(s.queue, f)
	s.idle.Broadcast()
}

func (s *session) work() {
	for {
		s.mu.Lock()
		for len(s.queue) == 0 && !s.closed {
			s.busy = false
			s.idle.Broadcast()
			s.idle.Wait()
		}
		if s.closed {
			s.busy = false
			s.idle.Broadcast()
			s.mu.Unlock()
			return
		}
		f := s.queue[0]
		s.queue = s.queue[1:]
		s.busy = true
		s.mu.Unlock()
		f()
	}
}

// close stops the worker after releasing a paused run.
func (s *session) close() {
	s.mu.Lock()
	if !s.closed {
		close(s.done)
	}
	s.closed = true
	s.stopping = true
	s.idle.Broadcast()
	s.mu.Unlock()
	s.release()
}

// waitIdle blocks until the worker has nothing to do or is held at a
// breakpoint. Tests use it; the UI never waits.
func (s *session) waitIdle() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for !s.closed && (len(s.queue) > 0 || (s.busy && s.paused == "" && s.asking == nil)) {
		s.idle.Wait()
	}
}

func (s *session) current() *simRun {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.runs) == 0 {
		return nil
	}
	return s.runs[len(s.runs)-1]
}

// recording returns a copy of run id's trigger, options and log.
func (s *session) recording(id int) (recorded, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range s.runs {
		if r.id == id {
			return recorded{Trigger: r.trigger, Options: r.opts, Log: slices.Clone(r.log), Flow: r.flowOf(), Unreplayable: r.unreplayable, Catalog: r.rt.Catalog()}, true
		}
	}
	return recorded{}, false
}

func (r *simRun) flowOf() *model.Flow {
	if r.x == nil {
		return nil
	}
	return r.x.Flow()
}

// clear forgets every ended run.
func (s *session) clear() {
	s.do(func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		kept := s.runs[:0]
		for _, r := range s.runs {
			if r.x != nil && r.x.Ended == nil {
				kept = append(kept, r)
			}
		}
		s.runs = kept
	})
}

// setBreakpoint adds or removes a breakpoint; it applies at once, also to a running execution.
func (s *session) setBreakpoint(widget string, on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if on {
		s.breakpoints[widget] = true
	} else {
		delete(s.breakpoints, widget)
	}
}

func (s *session) breakpointList() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Sorted(maps.Keys(s.breakpoints))
}

// step lets a paused run go on to the next widget and pause before it.
func (s *session) step() { s.proceed(true) }

// resumeRun lets a paused run go on to the next breakpoint.
func (s *session) resumeRun() { s.proceed(false) }

func (s *session) proceed(stepping bool) {
	s.mu.Lock()
	if s.paused == "" {
		s.mu.Unlock()
		return
	}
	s.stepping = stepping
	s.paused = ""
	s.mu.Unlock()
	s.release()
}

func (s *session) release() {
	select {
	case s.resume <- struct{}{}:
	default:
	}
}

// observe hears each engine event as it happens, on the worker goroutine;
// a step into a widget with a breakpoint holds the worker until Step or Continue.
func (s *session) observe(r *simRun, ev engine.Event) {
	s.mu.Lock()
	e := ev
	r.log = append(r.log, entry{Event: &e})
	s.mu.Unlock()
	s.notify(update{Run: r.id, Entry: &entry{Event: &e}})
	if ev.Kind != engine.EventStep || ev.Step == nil {
		return
	}
	next := ev.Step.TransitionedTo
	s.mu.Lock()
	r.entering, r.state.Requesting = next, ""
	hold := next != engine.EndedTransition && !s.stopping && (s.stepping || s.breakpoints[next])
	if !hold {
		s.mu.Unlock()
		return
	}
	s.stepping = false
	r.state.Paused = next
	st := r.state
	s.mu.Unlock()
	s.notify(update{Run: r.id, State: &st})
	// Only now is the pause visible to Step, Continue and waitIdle, so the
	// panel has heard of it before anyone can act on it.
	s.mu.Lock()
	s.paused = next
	s.idle.Broadcast()
	s.mu.Unlock()
	<-s.resume
	s.mu.Lock()
	s.paused = ""
	r.state.Paused = ""
	s.mu.Unlock()
}
