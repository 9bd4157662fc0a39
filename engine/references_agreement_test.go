package engine

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/model"
)

// probeReads are the values a probe Set Variables reads, one pair each:
// what every trigger namespace and flow.data hold, and a flow variable.
var probeReads = []string{
	"{{trigger.message.From}}", "{{trigger.call.From}}", "{{trigger.conversation.Author}}",
	"{{trigger.request.to}}", "{{trigger.parent.parameters.p}}", "{{flow.data.d}}", "{{flow.variables.v}}",
	// Read as the engine reads them: whitespace control, literals.
	"{{-trigger.call.From-}}", "{% raw %}{{flow.data.d}}{% endraw %}", "{{ 'trigger.call.From' }}", "{{flow.variables.v-}}",
}

// probe is a Set Variables named name reading every probeReads into k0, k1, …
func probe(name, transitions string) string {
	var pairs []string
	for k, r := range probeReads {
		pairs = append(pairs, fmt.Sprintf(`{"key":"k%d","value":%q}`, k, r))
	}
	return widget(name, "set-variables", `{"variables":[`+strings.Join(pairs, ",")+`]}`, transitions)
}

// The validator warns about a reference exactly where the engine renders
// it empty, for executions started by each trigger event. Inside a
// subflow, which gets its parent's trigger data (whatever the parent was)
// but no flow.data, it warns only where every parent leaves it empty.
func TestValidatorWarnsOfTheReferencesTheEngineRendersEmpty(t *testing.T) {
	_, val := testValidator(t)
	setV := widget("set_v", "set-variables", `{"variables":[{"key":"v","value":"set"}]}`, "next>probe")
	cases := []struct {
		name    string
		trig    Trigger
		flow    []string
		sub     []string // the subflow the flow runs, which holds the probe
		outputs string   // the run-subflow widget whose outputs are the probe's values ("": the flow's variables)
		// unknown: references the validator cannot judge, as they depend
		// on the parent flow (it does not warn).
		unknown []string
	}{
		{name: "message", trig: Trigger{Event: TriggerMessage, Body: "hi"}, flow: []string{trigger("incomingMessage>set_v"), setV, probe("probe", "next>")}},
		{name: "call", trig: Trigger{Event: TriggerCall}, flow: []string{trigger("incomingCall>set_v"), setV, probe("probe", "next>")}},
		{name: "conversation", trig: Trigger{Event: TriggerConversation, Body: "hi"}, flow: []string{trigger("incomingConversationMessage>set_v"), setV, probe("probe", "next>")}},
		{name: "REST API", trig: Trigger{Event: TriggerRequest, Parameters: map[string]any{"d": "data"}}, flow: []string{trigger("incomingRequest>probe"), probe("probe", "next>")}},
		{name: "subflow of a message flow", trig: Trigger{Event: TriggerMessage, Body: "hi"},
			flow:    []string{trigger("incomingMessage>run"), widget("run", "run-subflow", `{"flow_sid":"`+subflowSID+`","flow_revision":"LatestPublished","parameters":[{"key":"p","value":"param"}]}`, "completed>,failed>")},
			sub:     []string{trigger("incomingParent>set_v"), setV, probe("probe", "next>")},
			outputs: "run", unknown: []string{"{{trigger.call.From}}", "{{trigger.conversation.Author}}", "{{trigger.request.to}}", "{{-trigger.call.From-}}"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := testFlow(t, c.flow...)
			probed, find := f, func(string) (*model.Flow, error) { return nil, fmt.Errorf("no subflows") }
			if c.sub != nil {
				probed = testFlow(t, c.sub...)
				find = func(string) (*model.Flow, error) { return probed, nil }
			}
			warned := map[string]bool{}
			for _, d := range val.WithSubflows(func(string) error { return nil }).ValidateFlow(probed) {
				if d.Widget == "probe" && d.Rule == "reference" {
					warned[d.Path] = true
				}
			}
			rt, _ := testRuntime(Config{Subflows: find})
			c.trig.From, c.trig.To = "+15550001", "+15550002"
			x, _ := start(t, rt, f, c.trig, StartOptions{})
			if x.Ended == nil || x.Ended.Kind != EndCompleted {
				t.Fatalf("the execution did not complete: %+v", x.Ended)
			}
			vars := x.Variables()
			if c.outputs != "" {
				vars, _ = lookup(x.ctx, "widgets", c.outputs).(map[string]any)
			}
			sound := 0
			for k, read := range probeReads {
				path := fmt.Sprintf("/states/%d/properties/variables/%d/value", probed.IndexOf("probe"), k)
				empty := Text(vars[fmt.Sprintf("k%d", k)]) == ""
				if slices.Contains(c.unknown, read) {
					if warned[path] {
						t.Errorf("%s: warned, though a parent flow may fill it", read)
					}
					continue
				}
				if empty != warned[path] {
					t.Errorf("%s: the engine renders %q, and the validator warns: %v", read, Text(vars[fmt.Sprintf("k%d", k)]), warned[path])
				}
				if !empty {
					sound++
				}
			}
			if sound < 2 {
				t.Errorf("only %d references read something: the probe proves little", sound)
			}
		})
	}
}
