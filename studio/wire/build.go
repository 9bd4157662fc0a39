package wire

import (
	"strconv"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/studio/workspace"
)

// StudioBaseURL is Twilio's Studio API: the base of the URLs in resources
// Studio itself would write (studioflow run's report).
const StudioBaseURL = "https://studio.twilio.com"

// FlowURL is the URL of flow sid on the API at base.
func FlowURL(base, sid string) string { return base + "/v2/Flows/" + sid }

// WebhookURL is the URL Twilio posts a flow's incoming messages to.
func WebhookURL(base, account, flow string) string {
	return base + "/v1/Accounts/" + account + "/Flows/" + flow
}

// ExecutionURL is the URL of execution sid of flow.
func ExecutionURL(base, flow, sid string) string { return FlowURL(base, flow) + "/Executions/" + sid }

// StepURL is the URL of step sid of execution exec of flow.
func StepURL(base, flow, exec, sid string) string {
	return ExecutionURL(base, flow, exec) + "/Steps/" + sid
}

// NewFlow is flow f without its definition (the server splices the stored
// one in). A list leaves out the validation fields too, as Studio's does.
func NewFlow(base, account string, f workspace.Flow, inList bool) Flow {
	u := FlowURL(base, f.SID)
	out := Flow{
		SID: f.SID, AccountSID: account, FriendlyName: f.FriendlyName, Status: f.Status, Revision: f.Revision,
		WebhookURL: WebhookURL(base, account, f.SID), DateCreated: NewTime(f.DateCreated), URL: u,
		Links: map[string]string{"test_users": u + "/TestUsers", "revisions": u + "/Revisions", "executions": u + "/Executions"},
	}
	if f.DateUpdated != nil {
		d := NewTime(*f.DateUpdated)
		out.DateUpdated = &d
	}
	if !inList {
		valid := f.Valid
		out.CommitMessage, out.Valid, out.Errors, out.Warnings = f.CommitMessage, &valid, f.Errors, f.Warnings
	}
	return out
}

// NewFlowRevision is revision r without its definition (the server splices
// the stored one in). A revision never changes: date_updated is its
// creation.
func NewFlowRevision(base, account string, r workspace.Revision) FlowRevision {
	valid := r.Valid
	created := NewTime(r.DateCreated)
	return FlowRevision{
		SID: r.FlowSID, AccountSID: account, FriendlyName: r.FriendlyName,
		Status: r.Status, Revision: r.Revision, CommitMessage: r.CommitMessage, Valid: &valid, Errors: r.Errors,
		DateCreated: created, DateUpdated: &created,
		URL: FlowURL(base, r.FlowSID) + "/Revisions/" + strconv.Itoa(r.Revision),
	}
}

// NewFlowTestUser is flow f's test users.
func NewFlowTestUser(base string, f workspace.Flow) FlowTestUser {
	users := f.TestUsers
	if users == nil {
		users = []string{}
	}
	return FlowTestUser{SID: f.SID, TestUsers: users, URL: FlowURL(base, f.SID) + "/TestUsers"}
}

// NewExecution is stored execution x.
func NewExecution(base, account string, x workspace.Execution) Execution {
	u := ExecutionURL(base, x.FlowSID, x.SID)
	out := Execution{
		SID: x.SID, AccountSID: account, FlowSID: x.FlowSID, Context: orEmpty(x.Context),
		ContactChannelAddress: x.ContactChannelAddress, ContactSID: x.ContactSID, FlowVersion: x.FlowRevision,
		Status: x.Status, DateCreated: NewTime(x.DateCreated), DateUpdated: NewTime(x.DateUpdated),
		InitiatedBy: x.InitiatedBy, URL: u,
		Links: map[string]string{"steps": u + "/Steps", "execution_context": u + "/Context"},
	}
	if x.EndedReason != "" {
		out.Ended = &engine.Ending{Kind: x.EndedKind, Reason: x.EndedReason}
	}
	return out
}

// NewExecutionContext is stored execution x's context.
func NewExecutionContext(base, account string, x workspace.Execution) ExecutionContext {
	return ExecutionContext{
		AccountSID: account, Context: orEmpty(x.Context), ExecutionSID: x.SID, FlowSID: x.FlowSID,
		URL: ExecutionURL(base, x.FlowSID, x.SID) + "/Context",
	}
}

// NewExecutionStep is step st.
func NewExecutionStep(base, account string, st engine.Step) ExecutionStep {
	u := StepURL(base, st.FlowSID, st.ExecutionSID, st.SID)
	return ExecutionStep{
		SID: st.SID, AccountSID: account, FlowSID: st.FlowSID, ExecutionSID: st.ExecutionSID,
		ParentStepSID: st.ParentStepSID, Name: st.Name, Context: orEmpty(st.Context),
		TransitionedFrom: st.TransitionedFrom, TransitionedTo: st.TransitionedTo, Type: st.Type,
		DateCreated: NewTime(st.DateCreated), DateUpdated: NewTime(st.DateUpdated),
		URL: u, Links: map[string]string{"step_context": u + "/Context"}, Detail: st.Detail,
	}
}

// NewExecutionStepContext is the context of step st.
func NewExecutionStepContext(base, account string, st engine.Step) ExecutionStepContext {
	return ExecutionStepContext{
		AccountSID: account, Context: orEmpty(st.Context), ExecutionSID: st.ExecutionSID, FlowSID: st.FlowSID, StepSID: st.SID,
		URL: StepURL(base, st.FlowSID, st.ExecutionSID, st.SID) + "/Context",
	}
}

// orEmpty is ctx, or an empty context for none: the API never writes null.
func orEmpty(ctx map[string]any) engine.Context {
	if ctx == nil {
		return engine.Context{}
	}
	return ctx
}
