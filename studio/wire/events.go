package wire

import "github.com/studioflow/studioflow/engine"

// Event is one event of GET …/Executions/{FN}/Events (not Studio's): what
// the flow said or sent, a step, a wait, the end.
type Event struct {
	Kind         string         `json:"kind"`
	ExecutionSID string         `json:"execution_sid"`
	Widget       string         `json:"widget,omitempty"`
	Text         string         `json:"text,omitempty"`
	To           string         `json:"to,omitempty"`
	From         string         `json:"from,omitempty"`
	Step         *ExecutionStep `json:"step,omitempty"`
	Ending       *engine.Ending `json:"ending,omitempty"`
	Waiting      string         `json:"waiting_for,omitempty"`
}

// WebhookReply is the JSON answer to an incoming message for a request that
// asks for JSON (not Studio's; Twilio gets empty TwiML): the execution it
// started or resumed and what the flow sent back during this request.
type WebhookReply struct {
	Execution Execution         `json:"execution"`
	Messages  []OutboundMessage `json:"messages"`
}

// OutboundMessage is one thing the flow sent or said in a WebhookReply.
type OutboundMessage struct {
	Widget string `json:"widget"`
	Kind   string `json:"kind"` // send, say, play, …
	Body   string `json:"body"`
	To     string `json:"to,omitempty"`
	From   string `json:"from,omitempty"`
}
