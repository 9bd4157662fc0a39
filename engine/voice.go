package engine

import (
	"fmt"
	"maps"
	"strconv"
	"strings"
	"time"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
)

// callOver stops a voice widget reached after the caller hung up: Studio's
// logs call this "Stop Execution".
func (r *run) callOver(st *model.State) (outcome, bool) {
	if r.x.callOver {
		return outcome{stop: fmt.Sprintf("the caller hung up; the execution stopped at voice widget %s", st.Name())}, true
	}
	return outcome{}, false
}

// prompt says, plays or sends the digits of a say-play or gather widget.
func (r *run) prompt(st *model.State, p props) error {
	loop := p.integer("loop", 1)
	for _, item := range []struct {
		key  string
		kind EventKind
	}{{"say", EventSay}, {"play", EventPlay}, {"digits", EventDigits}} {
		src := p.str(item.key)
		if src == "" {
			continue
		}
		txt, err := r.render(src)
		if err != nil {
			return fmt.Errorf("property %s: %w", item.key, err)
		}
		r.emit(Event{Kind: item.kind, Widget: st.Name(), Text: txt, Loop: loop, Voice: p.str("voice"), Language: p.str("language")})
		entry := TranscriptEntry{Direction: "outbound", Kind: string(item.kind), Widget: st.Name(), Text: txt}
		if item.kind != EventDigits {
			entry.Loop = loop
		}
		r.transcribeEntry(entry)
	}
	return nil
}

func sayPlay(r *run, st *model.State, p props) outcome {
	if o, over := r.callOver(st); over {
		return o
	}
	if err := r.prompt(st, p); err != nil {
		return outcome{err: err}
	}
	return outcome{event: r.successEvent(st)}
}

func gather(r *run, st *model.State, p props) outcome {
	if o, over := r.callOver(st); over {
		return o
	}
	if err := r.prompt(st, p); err != nil {
		return outcome{err: err}
	}
	finish := "#"
	if v, ok := p.get("finish_on_key"); ok {
		finish = text(v)
	}
	return outcome{wait: &Wait{
		Kind:         WaitGather,
		Timeout:      time.Duration(p.integer("timeout", 5)) * time.Second,
		FinishOnKey:  finish,
		NumberDigits: p.integer("number_of_digits", 0),
	}}
}

// callFields are the call parameters Twilio posts with every voice callback
// once the call is answered: the trigger's (or the outgoing call's) fields
// with CallStatus in-progress, since a widget acting on the call runs on an
// answered call (trigger.call keeps the webhook's own ringing).
func (r *run) callFields() map[string]any {
	out := map[string]any{}
	if call, ok := lookup(r.x.ctx, "trigger", "call").(map[string]any); ok {
		maps.Copy(out, call)
	} else if r.x.outgoing != nil {
		maps.Copy(out, r.x.outgoing)
	}
	out["CallStatus"] = "in-progress"
	if r.x.callOver {
		out["CallStatus"] = "completed"
	}
	return out
}

// speechWired reports whether a gather's speech transition (the event
// that answers words spoken) leads somewhere: "Connecting a widget to the
// User Said Something transition will enable Speech Recognition".
// Unwired, the gather listens for keys only.
func (r *run) speechWired(st *model.State) bool {
	next, _ := st.Next(r.inputEvent(st, schemas.WordsSpoken))
	return next != ""
}

// gatheredDigits applies finish_on_key and number_of_digits to the keys pressed.
func gatheredDigits(keys, finishOnKey string, numberOfDigits int) string {
	if finishOnKey != "" {
		if i := strings.Index(keys, finishOnKey); i >= 0 {
			keys = keys[:i]
		}
	}
	if numberOfDigits > 0 && len(keys) > numberOfDigits {
		keys = keys[:numberOfDigits]
	}
	return keys
}

func validKeys(keys string) error {
	if keys == "" {
		return fmt.Errorf("press needs at least one key")
	}
	for _, c := range keys {
		if !strings.ContainsRune("0123456789*#", c) {
			return fmt.Errorf("%q is not a phone key (use 0-9, * and #)", c)
		}
	}
	return nil
}

