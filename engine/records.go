package engine

import (
	"encoding/json"
	"fmt"
	"time"
)

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

// Step is one widget exited on one event: what Studio's REST API shows as
// an execution step, and what the workspace stores. AccountSID is the
// account the execution ran under; the REST layer (studio/wire) shows a
// step under the account the API answers for, which for a workspace's
// executions is the same, and adds the URLs and links. Detail is not in
// Studio's resource: it explains a failure or an error event (an HTTP
// timeout, a template error) in words.
//
// The JSON tags are an on-disk format: the workspace stores each step as
// this JSON (studio/workspace TestStepIsStoredInItsOnDiskFormat pins the
// bytes), so renaming a tag or changing omitempty strands the steps of
// existing workspaces; add fields, never rename them. UnmarshalJSON reads
// the context back with DecodeContext.
type Step struct {
	SID              string         `json:"sid"`
	AccountSID       string         `json:"account_sid"`
	FlowSID          string         `json:"flow_sid"`
	ExecutionSID     string         `json:"execution_sid"`
	ParentStepSID    *string        `json:"parent_step_sid"`
	Name             string         `json:"name"`
	Type             string         `json:"type"`
	TransitionedFrom string         `json:"transitioned_from"`
	TransitionedTo   string         `json:"transitioned_to"`
	Detail           string         `json:"detail,omitempty"`
	Context          map[string]any `json:"context"`
	DateCreated      time.Time      `json:"date_created"`
	DateUpdated      time.Time      `json:"date_updated"`
	// Branch is, for a split's match, the 1-based position of the condition
	// transition followed among the widget's transitions (0 otherwise). Not
	// in Studio's resource: coverage tells apart conditions that share a next.
	Branch int `json:"branch,omitempty"`
}

// UnmarshalJSON reads a step written with json.Marshal, its context with
// DecodeContext (member order of outside JSON kept, whole numbers int).
func (s *Step) UnmarshalJSON(data []byte) error {
	type plain Step
	v := struct {
		*plain
		Context json.RawMessage `json:"context"`
	}{plain: (*plain)(s)}
	if err := json.Unmarshal(data, &v); err != nil {
		return fmt.Errorf("reading a step: %w", err)
	}
	ctx, err := DecodeContext(v.Context)
	if err != nil {
		return fmt.Errorf("step %s: %w", s.SID, err)
	}
	s.Context = ctx
	return nil
}

// ChosenByCaller is the Detail of a step whose event the caller chose (an
// Outcome, or an outcome button): nothing was really sent or requested.
const ChosenByCaller = "outcome chosen by the caller"

// EndedTransition is Studio's transitioned_to for a transition with no next.
const EndedTransition = "Ended"
