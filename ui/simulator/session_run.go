package simulator

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/studioflow/studioflow/engine"
)

// start begins a new run; an active run is stopped first.
func (s *session) start(cfg startConfig) {
	s.do(func() {
		if prev := s.current(); prev != nil && prev.x != nil && prev.x.Ended == nil {
			s.stopRun(prev, "a new execution was started in the simulator")
		}
		s.begin(cfg)
	})
}

// begin starts a run on the worker goroutine.
func (s *session) begin(cfg startConfig) *simRun {
	s.mu.Lock()
	id := 1
	if n := len(s.runs); n > 0 {
		id = s.runs[n-1].id + 1
	}
	r := &simRun{id: id, trigger: cfg.Trigger}
	if cfg.Virtual {
		r.virtual = engine.NewVirtualClock(virtualEpoch)
		r.clock = r.virtual
	} else {
		r.clock = engine.RealClock{}
	}
	s.runs = append(s.runs, r)
	s.mu.Unlock()
	r.rt = engine.New(engine.Config{
		Clock: r.clock, Subflows: cfg.Subflows, Catalog: cfg.Catalog,
		Observer:   func(ev engine.Event) { s.observe(r, ev) },
		HTTPClient: &http.Client{Transport: askingTransport{s: s, r: r, base: cfg.transport()}},
	})
	trig := cfg.Trigger
	s.notify(update{Run: id, Started: &trig, Flow: cfg.Flow, Render: r.rt.Liquid().Render})
	r.opts = engine.StartOptions{
		AskOutcomes: true, Outcomes: map[string]engine.Outcome{}, HTTP: map[string][]engine.CannedResponse{},
		FlowSID: cfg.FlowSID,
	}
	for w, c := range cfg.Canned {
		r.opts.HTTP[w] = []engine.CannedResponse{c}
	}
	// A sent message needs no decision: only widgets whose result comes from
	// outside ask for one.
	for _, st := range cfg.Flow.States() {
		if wt := widgetType(r.rt.Catalog(), st.Type()); wt.SucceedsOnAcceptance() {
			if event, ok := wt.SuccessEvent(); ok {
				r.opts.Outcomes[st.Name()] = engine.Outcome{Event: event}
			}
		}
	}
	x, _, err := r.rt.Start(cfg.Flow, cfg.Trigger, r.opts)
	if err != nil {
		s.mu.Lock()
		r.unreplayable = err.Error()
		r.state.Ended = &engine.Ending{Kind: engine.EndFailed, Reason: err.Error()}
		st := r.state
		s.mu.Unlock()
		s.notify(update{Run: id, Err: fmt.Errorf("start: %w", err), State: &st})
		return r
	}
	s.mu.Lock()
	r.x = x
	s.mu.Unlock()
	s.settle(r)
	return r
}

// settle publishes the run's state after an engine call and arms its timeout.
func (s *session) settle(r *simRun) {
	if s.stoppingNow() && r.x.Ended == nil {
		s.mu.Lock()
		s.stopping = false
		s.mu.Unlock()
		s.stopRun(r, "stopped in the simulator")
		return
	}
	if r.timer != nil {
		r.timer.Stop()
		r.timer, r.wait = nil, nil
	}
	s.mu.Lock()
	r.state = runState{Ended: r.x.Ended}
	if w := r.x.Waiting; w != nil {
		c := *w
		r.state.Waiting, r.state.At = &c, r.x.At()
	}
	s.mu.Unlock()
	if w := r.x.Waiting; w != nil && w.Timeout > 0 {
		s.arm(r, w, w.Timeout)
	}
	s.publish(r)
}

func (s *session) stoppingNow() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stopping
}

func (s *session) publish(r *simRun) {
	s.mu.Lock()
	st := r.state
	onEnded := s.onEnded
	report := r.x != nil && r.x.Ended != nil && !r.endReported
	if report {
		r.endReported = true
	}
	s.mu.Unlock()
	s.notify(update{Run: r.id, State: &st})
	if report && onEnded != nil {
		onEnded(r.x)
	}
}

// arm starts the wait's timeout, d from now on the run's clock.
func (s *session) arm(r *simRun, w *engine.Wait, d time.Duration) {
	if r.timer != nil {
		r.timer.Stop()
	}
	r.wait = w
	s.mu.Lock()
	r.state.Due = r.clock.Now().Add(d)
	s.mu.Unlock()
	r.timer = r.clock.AfterFunc(d, func() {
		s.do(func() { s.expire(r, w) })
	})
}

// expire ends the wait w: keys pressed so far are submitted as Twilio does
// when the caller stops typing; with none, the wait times out.
func (s *session) expire(r *simRun, w *engine.Wait) {
	if r.x == nil || r.x.Waiting != w {
		return
	}
	if keys := r.state.Keys; keys != "" {
		s.input(r, engine.Input{Kind: engine.InputPress, Text: keys})
		return
	}
	if w.Kind == engine.WaitGather || w.Kind == engine.WaitRecord {
		r.timedOut = r.x.At()
	}
	s.input(r, engine.Input{Kind: engine.InputTimeout})
}

// input feeds in to the run, records it and publishes the outcome.
func (s *session) input(r *simRun, in engine.Input) {
	if r.x == nil || r.x.Ended != nil {
		s.notify(update{Run: r.id, Err: errors.New("the execution has ended")})
		return
	}
	a := &action{Kind: in.Kind, Text: in.Text, Event: in.Event}
	s.mu.Lock()
	r.log = append(r.log, entry{Action: a})
	r.state.Keys = ""
	s.mu.Unlock()
	s.notify(update{Run: r.id, Entry: &entry{Action: a}})
	if _, err := r.rt.Resume(r.x, in); err != nil {
		s.mu.Lock()
		r.log = r.log[:len(r.log)-1]
		s.mu.Unlock()
		s.notify(update{Run: r.id, Err: err})
		s.publish(r)
		return
	}
	s.settle(r)
}

// stop ends the current run. While paused, the run first goes on without
// pausing to its next wait, then stops.
func (s *session) stop() {
	s.answerHTTP(nil) // a request waiting for an answer fails, then the run stops
	s.mu.Lock()
	held := s.paused != ""
	if held {
		s.stopping = true
		s.paused = ""
	}
	s.mu.Unlock()
	if held {
		s.release()
		return
	}
	s.do(func() {
		r := s.current()
		if r == nil || r.x == nil || r.x.Ended != nil {
			return
		}
		s.stopRun(r, "stopped in the simulator")
	})
}

func (s *session) stopRun(r *simRun, reason string) {
	if r.timer != nil {
		r.timer.Stop()
		r.timer, r.wait = nil, nil
	}
	r.rt.Stop(r.x, reason)
	s.mu.Lock()
	r.unreplayable = "the execution was " + reason
	s.mu.Unlock()
	s.settle(r)
}
