package engine

import (
	"fmt"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/model"
)

// What a caller sets up for widgets is never passed over without a word: a
// name no widget has, a canned response for a widget that sends no
// request, or both for one widget, and Start refuses it before running.
func TestStartRefusesCallerChoicesNoWidgetCanUse(t *testing.T) {
	f := testFlow(t,
		trigger("incomingMessage>allow_list"),
		widget("allow_list", "make-http-request", `{"url":"https://nowhere.invalid","method":"GET"}`, "success>ask,failed>"),
		widget("ask", "send-and-wait-for-reply", `{"body":"?"}`, "incomingMessage>,timeout>,deliveryFailure>"),
	)
	canned := []CannedResponse{{Status: 200, ContentType: "application/json", Body: `{"matched":true}`}}
	for _, tt := range []struct {
		name string
		opts StartOptions
		want string
	}{
		{"a misspelt outcome", StartOptions{Outcomes: map[string]Outcome{"alow_list": {Event: "failed"}}},
			`outcome alow_list=failed: the flow has no widget named "alow_list"`},
		{"a misspelt canned response", StartOptions{HTTP: map[string][]CannedResponse{"alow_list": canned}},
			`canned response for alow_list: the flow has no widget named "alow_list"`},
		{"a canned response for a widget that sends none", StartOptions{HTTP: map[string][]CannedResponse{"ask": canned}},
			"canned response for ask: ask is a send-and-wait-for-reply widget, which makes no HTTP request"},
		{"both for one widget", StartOptions{Outcomes: map[string]Outcome{"allow_list": {Event: "success"}}, HTTP: map[string][]CannedResponse{"allow_list": canned}},
			"allow_list has both an outcome (success) and a canned response"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rt, _ := testRuntime(Config{})
			x, _, err := rt.Start(f, Trigger{Event: TriggerMessage, From: "+1555"}, tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Start error %v, want %q", err, tt.want)
			}
			if x != nil {
				t.Fatalf("an execution started: %+v", x)
			}
		})
	}
	t.Run("the canned response alone decides", func(t *testing.T) {
		rt, _ := testRuntime(Config{})
		x, _ := start(t, rt, f, Trigger{Event: TriggerMessage, From: "+1555"}, StartOptions{HTTP: map[string][]CannedResponse{"allow_list": canned}})
		if widgetOutput(x, "allow_list", "parsed", "matched") != true {
			t.Fatalf("outputs %v", widgetOutput(x, "allow_list"))
		}
	})
}

// A subflow's widgets take outcomes and canned responses by their names; a
// subflow that cannot be found (its flow_sid written with Liquid, or naming
// no flow) never runs, so a name only it could have is refused too.
func TestCallerChoicesForSubflowWidgets(t *testing.T) {
	inner := testFlow(t,
		trigger("incomingParent>lookup"),
		widget("lookup", "make-http-request", `{"url":"https://nowhere.invalid","method":"GET"}`, "success>,failed>"),
	)
	find := func(sid string) (*model.Flow, error) {
		if sid == "FW00000000000000000000000000000001" {
			return inner, nil
		}
		return nil, fmt.Errorf("no flow %s", sid)
	}
	outer := func(flowSID string) *model.Flow {
		return testFlow(t,
			trigger("incomingMessage>sub"),
			widget("sub", "run-subflow", `{"flow_sid":"`+flowSID+`","flow_revision":"LatestPublished"}`, "completed>,failed>"),
		)
	}
	canned := map[string][]CannedResponse{"lookup": {{Status: 200, ContentType: "application/json", Body: `{}`}}}
	rt, _ := testRuntime(Config{Subflows: find})
	if _, _, err := rt.Start(outer("FW00000000000000000000000000000001"), Trigger{Event: TriggerMessage, From: "+1555"}, StartOptions{HTTP: canned}); err != nil {
		t.Fatalf("a canned response for the subflow's widget: %v", err)
	}
	_, _, err := rt.Start(outer("FW00000000000000000000000000000001"), Trigger{Event: TriggerMessage, From: "+1555"},
		StartOptions{Outcomes: map[string]Outcome{"lokup": {Event: "failed"}}})
	if want := `the flow has no widget named "lokup" (nor do the subflows it runs)`; err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("Start error %v, want %q", err, want)
	}
	for _, sid := range []string{"{{flow.data.sub}}", "FW00000000000000000000000000000009"} {
		if _, _, err := rt.Start(outer(sid), Trigger{Event: TriggerMessage, From: "+1555"},
			StartOptions{Outcomes: map[string]Outcome{"lookup": {Event: "failed"}}}); err == nil || !strings.Contains(err.Error(), `no widget named "lookup"`) {
			t.Errorf("an outcome for a widget of a subflow %s cannot find: Start error %v", sid, err)
		}
	}
}
