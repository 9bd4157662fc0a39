package restapi

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/studio/workspace"
)

// The JSON resources, field for field as seeds 002 and 003 name them.

type flowJSON struct {
	SID           string              `json:"sid"`
	AccountSID    string              `json:"account_sid"`
	FriendlyName  string              `json:"friendly_name"`
	Definition    json.RawMessage     `json:"definition"`
	Status        string              `json:"status"`
	Revision      int                 `json:"revision"`
	CommitMessage *string             `json:"commit_message"`
	Valid         *bool               `json:"valid"`
	Errors        []workspace.Problem `json:"errors"`
	Warnings      []workspace.Problem `json:"warnings"`
	WebhookURL    string              `json:"webhook_url"`
	DateCreated   string              `json:"date_created"`
	DateUpdated   *string             `json:"date_updated"`
	URL           string              `json:"url"`
	Links         map[string]string   `json:"links"`
}

type revisionJSON struct {
	SID           string              `json:"sid"`
	AccountSID    string              `json:"account_sid"`
	FriendlyName  string              `json:"friendly_name"`
	Definition    json.RawMessage     `json:"definition"`
	Status        string              `json:"status"`
	Revision      int                 `json:"revision"`
	CommitMessage *string             `json:"commit_message"`
	Valid         *bool               `json:"valid"`
	Errors        []workspace.Problem `json:"errors"`
	DateCreated   string              `json:"date_created"`
	DateUpdated   *string             `json:"date_updated"`
	URL           string              `json:"url"`
}

type testUsersJSON struct {
	SID       string   `json:"sid"`
	TestUsers []string `json:"test_users"`
	URL       string   `json:"url"`
}

type executionContextJSON struct {
	AccountSID   string         `json:"account_sid"`
	Context      map[string]any `json:"context"`
	ExecutionSID string         `json:"execution_sid"`
	FlowSID      string         `json:"flow_sid"`
	URL          string         `json:"url"`
}

type stepContextJSON struct {
	AccountSID   string         `json:"account_sid"`
	Context      map[string]any `json:"context"`
	ExecutionSID string         `json:"execution_sid"`
	FlowSID      string         `json:"flow_sid"`
	StepSID      string         `json:"step_sid"`
	URL          string         `json:"url"`
}

func isoTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func flowURL(base, sid string) string { return base + "/v2/Flows/" + sid }

func webhookURL(base, account, flow string) string {
	return base + "/v1/Accounts/" + account + "/Flows/" + flow
}

// writeWithDefinition writes v, whose definition field is null, with def in
// its place. A definition is stored compact and already checked, so it is
// spliced in rather than re-validated by encoding/json: for a 1,000-widget
// flow that is most of the cost of a fetch. The first "definition":null is
// the field itself, since quotes inside earlier string values are escaped.
func writeWithDefinition(w http.ResponseWriter, status int, v any, def json.RawMessage) {
	data, err := json.Marshal(v)
	if err != nil {
		writeError(w, newError(http.StatusInternalServerError, codeInternal, "the response could not be encoded: %v", err))
		return
	}
	if def != nil {
		data = bytes.Replace(data, []byte(`"definition":null`), append([]byte(`"definition":`), def...), 1)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(data)
}

// flowResource renders a flow without its definition (writeWithDefinition
// adds it); a list also leaves out the validation fields, as Studio's does.
func flowResource(base, account string, f workspace.Flow, inList bool) flowJSON {
	u := flowURL(base, f.SID)
	out := flowJSON{
		SID: f.SID, AccountSID: account, FriendlyName: f.FriendlyName, Status: f.Status, Revision: f.Revision,
		WebhookURL: webhookURL(base, account, f.SID), DateCreated: isoTime(f.DateCreated), URL: u,
		Links: map[string]string{"test_users": u + "/TestUsers", "revisions": u + "/Revisions", "executions": u + "/Executions"},
	}
	if f.DateUpdated != nil {
		d := isoTime(*f.DateUpdated)
		out.DateUpdated = &d
	}
	if !inList {
		valid := f.Valid
		out.CommitMessage, out.Valid, out.Errors, out.Warnings = f.CommitMessage, &valid, f.Errors, f.Warnings
	}
	return out
}

func revisionResource(base, account string, r workspace.Revision) revisionJSON {
	valid := r.Valid
	created := isoTime(r.DateCreated)
	return revisionJSON{
		SID: r.FlowSID, AccountSID: account, FriendlyName: r.FriendlyName,
		Status: r.Status, Revision: r.Revision, CommitMessage: r.CommitMessage, Valid: &valid, Errors: r.Errors,
		DateCreated: created, DateUpdated: &created,
		URL: flowURL(base, r.FlowSID) + "/Revisions/" + strconv.Itoa(r.Revision),
	}
}

func executionURL(base, flow, sid string) string { return flowURL(base, flow) + "/Executions/" + sid }

// executionResource renders an execution with the engine's record type.
func executionResource(base, account string, x workspace.Execution) engine.ExecutionRecord {
	u := executionURL(base, x.FlowSID, x.SID)
	rec := engine.ExecutionRecord{
		SID: x.SID, AccountSID: account, FlowSID: x.FlowSID, Context: x.Context,
		ContactChannelAddress: x.ContactChannelAddress, ContactSID: x.ContactSID, FlowVersion: x.FlowRevision,
		Status: x.Status, DateCreated: engine.Timestamp(x.DateCreated), DateUpdated: engine.Timestamp(x.DateUpdated),
		InitiatedBy: x.InitiatedBy, URL: u,
		Links: map[string]string{"steps": u + "/Steps", "execution_context": u + "/Context"},
	}
	if rec.Context == nil {
		rec.Context = map[string]any{}
	}
	if x.EndedReason != "" {
		rec.Ended = &engine.Ending{Kind: x.EndedKind, Reason: x.EndedReason}
	}
	return rec
}

// stepResource renders a step with the engine's record type.
func stepResource(base, account string, st workspace.Step) engine.Step {
	u := executionURL(base, st.FlowSID, st.ExecutionSID) + "/Steps/" + st.SID
	ctx := st.Context
	if ctx == nil {
		ctx = map[string]any{}
	}
	return engine.Step{
		SID: st.SID, AccountSID: account, FlowSID: st.FlowSID, ExecutionSID: st.ExecutionSID,
		ParentStepSID: st.ParentStepSID, Name: st.Name, Context: ctx,
		TransitionedFrom: st.TransitionedFrom, TransitionedTo: st.TransitionedTo, Type: st.Type,
		DateCreated: engine.Timestamp(st.DateCreated), DateUpdated: engine.Timestamp(st.DateUpdated),
		URL: u, Links: map[string]string{"step_context": u + "/Context"}, Detail: st.Detail,
	}
}
