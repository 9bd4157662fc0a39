package schemas

import (
	"fmt"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/model"
)

// generatedFlow builds a valid flow of n widgets shaped like real ones: a
// trigger, then a chain cycling through gather, split (testing the gather's
// digits), send message, HTTP request, set variables (with a Liquid tag),
// run function and say/play, with Liquid references to upstream widgets.
func generatedFlow(t testing.TB, n int) *model.Flow {
	t.Helper()
	var states []string
	name := func(i int) string { return fmt.Sprintf("w_%d", i) }
	next := func(i int) string {
		if i+1 >= n {
			return ""
		}
		return fmt.Sprintf(`, "next": %q`, name(i+1))
	}
	offset := func(i int) string { return fmt.Sprintf(`"offset": {"x": %d, "y": %d}`, (i%10)*300-1500, (i/10)*250) }
	states = append(states, fmt.Sprintf(`{"name": "Trigger", "type": "trigger", "transitions": [
		{"event": "incomingMessage"}, {"event": "incomingCall"%s}, {"event": "incomingConversationMessage"},
		{"event": "incomingRequest"}, {"event": "incomingParent"}], "properties": {"offset": {"x": 0, "y": 0}}}`,
		strings.Replace(next(0), "w_1", name(1), 1)))
	for i := 1; i < n; i++ {
		var s string
		switch i % 7 {
		case 1:
			s = fmt.Sprintf(`{"name": %q, "type": "gather-input-on-call", "transitions": [{"event": "keypress"%s}, {"event": "speech"}, {"event": "timeout"}],
				"properties": {"voice": "alice", "speech_timeout": "auto", %s, "loop": 1, "finish_on_key": "#", "say": "Press 1 for sales, {{trigger.call.From}}.",
				"language": "en-US", "stop_gather": true, "gather_language": "en", "profanity_filter": "true", "timeout": 5}}`, name(i), next(i), offset(i))
		case 2:
			g := name(i - 1)
			s = fmt.Sprintf(`{"name": %q, "type": "split-based-on", "transitions": [{"event": "noMatch"%s},
				{"event": "match"%s, "conditions": [{"friendly_name": "If value equal_to 1", "arguments": ["{{widgets.%s.Digits}}"], "type": "equal_to", "value": "1"}]},
				{"event": "match"%s, "conditions": [{"friendly_name": "If value equal_to 2", "arguments": ["{{widgets.%s.Digits}}"], "type": "equal_to", "value": "2"}]}],
				"properties": {"input": "{{widgets.%s.Digits}}", %s}}`, name(i), next(i), next(i), g, next(i), g, g, offset(i))
		case 3:
			s = fmt.Sprintf(`{"name": %q, "type": "send-message", "transitions": [{"event": "sent"%s}, {"event": "failed"}],
				"properties": {"body": "You chose {{widgets.%s.Digits}}, {{contact.channel.address}}", "from": "{{flow.channel.address}}", "service": "{{trigger.message.InstanceSid}}",
				"to": "{{contact.channel.address}}", %s, "channel": "{{trigger.message.ChannelSid}}"}}`, name(i), next(i), name(i-2), offset(i))
		case 4:
			s = fmt.Sprintf(`{"name": %q, "type": "make-http-request", "transitions": [{"event": "success"%s}, {"event": "failed"}],
				"properties": {%s, "method": "POST", "content_type": "application/x-www-form-urlencoded;charset=utf-8",
				"parameters": [{"key": "digits", "value": "{{widgets.%s.Digits}}"}, {"key": "from", "value": "{{trigger.call.From}}"}],
				"url": "https://example.com/hook"}}`, name(i), next(i), offset(i), name(i-3))
		case 5:
			s = fmt.Sprintf(`{"name": %q, "type": "set-variables", "transitions": [{"event": "next"%s}],
				"properties": {"variables": [{"value": "{%% if flow.variables.count %%}{{flow.variables.count | plus: 1}}{%% else %%}1{%% endif %%}", "key": "count"},
				{"value": "{{widgets.%s.parsed.status}}", "key": "status"}], %s}}`, name(i), next(i), name(i-1), offset(i))
		case 6:
			s = fmt.Sprintf(`{"name": %q, "type": "run-function", "transitions": [{"event": "success"%s}, {"event": "fail"}],
				"properties": {"service_sid": "ZS00000000000000000000000000000000", "environment_sid": "ZE00000000000000000000000000000000", %s,
				"function_sid": "ZH00000000000000000000000000000000", "parameters": [{"value": "{{flow.variables.count}}", "key": "count"}],
				"url": "https://example-1234.twil.io/fn"}}`, name(i), next(i), offset(i))
		default:
			s = fmt.Sprintf(`{"name": %q, "type": "say-play", "transitions": [{"event": "audioComplete"%s}],
				"properties": {"voice": "alice", %s, "loop": 1, "say": "Your count is {{flow.variables.count}}", "language": "en-US"}}`, name(i), next(i), offset(i))
		}
		states = append(states, s)
	}
	doc := fmt.Sprintf(`{"description": "generated", "states": [%s], "initial_state": "Trigger", "flags": {"allow_concurrent_calls": true}}`, strings.Join(states, ",\n"))
	f, err := model.Parse([]byte(doc))
	if err != nil {
		t.Fatalf("generated flow: %v", err)
	}
	return f
}

func TestGeneratedFlowsAreClean(t *testing.T) {
	v := newTestValidator(t)
	for _, n := range []int{100, 1000, 2000} {
		diags := v.ValidateFlow(generatedFlow(t, n))
		for _, d := range diags {
			if d.Rule != RuleWidgetLimit {
				t.Errorf("%d widgets: unexpected %+v", n, d)
				break
			}
		}
	}
}

// Big flows are validated on every core; the result must not depend on it.
func TestParallelValidationMatchesSerial(t *testing.T) {
	v := newTestValidator(t)
	f := generatedFlow(t, 700)
	doc := model.NewDocument(f)
	for i := 1; i < 700; i += 97 {
		name := f.StateAt(i).Name()
		if err := doc.Apply(model.SetProperty(name, "broken", "{% if %}")); err != nil {
			t.Fatal(err)
		}
	}
	parallel := v.ValidateFlow(doc.Flow())
	g := newGraph(doc.Flow())
	ctx := v.widgetContext(doc.Flow(), newUpstreamIndex(g).leadsTo, nil, nil)
	var serial []Diagnostic
	serial = v.flowSchema(doc.Flow(), serial)
	serial = v.flowRules(doc.Flow(), g, serial)
	for i := 0; i < doc.Flow().Len(); i++ {
		serial = v.widget(ctx, i, serial)
	}
	sortDiagnostics(serial)
	if formatDiags(parallel) != formatDiags(serial) || len(parallel) != 8 {
		t.Errorf("parallel:\n%sserial:\n%s", formatDiags(parallel), formatDiags(serial))
	}
}
