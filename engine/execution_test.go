package engine

import (
	"strings"
	"testing"
	"time"
)

// An execution has what Studio's would: SIDs of Studio's form, the contact,
// the flow's, contact's, trigger's and widgets' context namespaces, and a
// step per widget exited (their stored JSON is pinned in studio/workspace).
func TestExecutionHasStudiosSIDsContextAndSteps(t *testing.T) {
	f := testFlow(t,
		trigger("incomingMessage>hello,incomingCall>"),
		widget("hello", "send-message", `{"body":"Hi {{trigger.message.Body}} from {{flow.channel.address}}"}`, "sent>,failed>"),
	)
	rt, _ := testRuntime(Config{})
	x, evs := start(t, rt, f, Trigger{Event: TriggerMessage, From: "+15551234567", To: "+15005550006", Body: "Ann"}, StartOptions{})
	if got, want := path(x), "Trigger:incomingMessage>hello hello:sent>Ended"; got != want {
		t.Fatalf("steps = %s, want %s", got, want)
	}
	wantEnded(t, x, EndCompleted, "ended at hello on sent")
	for _, sid := range []string{x.SID, x.FlowSID, x.AccountSID, x.ContactSID, x.Steps[0].SID} {
		if !sidPattern.MatchString(sid) {
			t.Errorf("SID %q is not two letters and 32 hex digits", sid)
		}
	}
	if !strings.HasPrefix(x.SID, "FN") || !strings.HasPrefix(x.Steps[0].SID, "FT") {
		t.Errorf("execution %s / step %s prefixes", x.SID, x.Steps[0].SID)
	}
	if x.ContactChannelAddress != "+15551234567" {
		t.Errorf("contact_channel_address = %s", x.ContactChannelAddress)
	}
	var send *Event
	for i := range evs {
		if evs[i].Kind == EventSend {
			send = &evs[i]
		}
	}
	if send == nil || send.Text != "Hi Ann from +15005550006" || send.To != "+15551234567" {
		t.Fatalf("send event = %+v", send)
	}
	if got := x.DateCreated.UTC().Format(time.RFC3339); got != "2024-03-05T17:00:00Z" {
		t.Errorf("date_created = %v", got)
	}
	ctx := x.Context()
	flow := ctx["flow"].(map[string]any)
	if flow["sid"] != x.SID || flow["flow_sid"] != x.FlowSID {
		t.Errorf("flow namespace = %v", flow)
	}
	if ctx["contact"].(map[string]any)["channel"].(map[string]any)["address"] != "+15551234567" {
		t.Errorf("contact namespace = %v", ctx["contact"])
	}
	msg := ctx["trigger"].(map[string]any)["message"].(map[string]any)
	if msg["Body"] != "Ann" || msg["From"] != "+15551234567" || !strings.HasPrefix(msg["MessageSid"].(string), "SM") {
		t.Errorf("trigger.message = %v", msg)
	}
	out := ctx["widgets"].(map[string]any)["hello"].(map[string]any)
	if out["outbound"].(map[string]any)["Body"] != "Hi Ann from +15005550006" || out["message"].(map[string]any)["To"] != "+15551234567" {
		t.Errorf("widgets.hello = %v", out)
	}
	if st := x.Steps[1]; st.Name != "sent" || st.TransitionedFrom != "hello" || st.TransitionedTo != EndedTransition ||
		st.Type != "send-message" || st.ExecutionSID != x.SID || st.FlowSID != x.FlowSID || st.ParentStepSID != nil {
		t.Errorf("step = %+v", st)
	}
}

func TestStepContextIsASnapshot(t *testing.T) {
	f := testFlow(t,
		trigger("incomingRequest>a"),
		widget("a", "set-variables", `{"variables":[{"key":"n","value":"1"}]}`, "next>b"),
		widget("b", "set-variables", `{"variables":[{"key":"n","value":"{{flow.variables.n | plus: 1}}"}]}`, "next>"),
	)
	rt, _ := testRuntime(Config{})
	x, _ := start(t, rt, f, Trigger{Event: TriggerRequest, To: "+1555", Parameters: map[string]any{"name": "Zeke"}}, StartOptions{})
	if got := lookup(x.Steps[1].Context, "flow", "variables", "n"); got != int64(1) {
		t.Errorf("step a snapshot n = %#v, want 1", got)
	}
	if got := x.Variables()["n"]; got != int64(2) {
		t.Errorf("final n = %#v, want 2", got)
	}
	if got := lookup(x.Context(), "flow", "data", "name"); got != "Zeke" {
		t.Errorf("flow.data.name = %v", got)
	}
	if got := lookup(x.Context(), "trigger", "request", "parameters", "name"); got != "Zeke" {
		t.Errorf("trigger.request.parameters.name = %v", got)
	}
	if x.ContactChannelAddress != "+1555" {
		t.Errorf("REST contact = %s, want the To address", x.ContactChannelAddress)
	}
}

func TestStartRejectsUnknownTrigger(t *testing.T) {
	rt, _ := testRuntime(Config{})
	if _, _, err := rt.Start(testFlow(t, trigger("")), Trigger{Event: "incomingFax"}, StartOptions{}); err == nil || !strings.Contains(err.Error(), "incomingFax") {
		t.Fatalf("err = %v", err)
	}
}