func acceptGather(r *run, st *model.State, p props, w *Wait, in Input) (outcome, error) {
	out := r.callFields()
	switch in.Kind {
	case InputPress:
		if err := validKeys(in.Text); err != nil {
			return outcome{}, err
		}
		r.transcribe("inbound", "press", st.Name(), in.Text)
		out["Digits"] = gatheredDigits(in.Text, w.FinishOnKey, w.NumberDigits)
		out["msg"] = "Gather End"
		return outcome{event: r.inputEvent(st, schemas.KeysPressed), outputs: out}, nil
	case InputSpeech:
		if !r.speechWired(st) {
			// Studio gathers keys only: the words are not recognised and
			// the gather goes on waiting (a timeout, or keys, end it).
			note := "not recognised: speech recognition is on only when the gather's speech transition is connected"
			r.transcribeEntry(TranscriptEntry{Direction: "inbound", Kind: string(InputSpeech), Widget: st.Name(), Text: in.Text, Note: note})
			r.emit(Event{Kind: EventIgnored, Widget: st.Name(), Text: in.Text, Note: note, Wait: w})
			return outcome{keepWaiting: true}, nil
		}
		r.transcribe("inbound", string(InputSpeech), st.Name(), in.Text)
		out["SpeechResult"] = in.Text
		out["Confidence"] = "0.9"
		out["msg"] = "Gather End"
		return outcome{event: r.inputEvent(st, schemas.WordsSpoken), outputs: out}, nil
	case InputTimeout:
		r.transcribe("inbound", "silence", st.Name(), "")
		return outcome{event: r.inputEvent(st, schemas.NoInput), detail: fmt.Sprintf("no input within %s", w.Timeout)}, nil
	case InputHangup:
		return r.hangup(st), nil
	}
	return outcome{}, unexpected(w, in)
}

// hangup is the caller hanging up on a voice widget that waits on them:
// the call is over and the widget takes its call-ended event.
func (r *run) hangup(st *model.State) outcome {
	r.x.callOver = true
	r.transcribe("inbound", string(InputHangup), st.Name(), "")
	out := r.callFields()
	out["CallStatus"] = "completed"
	event, _ := r.rt.Catalog().CallEndedEventOf(st.Type())
	return outcome{event: event, outputs: out, detail: "the caller hung up"}
}

// endsCall reports whether event is st's call-ended event (the caller
// hung up); a widget of a type the catalog does not know, or whose events
// are open, ends the call on the catalog's call-ended event.
func (r *run) endsCall(st *model.State, event string) bool {
	return r.rt.Catalog().EndsCall(st.Type(), event)
}

func recordVoicemail(r *run, st *model.State, p props) outcome {
	if o, over := r.callOver(st); over {
		return o
	}
	return outcome{wait: &Wait{
		Kind:        WaitRecord,
		Timeout:     time.Duration(p.integer("timeout", 5)) * time.Second,
		FinishOnKey: p.str("finish_on_key"),
	}}
}

func acceptRecording(r *run, st *model.State, p props, w *Wait, in Input) (outcome, error) {
	switch in.Kind {
	case InputSpeech, InputPress:
		if in.Kind == InputPress {
			if err := validKeys(in.Text); err != nil {
				return outcome{}, err
			}
		}
		r.transcribe("inbound", string(in.Kind), st.Name(), in.Text)
		out := r.callFields()
		sid := r.rt.sid("RE")
		seconds := max(1, len(strings.Fields(in.Text))/2)
		now := r.rt.now().UTC().Format(time.RFC1123Z)
		maps.Copy(out, map[string]any{
			"RecordingSid": sid, "Sid": sid, "RecordingUrl": "https://api.twilio.com/2010-04-01/Accounts/" + r.x.AccountSID + "/Recordings/" + sid,
			"RecordingDuration": strconv.Itoa(seconds), "Channels": "1", "Source": "RecordVerb", "CallStatus": "in-progress",
			"DateCreated": now, "DateUpdated": now, "Price": nil, "PriceUnit": "USD",
			"Uri": "/2010-04-01/Accounts/" + r.x.AccountSID + "/Recordings/" + sid + ".json",
		})
		if p.boolean("transcribe", false) && in.Kind == InputSpeech {
			out["TranscriptionText"] = in.Text
		}
		return outcome{event: r.successEvent(st), outputs: out}, nil
	case InputTimeout:
		r.transcribe("inbound", "silence", st.Name(), "")
		return outcome{event: r.inputEvent(st, schemas.NoInput), detail: "nothing was recorded"}, nil
	case InputHangup:
		return r.hangup(st), nil
	}
	return outcome{}, unexpected(w, in)
}
