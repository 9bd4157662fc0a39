package engine

import (
	"encoding/json"
	"time"
)

// Timestamp is a time that marshals as Studio's ISO 8601 UTC form.
type Timestamp time.Time

// MarshalJSON writes e.g. "2015-07-30T20:00:00Z".
func (t Timestamp) MarshalJSON() ([]byte, error) {
	return json.Marshal(time.Time(t).UTC().Format(time.RFC3339))
}

// Execution status values, as Studio's REST API reports them.
const (
	StatusActive = "active"
	StatusEnded  = "ended"
)

// How an execution ended.
const (
	EndCompleted = "completed" // a transition with no next, or the call or API ended it
	EndFailed    = "failed"    // an error in the flow: broken Liquid, dangling next, unknown widget, …
	EndLimit     = "limit"     // one of Studio's runtime limits stopped it
	EndStopped   = "stopped"   // ended from outside (REST Status=ended, Host.End)
)

// Ending says how and why an execution ended.
type Ending struct {
	Kind   string `json:"kind"`
	Reason string `json:"reason"`
	// Widget names the widget whose error ended a failed execution (such a
	// widget has no step: none of its events happened).
	Widget string `json:"widget,omitempty"`
}

// ExecutionRecord is the Execution resource of Studio's REST API (v2), plus
// the non-REST ended_reason telling a person why the execution stopped.
type ExecutionRecord struct {
	SID                   string            `json:"sid"`
	AccountSID            string            `json:"account_sid"`
	FlowSID               string            `json:"flow_sid"`
	Context               map[string]any    `json:"context"`
	ContactChannelAddress string            `json:"contact_channel_address"`
	ContactSID            string            `json:"contact_sid"`
	FlowVersion           int               `json:"flow_version"`
	Status                string            `json:"status"`
	DateCreated           Timestamp         `json:"date_created"`
	DateUpdated           Timestamp         `json:"date_updated"`
	InitiatedBy           string            `json:"initiated_by"`
	URL                   string            `json:"url"`
	Links                 map[string]string `json:"links"`
	Ended                 *Ending           `json:"ended_reason,omitempty"`
}

// Step is the Step resource of Studio's REST API (v2): one widget exited on
// one event. Detail is not in Studio's resource: it explains a failure or an
// error event (an HTTP timeout, a template error) in words.
type Step struct {
	SID              string            `json:"sid"`
	AccountSID       string            `json:"account_sid"`
	FlowSID          string            `json:"flow_sid"`
	ExecutionSID     string            `json:"execution_sid"`
	ParentStepSID    *string           `json:"parent_step_sid"`
	Name             string            `json:"name"`
	Context          map[string]any    `json:"context"`
	TransitionedFrom string            `json:"transitioned_from"`
	TransitionedTo   string            `json:"transitioned_to"`
	Type             string            `json:"type"`
	DateCreated      Timestamp         `json:"date_created"`
	DateUpdated      Timestamp         `json:"date_updated"`
	URL              string            `json:"url"`
	Links            map[string]string `json:"links"`
	Detail           string            `json:"detail,omitempty"`
	// Branch is, for a split's match, the 1-based position of the condition
	// transition followed among the widget's transitions (0 otherwise). Not
	// in Studio's resource: coverage tells apart conditions that share a next.
	Branch int `json:"-"`
}

// ChosenByCaller is the Detail of a step whose event the caller chose (an
// Outcome, or an outcome button): nothing was really sent or requested.
const ChosenByCaller = "outcome chosen by the caller"

// EndedTransition is Studio's transitioned_to for a transition with no next.
const EndedTransition = "Ended"
