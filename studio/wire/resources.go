package wire

import (
	"encoding/json"

	"github.com/studioflow/studioflow/engine"
)

// Problem is one error or warning the validator found in a definition
// (typically message and property_path).
type Problem = map[string]any

// Flow is the Flow resource. In a list, CommitMessage, Valid, Errors,
// Warnings and Definition are null, as Studio's are.
type Flow struct {
	SID           string            `json:"sid"`
	AccountSID    string            `json:"account_sid"`
	FriendlyName  string            `json:"friendly_name"`
	Definition    json.RawMessage   `json:"definition"`
	Status        string            `json:"status"`
	Revision      int               `json:"revision"`
	CommitMessage *string           `json:"commit_message"`
	Valid         *bool             `json:"valid"`
	Errors        []Problem         `json:"errors"`
	Warnings      []Problem         `json:"warnings"`
	WebhookURL    string            `json:"webhook_url"`
	DateCreated   Time              `json:"date_created"`
	DateUpdated   *Time             `json:"date_updated"`
	URL           string            `json:"url"`
	Links         map[string]string `json:"links"`
}

// FlowRevision is the FlowRevision resource: one saved version of a flow.
type FlowRevision struct {
	SID           string          `json:"sid"`
	AccountSID    string          `json:"account_sid"`
	FriendlyName  string          `json:"friendly_name"`
	Definition    json.RawMessage `json:"definition"`
	Status        string          `json:"status"`
	Revision      int             `json:"revision"`
	CommitMessage *string         `json:"commit_message"`
	Valid         *bool           `json:"valid"`
	Errors        []Problem       `json:"errors"`
	DateCreated   Time            `json:"date_created"`
	DateUpdated   *Time           `json:"date_updated"`
	URL           string          `json:"url"`
}

// FlowValidation is the answer of Flows/Validate to a valid definition (an
// invalid one is an Error listing the problems in its details).
type FlowValidation struct {
	Valid bool `json:"valid"`
}

// FlowTestUser is the FlowTestUser resource: the numbers that may run a
// draft.
type FlowTestUser struct {
	SID       string   `json:"sid"`
	TestUsers []string `json:"test_users"`
	URL       string   `json:"url"`
}

// Execution is the Execution resource, plus ended_reason (not Studio's),
// telling a person how and why the execution ended.
type Execution struct {
	SID                   string            `json:"sid"`
	AccountSID            string            `json:"account_sid"`
	FlowSID               string            `json:"flow_sid"`
	Context               engine.Context    `json:"context"`
	ContactChannelAddress string            `json:"contact_channel_address"`
	ContactSID            string            `json:"contact_sid"`
	FlowVersion           int               `json:"flow_version"`
	Status                string            `json:"status"`
	DateCreated           Time              `json:"date_created"`
	DateUpdated           Time              `json:"date_updated"`
	InitiatedBy           string            `json:"initiated_by"`
	URL                   string            `json:"url"`
	Links                 map[string]string `json:"links"`
	Ended                 *engine.Ending    `json:"ended_reason,omitempty"`
}

// ExecutionContext is the ExecutionContext resource: an execution's
// current context.
type ExecutionContext struct {
	AccountSID   string         `json:"account_sid"`
	Context      engine.Context `json:"context"`
	ExecutionSID string         `json:"execution_sid"`
	FlowSID      string         `json:"flow_sid"`
	URL          string         `json:"url"`
}

// ExecutionStep is the ExecutionStep resource: one widget exited on one
// event. Detail (not Studio's) explains a failure or an error event in
// words.
type ExecutionStep struct {
	SID              string            `json:"sid"`
	AccountSID       string            `json:"account_sid"`
	FlowSID          string            `json:"flow_sid"`
	ExecutionSID     string            `json:"execution_sid"`
	ParentStepSID    *string           `json:"parent_step_sid"`
	Name             string            `json:"name"`
	Context          engine.Context    `json:"context"`
	TransitionedFrom string            `json:"transitioned_from"`
	TransitionedTo   string            `json:"transitioned_to"`
	Type             string            `json:"type"`
	DateCreated      Time              `json:"date_created"`
	DateUpdated      Time              `json:"date_updated"`
	URL              string            `json:"url"`
	Links            map[string]string `json:"links"`
	Detail           string            `json:"detail,omitempty"`
}

// ExecutionStepContext is the ExecutionStepContext resource: the context
// at the moment of one step.
type ExecutionStepContext struct {
	AccountSID   string         `json:"account_sid"`
	Context      engine.Context `json:"context"`
	ExecutionSID string         `json:"execution_sid"`
	FlowSID      string         `json:"flow_sid"`
	StepSID      string         `json:"step_sid"`
	URL          string         `json:"url"`
}
