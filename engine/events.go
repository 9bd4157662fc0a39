package engine

import "time"

// EventKind names what an Event reports.
type EventKind string

// Event kinds. Say, Play, Digits, Send and Dial are what the contact would
// hear or receive; Wait says the execution now waits on the contact; Step
// reports a widget exited; End reports the end of the execution.
const (
	EventSay    EventKind = "say"
	EventPlay   EventKind = "play"
	EventDigits EventKind = "digits"
	EventSend   EventKind = "send"
	EventDial   EventKind = "dial"
	EventWait   EventKind = "wait"
	EventStep   EventKind = "step"
	EventEnd    EventKind = "end"
	// EventIgnored reports an input the waiting widget did not take (speech
	// to a gather whose speech transition is not connected); it goes on
	// waiting. Note says why.
	EventIgnored EventKind = "ignored"
)

// Event is one observable thing an execution did.
type Event struct {
	Kind      EventKind
	Execution string // execution SID
	Widget    string // the widget that produced it
	Text      string // what was said or sent, the URL played, the digits sent, the number dialled
	To, From  string // for Send and Dial
	Loop      int    // how many times Say or Play repeats
	Voice     string
	Language  string
	Note      string  // for EventIgnored: why the input was not taken
	Step      *Step   // for EventStep
	Wait      *Wait   // for EventWait, and EventIgnored (the wait that goes on)
	Ending    *Ending // for EventEnd
}

// WaitKind names what a waiting execution expects.
type WaitKind string

// Wait kinds.
const (
	WaitGather  WaitKind = "gather"  // keys or speech on a call (gather-input-on-call)
	WaitRecord  WaitKind = "record"  // a voicemail (record-voicemail)
	WaitReply   WaitKind = "reply"   // an inbound message (send-and-wait-for-reply)
	WaitOutcome WaitKind = "outcome" // the caller to choose the event of a widget
)

// Wait describes what an execution is waiting for.
type Wait struct {
	Kind     WaitKind
	Widget   string
	Type     string        // the widget type
	Timeout  time.Duration // 0 when the wait never times out
	Deadline time.Time     // zero when the wait never times out
	Choices  []string      // for WaitOutcome: the events to choose from
	// Gather settings.
	FinishOnKey  string
	NumberDigits int
	seq          int
}

// InputKind names an action of the contact (or the caller driving the engine).
type InputKind string

// Input kinds.
const (
	InputPress   InputKind = "press"   // keys pressed on a call
	InputSpeech  InputKind = "speech"  // words spoken on a call
	InputHangup  InputKind = "hangup"  // the caller hangs up
	InputTimeout InputKind = "timeout" // silence: the wait's timeout elapses
	InputMessage InputKind = "message" // an inbound message (reply)
	InputOutcome InputKind = "outcome" // the chosen event for a WaitOutcome
)

// Input is one action fed to a waiting execution.
type Input struct {
	Kind    InputKind
	Text    string         // digits, words or message body
	Event   string         // for InputOutcome
	Outputs map[string]any // for InputOutcome: widgets.NAME.* values
	Fields  map[string]any // for InputMessage: extra webhook fields (MediaUrl0, …)
}

// TranscriptEntry is one line of what passed between the flow and the contact.
type TranscriptEntry struct {
	Direction string `json:"direction"` // "outbound" (flow to contact) or "inbound"
	Kind      string `json:"kind"`      // say, play, digits, sms, dial, press, speech, hangup, silence
	Text      string `json:"text"`
	Widget    string `json:"widget,omitempty"`
	// Loop is how many times a say or play is heard (its widget's loop:
	// one entry for loop 3, saying it repeats); 0 for other kinds.
	Loop int `json:"loop,omitempty"`
	// Note says why an inbound entry was not taken (speech a gather does not
	// recognise).
	Note string `json:"note,omitempty"`
}
