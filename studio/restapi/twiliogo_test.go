package restapi

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"testing"

	twilio "github.com/twilio/twilio-go"
	twclient "github.com/twilio/twilio-go/client"
	studio "github.com/twilio/twilio-go/rest/studio/v2"
)

// toLocal sends requests for studio.twilio.com to the local server; the
// helper library itself is used unchanged.
type toLocal struct {
	target *url.URL
}

func (l toLocal) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.URL.Host == "studio.twilio.com" {
		r = r.Clone(r.Context())
		r.URL.Scheme, r.URL.Host, r.Host = l.target.Scheme, l.target.Host, l.target.Host
	}
	return http.DefaultTransport.RoundTrip(r)
}

func twilioClient(t *testing.T, ts *testServer, token string) *twilio.RestClient {
	target, err := url.Parse(ts.URL)
	if err != nil {
		t.Fatal(err)
	}
	base := &twclient.Client{
		Credentials: twclient.NewCredentials(ts.account, token),
		HTTPClient:  &http.Client{Transport: toLocal{target}},
	}
	base.SetAccountSid(ts.account)
	return twilio.NewRestClientWithParams(twilio.ClientParams{Client: base})
}

func TestOfficialGoHelperLibrary(t *testing.T) {
	ts := newTestServer(t)
	api := twilioClient(t, ts, ts.token).StudioV2

	var definition any
	if err := json.Unmarshal([]byte(askFlow), &definition); err != nil {
		t.Fatal(err)
	}
	// Validate, create, update, list.
	valid, err := api.UpdateFlowValidate((&studio.UpdateFlowValidateParams{}).
		SetFriendlyName("Ask").SetStatus("draft").SetDefinition(definition))
	if err != nil || valid.Valid == nil || !*valid.Valid {
		t.Fatalf("validate: %v %+v", err, valid)
	}
	flow, err := api.CreateFlow((&studio.CreateFlowParams{}).
		SetFriendlyName("Ask").SetStatus("draft").SetDefinition(definition).SetCommitMessage("First draft"))
	if err != nil {
		t.Fatalf("create flow: %v", err)
	}
	if flow.Sid == nil || flow.Revision != 1 || *flow.Status != "draft" || flow.Valid == nil || !*flow.Valid {
		t.Fatalf("created flow = %+v", flow)
	}
	flow, err = api.UpdateFlow(*flow.Sid, (&studio.UpdateFlowParams{}).SetStatus("published").SetCommitMessage("Live"))
	if err != nil || flow.Revision != 2 || *flow.Status != "published" || *flow.CommitMessage != "Live" {
		t.Fatalf("update flow: %v %+v", err, flow)
	}
	for _, name := range []string{"Second", "Third"} {
		if _, err := api.CreateFlow((&studio.CreateFlowParams{}).SetFriendlyName(name).SetStatus("draft").SetDefinition(definition)); err != nil {
			t.Fatalf("create %s: %v", name, err)
		}
	}
	// PageSize 2 makes the library follow next_page_url.
	flows, err := api.ListFlow((&studio.ListFlowParams{}).SetPageSize(2))
	if err != nil || len(flows) != 3 || *flows[0].Sid != *flow.Sid || *flows[0].FriendlyName != "Ask" {
		t.Fatalf("list flows: %v, %d flows", err, len(flows))
	}
	if flows[0].Definition != nil {
		t.Errorf("listed flow has a definition")
	}

	// Create an execution, read its steps and context.
	exec, err := api.CreateExecution(*flow.Sid, (&studio.CreateExecutionParams{}).
		SetTo("+15551230001").SetFrom("+15550009999").SetParameters(map[string]any{"name": "Zeke"}))
	if err != nil || *exec.Status != "active" || *exec.FlowSid != *flow.Sid {
		t.Fatalf("create execution: %v %+v", err, exec)
	}
	steps, err := api.ListExecutionStep(*flow.Sid, *exec.Sid, nil)
	if err != nil || len(steps) != 1 || *steps[0].Name != "incomingRequest" || *steps[0].TransitionedTo != "ask" {
		t.Fatalf("steps: %v %+v", err, steps)
	}
	step, err := api.FetchExecutionStep(*flow.Sid, *exec.Sid, *steps[0].Sid)
	if err != nil || *step.TransitionedFrom != "Trigger" {
		t.Fatalf("fetch step: %v %+v", err, step)
	}
	ctx, err := api.FetchExecutionContext(*flow.Sid, *exec.Sid)
	if err != nil {
		t.Fatalf("context: %v", err)
	}
	c := (*ctx.Context).(map[string]any)
	if lookup(c, "flow", "data", "name") != "Zeke" || lookup(c, "widgets", "ask", "outbound", "Body") != "Hi Zeke, what is your name?" {
		t.Errorf("context = %v", c)
	}
	stepCtx, err := api.FetchExecutionStepContext(*flow.Sid, *exec.Sid, *steps[0].Sid)
	if err != nil || *stepCtx.StepSid != *steps[0].Sid {
		t.Fatalf("step context: %v %+v", err, stepCtx)
	}

	// The library reads Studio's 409 with its details.
	_, err = api.CreateExecution(*flow.Sid, (&studio.CreateExecutionParams{}).SetTo("+15551230001").SetFrom("+15550009999"))
	var restErr *twclient.TwilioRestError
	if !errors.As(err, &restErr) || restErr.Status != 409 || restErr.Code != 20409 || restErr.Details["conflicting_execution_sid"] != *exec.Sid {
		t.Fatalf("second execution: %v", err)
	}
	ended, err := api.UpdateExecution(*flow.Sid, *exec.Sid, (&studio.UpdateExecutionParams{}).SetStatus("ended"))
	if err != nil || *ended.Status != "ended" {
		t.Fatalf("end execution: %v", err)
	}
	execs, err := api.ListExecution(*flow.Sid, nil)
	if err != nil || len(execs) != 1 || *execs[0].Status != "ended" {
		t.Fatalf("list executions: %v %d", err, len(execs))
	}

	// Wrong credentials get the library's error for a 401.
	_, err = twilioClient(t, ts, "0000wrongtoken0000").StudioV2.FetchFlow(*flow.Sid)
	if !errors.As(err, &restErr) || restErr.Status != 401 || restErr.Code != 20003 {
		t.Fatalf("wrong token: %v", err)
	}
}
