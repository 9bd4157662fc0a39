package restapi

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/studio/wire"
	"github.com/studioflow/studioflow/studio/workspace"
)

// writeWithDefinition writes v, whose definition field is null, with def in
// its place. A definition is stored compact and already checked, so it is
// spliced in rather than re-validated by encoding/json: for a 1,000-widget
// flow that is most of the cost of a fetch. The first "definition":null is
// the field itself, since quotes inside earlier string values are escaped.
func writeWithDefinition(w http.ResponseWriter, status int, v any, def json.RawMessage) {
	data, err := json.Marshal(v)
	if err != nil {
		writeError(w, wire.NewError(http.StatusInternalServerError, codeInternal, "the response could not be encoded: %v", err))
		return
	}
	if def != nil {
		data = bytes.Replace(data, []byte(`"definition":null`), append([]byte(`"definition":`), def...), 1)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(data)
}

// The resources of the workspace's records, as this server shows them: its
// base URL and its account, whatever account a record names.

// resources is the resource show makes of each record of a page (an empty
// page is an empty list, [] rather than null in JSON).
func resources[T, R any](q *request, page []T, show func(base, account string, record T) R) []R {
	out := make([]R, len(page))
	for i, record := range page {
		out[i] = show(q.base, q.account, record)
	}
	return out
}

// writeResource answers a GET of one record: the resource show makes of it,
// or err, the store's failure to read it.
func writeResource[T, R any](q *request, record T, err error, show func(base, account string, record T) R) *wire.Error {
	if err != nil {
		return q.storeError(err)
	}
	writeJSON(q.w, http.StatusOK, show(q.base, q.account, record))
	return nil
}

// writeFlow answers with flow f and its definition, or err, the store's
// failure to read or write it.
func (q *request) writeFlow(status int, f workspace.Flow, err error) *wire.Error {
	if err != nil {
		return q.storeError(err)
	}
	writeWithDefinition(q.w, status, newFlow(q.base, q.account, f, false), f.Definition)
	return nil
}

// newFlow is flow f without its definition (writeWithDefinition splices
// the stored one in). A list leaves out the validation fields too, as
// Studio's does.
func newFlow(base, account string, f workspace.Flow, inList bool) wire.Flow {
	out := wire.Flow{
		SID: f.SID, AccountSID: account, FriendlyName: f.FriendlyName, Status: f.Status, Revision: f.Revision,
		WebhookURL: wire.WebhookURL(base, account, f.SID), DateCreated: wire.NewTime(f.DateCreated),
		URL: wire.FlowURL(base, f.SID), Links: wire.FlowLinks(base, f.SID),
	}
	if f.DateUpdated != nil {
		d := wire.NewTime(*f.DateUpdated)
		out.DateUpdated = &d
	}
	if !inList {
		valid := f.Valid
		out.CommitMessage, out.Valid, out.Errors, out.Warnings = f.CommitMessage, &valid, f.Errors, f.Warnings
	}
	return out
}

// newFlowInList is flow f as a list shows it.
func newFlowInList(base, account string, f workspace.Flow) wire.Flow {
	return newFlow(base, account, f, true)
}

// newFlowRevision is revision r without its definition (writeWithDefinition
// splices the stored one in). A revision never changes: date_updated is its
// creation.
func newFlowRevision(base, account string, r workspace.Revision) wire.FlowRevision {
	valid := r.Valid
	created := wire.NewTime(r.DateCreated)
	return wire.FlowRevision{
		SID: r.FlowSID, AccountSID: account, FriendlyName: r.FriendlyName,
		Status: r.Status, Revision: r.Revision, CommitMessage: r.CommitMessage, Valid: &valid, Errors: r.Errors,
		DateCreated: created, DateUpdated: &created,
		URL: base + wire.RevisionPath(r.FlowSID, strconv.Itoa(r.Revision)),
	}
}

// newFlowTestUser is flow f's test users.
func newFlowTestUser(base string, f workspace.Flow) wire.FlowTestUser {
	users := f.TestUsers
	if users == nil {
		users = []string{}
	}
	return wire.FlowTestUser{SID: f.SID, TestUsers: users, URL: base + wire.TestUsersPath(f.SID)}
}

// newExecution is stored execution x.
func newExecution(base, account string, x workspace.Execution) wire.Execution {
	out := wire.Execution{
		SID: x.SID, AccountSID: account, FlowSID: x.FlowSID, Context: wire.OrEmpty(x.Context),
		ContactChannelAddress: x.ContactChannelAddress, ContactSID: x.ContactSID, FlowVersion: x.FlowRevision,
		Status: x.Status, DateCreated: wire.NewTime(x.DateCreated), DateUpdated: wire.NewTime(x.DateUpdated),
		InitiatedBy: x.InitiatedBy, URL: wire.ExecutionURL(base, x.FlowSID, x.SID),
		Links: wire.ExecutionLinks(base, x.FlowSID, x.SID),
	}
	if x.EndedReason != "" {
		out.Ended = &engine.Ending{Kind: x.EndedKind, Reason: x.EndedReason}
	}
	return out
}

// newExecutionContext is stored execution x's context.
func newExecutionContext(base, account string, x workspace.Execution) wire.ExecutionContext {
	return wire.ExecutionContext{
		AccountSID: account, Context: wire.OrEmpty(x.Context), ExecutionSID: x.SID, FlowSID: x.FlowSID,
		URL: wire.ExecutionURL(base, x.FlowSID, x.SID) + "/Context",
	}
}
