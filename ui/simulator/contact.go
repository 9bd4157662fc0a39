package simulator

import (
	"fmt"
	"slices"
	"strings"

	"github.com/studioflow/studioflow/engine"
)

// What the contact (or the person at the simulator) does to a run: keys,
// words, a hang-up, a text, an outcome, a skipped wait. Each is queued for
// the session's worker.

// waiting returns the current run when it waits for one of kinds.
func (s *session) waiting(kinds ...engine.WaitKind) (*simRun, *engine.Wait) {
	r := s.current()
	if r == nil || r.x == nil || r.x.Waiting == nil {
		return r, nil
	}
	if slices.Contains(kinds, r.x.Waiting.Kind) {
		return r, r.x.Waiting
	}
	return r, nil
}

// answer gives the current run in when it waits for one of kinds, and
// else refuses it, saying why (refusal).
func (s *session) answer(in engine.Input, refusal string, kinds ...engine.WaitKind) {
	s.do(func() {
		r, w := s.waiting(kinds...)
		if w == nil {
			s.refuse(r, "%s", refusal)
			return
		}
		s.input(r, in)
	})
}

// refuse tells the person at the simulator why what they did reached
// nothing in run r (nil: there is no run).
func (s *session) refuse(r *simRun, format string, args ...any) {
	id := 0
	if r != nil {
		id = r.id
	}
	s.notify(update{Run: id, Err: fmt.Errorf(format, args...)})
}

// pressKey is one key of the dial pad. A gather collects keys until its
// finish key or its number of digits; each key restarts its timeout.
func (s *session) pressKey(key string) {
	s.do(func() {
		r, w := s.waiting(engine.WaitGather, engine.WaitRecord)
		if w == nil {
			s.unheard(r, key)
			return
		}
		s.mu.Lock()
		keys := r.state.Keys + key
		r.state.Keys = keys
		s.mu.Unlock()
		finished := w.FinishOnKey != "" && strings.Contains(w.FinishOnKey, key)
		counted := w.Kind == engine.WaitGather && w.NumberDigits > 0 && len(keys) >= w.NumberDigits
		if finished || counted || w.Kind == engine.WaitRecord {
			s.input(r, engine.Input{Kind: engine.InputPress, Text: keys})
			return
		}
		if w.Timeout > 0 {
			s.arm(r, w, w.Timeout)
		}
		s.publish(r)
	})
}

// unheard says why a key the contact pressed reached nothing (Twilio
// ignores keys when no Gather listens): never a silent drop.
func (s *session) unheard(r *simRun, key string) {
	why := "no call is in progress: start an Incoming Call"
	switch {
	case r == nil || r.x == nil:
	case r.x.Ended != nil && r.timedOut != "":
		why = fmt.Sprintf("%s stopped listening (its timeout passed) and the call has ended; turn on the virtual clock so waits last until you act", r.timedOut)
	case r.x.Ended != nil:
		why = "the call has ended"
	case r.timedOut != "" && r.timedOut != r.x.At():
		why = fmt.Sprintf("%s stopped listening when its timeout passed; the flow is now at %s, which does not take keys", r.timedOut, r.x.At())
	default:
		why = fmt.Sprintf("the flow is at %s, which does not take keys", r.x.At())
	}
	id := 0
	if r != nil {
		id = r.id
	}
	s.notify(update{Run: id, Err: fmt.Errorf("key %s was not heard: %s", key, why), Unheard: key})
}

// speak answers a gather (or a voicemail) with words.
func (s *session) speak(words string) {
	s.answer(engine.Input{Kind: engine.InputSpeech, Text: words}, "the flow is not listening now", engine.WaitGather, engine.WaitRecord)
}

// hangup ends the call: a wait on the caller hears the hangup, an outcome
// wait takes its call-ended event (the catalog's), anything else is
// stopped.
func (s *session) hangup() {
	s.do(func() {
		r := s.current()
		if r == nil || r.x == nil || r.x.Ended != nil {
			s.refuse(r, "there is no call to hang up")
			return
		}
		w := r.x.Waiting
		var ended string
		if w != nil {
			ended, _ = r.rt.Catalog().CallEndedEventOf(w.Type)
		}
		switch {
		case w != nil && (w.Kind == engine.WaitGather || w.Kind == engine.WaitRecord):
			s.input(r, engine.Input{Kind: engine.InputHangup})
		case w != nil && w.Kind == engine.WaitOutcome && ended != "" && slices.Contains(w.Choices, ended):
			s.input(r, engine.Input{Kind: engine.InputOutcome, Event: ended})
		default:
			s.stopRun(r, "the caller hung up")
		}
	})
}

// reply is a message from the contact: the answer to a Send & Wait For
// Reply, or, with no active execution, the start of a new one (Studio's
// session rule).
func (s *session) reply(body string, cfg startConfig) {
	s.do(func() {
		r := s.current()
		if r == nil || r.x == nil || r.x.Ended != nil {
			cfg.Trigger.Body = body
			s.begin(cfg)
			return
		}
		if w := r.x.Waiting; w == nil || w.Kind != engine.WaitReply {
			s.refuse(r, "the active execution is not waiting for a reply (it is at %s)", r.x.At())
			return
		}
		s.input(r, engine.Input{Kind: engine.InputMessage, Text: body})
	})
}

// noReply lets a Send & Wait For Reply time out.
func (s *session) noReply() {
	s.answer(engine.Input{Kind: engine.InputTimeout}, "the flow is not waiting for a reply", engine.WaitReply)
}

// choose gives a widget waiting for an outside result its event.
func (s *session) choose(event string) {
	s.answer(engine.Input{Kind: engine.InputOutcome, Event: event}, "no widget is waiting for an outcome", engine.WaitOutcome)
}

// fastForward fires the pending timeout now: a virtual clock jumps to it,
// with the real clock the wait ends at once.
func (s *session) fastForward() {
	s.do(func() {
		r := s.current()
		if r == nil || r.x == nil || r.x.Ended != nil || r.wait == nil || r.timer == nil {
			s.refuse(r, "no timeout is pending")
			return
		}
		if r.virtual != nil {
			s.mu.Lock()
			due := r.state.Due
			s.mu.Unlock()
			r.virtual.Advance(due.Sub(r.virtual.Now()))
			return // the timer queued the expiry
		}
		r.timer.Stop()
		s.expire(r, r.wait)
	})
}
