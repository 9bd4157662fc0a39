package engine

import (
	"fmt"
	"sync"

	"github.com/studioflow/studioflow/model"
)

// ConflictError is Studio's 409: the contact already has an active execution.
type ConflictError struct {
	ExecutionSID string
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("Execution %s is already active for this contact. End the active Execution before creating a new one", e.ExecutionSID)
}

// Host keeps executions with Studio's sessions and fires their timeouts from
// the runtime's clock. It is safe for concurrent use.
type Host struct {
	rt     *Runtime
	mu     sync.Mutex
	byID   map[string]*hosted
	order  []string
	active map[string]string // session key → execution SID
}

type hosted struct {
	x     *Execution
	key   string
	timer Timer
}

// NewHost returns a host running executions on rt.
func NewHost(rt *Runtime) *Host {
	return &Host{rt: rt, byID: map[string]*hosted{}, active: map[string]string{}}
}

// sessionKey is how Studio tells sessions apart: per contact (and flow
// number) for messages and REST, per conversation for Conversations, and per
// call for voice when allow_concurrent_calls is on.
func sessionKey(flow *model.Flow, flowSID string, trig Trigger) string {
	contact, flowAddr := trig.addresses()
	switch trig.Event {
	case TriggerCall:
		if flow.AllowConcurrentCalls() {
			return "" // every call is its own session
		}
		return flowSID + "|call|" + contact
	case TriggerConversation:
		if c, ok := trig.Fields["ConversationSid"]; ok {
			return flowSID + "|conversation|" + text(c)
		}
		return flowSID + "|conversation|" + contact
	default:
		return flowSID + "|" + contact + "|" + flowAddr
	}
}

// Deliver handles a trigger. An inbound message or conversation message from
// a contact with an active execution resumes that execution as a reply;
// a REST request or a call that would start a second session fails with a
// *ConflictError; otherwise a new execution starts.
func (h *Host) Deliver(flow *model.Flow, trig Trigger, opts StartOptions) (*Execution, []Event, error) {
	if opts.FlowSID == "" {
		return nil, nil, fmt.Errorf("deliver %s: the host needs the flow's SID to keep sessions", trig.Event)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	key := sessionKey(flow, opts.FlowSID, trig)
	if sid, ok := h.active[key]; ok && key != "" {
		hx := h.byID[sid]
		if trig.Event != TriggerMessage && trig.Event != TriggerConversation {
			return hx.x, nil, &ConflictError{ExecutionSID: sid}
		}
		evs, err := h.rt.Resume(hx.x, Input{Kind: InputMessage, Text: trig.Body, Fields: trig.Fields})
		if err != nil {
			return hx.x, nil, fmt.Errorf("message for active execution %s: %w", sid, err)
		}
		h.settle(hx)
		return hx.x, evs, nil
	}
	x, evs, err := h.rt.Start(flow, trig, opts)
	if err != nil {
		return nil, nil, err
	}
	hx := &hosted{x: x, key: key}
	h.byID[x.SID] = hx
	h.order = append(h.order, x.SID)
	if key != "" {
		h.active[key] = x.SID
	}
	h.settle(hx)
	return x, evs, nil
}

// Input feeds an input to the execution sid.
func (h *Host) Input(sid string, in Input) ([]Event, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	hx, ok := h.byID[sid]
	if !ok {
		return nil, fmt.Errorf("no execution %s", sid)
	}
	evs, err := h.rt.Resume(hx.x, in)
	if err != nil {
		return nil, err
	}
	h.settle(hx)
	return evs, nil
}

// End stops the execution sid, as REST Status=ended does.
func (h *Host) End(sid string) ([]Event, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	hx, ok := h.byID[sid]
	if !ok {
		return nil, fmt.Errorf("no execution %s", sid)
	}
	if hx.x.Ended != nil {
		return nil, nil
	}
	evs := h.rt.Stop(hx.x, "ended through the API")
	h.settle(hx)
	return evs, nil
}

// Execution returns the execution sid, or nil. Read it only while no input
// is being delivered to it.
func (h *Host) Execution(sid string) *Execution {
	h.mu.Lock()
	defer h.mu.Unlock()
	if hx, ok := h.byID[sid]; ok {
		return hx.x
	}
	return nil
}

// Executions returns every execution the host holds, oldest first.
func (h *Host) Executions() []*Execution {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := make([]*Execution, 0, len(h.order))
	for _, sid := range h.order {
		out = append(out, h.byID[sid].x)
	}
	return out
}

// settle re-arms the timeout of a waiting execution and frees the session of
// an ended one. Called with h.mu held.
func (h *Host) settle(hx *hosted) {
	if hx.timer != nil {
		hx.timer.Stop()
		hx.timer = nil
	}
	x := hx.x
	if x.Ended != nil {
		if hx.key != "" && h.active[hx.key] == x.SID {
			delete(h.active, hx.key)
		}
		return
	}
	w := x.Waiting
	if w == nil || w.Deadline.IsZero() {
		return
	}
	seq := w.seq
	hx.timer = h.rt.cfg.Clock.AfterFunc(w.Deadline.Sub(h.rt.now()), func() { h.fire(x.SID, w, seq) })
}

// fire delivers a timeout, unless the wait it was armed for is over.
func (h *Host) fire(sid string, w *Wait, seq int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	hx, ok := h.byID[sid]
	if !ok || hx.x.Waiting != w || w.seq != seq {
		return
	}
	hx.timer = nil
	if _, err := h.rt.Resume(hx.x, Input{Kind: InputTimeout}); err != nil {
		return // the wait cannot time out (an outcome choice); it stays waiting
	}
	h.settle(hx)
}
