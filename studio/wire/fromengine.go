package wire

import "github.com/studioflow/studioflow/engine"

// NewEngineExecution is the Execution resource of engine execution x, run
// on revision rev of its flow, with its URLs on base (studioflow run's
// report). It shows the ending as the engine has it, with the widget a
// failure names.
func NewEngineExecution(base string, x *engine.Execution, rev int) Execution {
	return Execution{
		SID: x.SID, AccountSID: x.AccountSID, FlowSID: x.FlowSID, Context: OrEmpty(x.Context()),
		ContactChannelAddress: x.ContactChannelAddress, ContactSID: x.ContactSID, FlowVersion: rev,
		Status: x.Status, DateCreated: NewTime(x.DateCreated), DateUpdated: NewTime(x.DateUpdated),
		InitiatedBy: x.InitiatedBy, URL: ExecutionURL(base, x.FlowSID, x.SID),
		Links: ExecutionLinks(base, x.FlowSID, x.SID), Ended: x.Ended,
	}
}

// NewExecutionStep is step st. The account is the one the API answers
// for, not the step's own AccountSID: a server shows every resource under
// its account.
func NewExecutionStep(base, account string, st engine.Step) ExecutionStep {
	u := StepURL(base, st.FlowSID, st.ExecutionSID, st.SID)
	return ExecutionStep{
		SID: st.SID, AccountSID: account, FlowSID: st.FlowSID, ExecutionSID: st.ExecutionSID,
		ParentStepSID: st.ParentStepSID, Name: st.Name, Context: OrEmpty(st.Context),
		TransitionedFrom: st.TransitionedFrom, TransitionedTo: st.TransitionedTo, Type: st.Type,
		DateCreated: NewTime(st.DateCreated), DateUpdated: NewTime(st.DateUpdated),
		URL: u, Links: map[string]string{"step_context": u + "/Context"}, Detail: st.Detail,
	}
}

// NewExecutionStepContext is the context of step st.
func NewExecutionStepContext(base, account string, st engine.Step) ExecutionStepContext {
	return ExecutionStepContext{
		AccountSID: account, Context: OrEmpty(st.Context), ExecutionSID: st.ExecutionSID, FlowSID: st.FlowSID, StepSID: st.SID,
		URL: StepURL(base, st.FlowSID, st.ExecutionSID, st.SID) + "/Context",
	}
}

// OrEmpty is ctx, or an empty context for none: the API never writes null.
func OrEmpty(ctx map[string]any) engine.Context {
	if ctx == nil {
		return engine.Context{}
	}
	return ctx
}
