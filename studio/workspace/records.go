package workspace

import (
	"encoding/json"
	"time"

	"github.com/studioflow/studioflow/engine"
)

// Flow statuses.
const (
	StatusDraft     = "draft"
	StatusPublished = "published"
)

// Problem is one error or warning the validator found in a definition, kept
// as the validator reported it (typically message and property_path).
type Problem = map[string]any

// Revision is one immutable version of a flow: what a save wrote.
type Revision struct {
	FlowSID       string          `json:"sid"`
	AccountSID    string          `json:"account_sid"`
	Revision      int             `json:"revision"`
	FriendlyName  string          `json:"friendly_name"`
	Status        string          `json:"status"`
	CommitMessage *string         `json:"commit_message"`
	Definition    json.RawMessage `json:"definition"`
	Valid         bool            `json:"valid"`
	Errors        []Problem       `json:"errors"`
	Warnings      []Problem       `json:"warnings"`
	DateCreated   time.Time       `json:"date_created"`
}

// Flow is a flow as Studio shows it: its latest revision, plus what is not
// revisioned (creation date, test users). Definition is nil when the flow
// comes from List.
type Flow struct {
	SID             string          `json:"sid"`
	AccountSID      string          `json:"account_sid"`
	FriendlyName    string          `json:"friendly_name"`
	Status          string          `json:"status"`
	Revision        int             `json:"revision"`
	LatestPublished int             `json:"latest_published"` // 0 when never published
	CommitMessage   *string         `json:"commit_message"`
	Valid           bool            `json:"valid"`
	Errors          []Problem       `json:"errors"`
	Warnings        []Problem       `json:"warnings"`
	DateCreated     time.Time       `json:"date_created"`
	DateUpdated     *time.Time      `json:"date_updated"`
	TestUsers       []string        `json:"test_users"`
	Definition      json.RawMessage `json:"-"`
}

// Save is what a create or an update writes: one new revision.
type Save struct {
	FriendlyName  string
	Status        string
	CommitMessage *string
	Definition    json.RawMessage // compact JSON, member order as received
	Valid         bool
	Errors        []Problem
	Warnings      []Problem
}

// Execution is a stored execution: the Execution resource as the engine
// reports it (context included) and the flow revision it runs.
type Execution struct {
	SID                   string         `json:"sid"`
	AccountSID            string         `json:"account_sid"`
	FlowSID               string         `json:"flow_sid"`
	FlowRevision          int            `json:"flow_revision"`
	ContactSID            string         `json:"contact_sid"`
	ContactChannelAddress string         `json:"contact_channel_address"`
	InitiatedBy           string         `json:"initiated_by"`
	Status                string         `json:"status"`
	EndedKind             string         `json:"ended_kind,omitempty"` // engine.EndCompleted, EndFailed, …
	EndedReason           string         `json:"ended_reason,omitempty"`
	Context               engine.Context `json:"context"`
	DateCreated           time.Time      `json:"date_created"`
	DateUpdated           time.Time      `json:"date_updated"`
}
