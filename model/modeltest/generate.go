// Package modeltest makes flows for tests and benchmarks: realistic
// definitions of any size, as Studio would export them.
package modeltest

import (
	"fmt"
	"strings"

	"github.com/studioflow/studioflow/model"
)

// Generate returns the JSON of a flow with n widgets (n >= 1): a trigger,
// then a repeating mix of Studio's common widgets (gather, split, say/play,
// send & wait, HTTP request, set variables, send message), each wired to the
// next and to earlier ones, laid out on a grid, with Liquid in their text.
// Only Incoming Call is wired, so its voice widgets always have a call. The
// flow validates without errors or warnings (concurrent calls are off, so the
// Send & Wait widgets may follow Incoming Call).
func Generate(n int) []byte {
	var b strings.Builder
	b.WriteString("{\n  \"description\": \"Generated flow\",\n  \"states\": [\n")
	first := ""
	if n > 1 {
		first = `"next": "w1", `
	}
	fmt.Fprintf(&b, `    {"name": "Trigger", "type": "trigger", "transitions": [{"event": "incomingMessage"}, {%[1]s"event": "incomingCall"}, {"event": "incomingConversationMessage"}, {"event": "incomingRequest"}, {"event": "incomingParent"}], "properties": {"offset": {"x": 0, "y": 0}}}`, first)
	for i := 1; i < n; i++ {
		next := ""
		if i+1 < n {
			next = fmt.Sprintf(`"next": "w%d", `, i+1)
		}
		back := ""
		if i > 3 {
			back = fmt.Sprintf(`"next": "w%d", `, i-3)
		}
		x, y := (i%20)*300, (i/20)*250
		b.WriteString(",\n    ")
		switch i % 7 {
		case 0:
			fmt.Fprintf(&b, `{"name": "w%d", "type": "gather-input-on-call", "transitions": [{%s"event": "keypress"}, {"event": "speech"}, {%s"event": "timeout"}], "properties": {"speech_timeout": "auto", "offset": {"x": %d, "y": %d}, "loop": 1, "finish_on_key": "#", "say": "Hello {{contact.channel.address}}, press 1", "stop_gather": true, "gather_language": "en", "profanity_filter": "true", "timeout": 5}}`, i, next, back, x, y)
		case 1:
			input := "{{trigger.call.From}}"
			if i > 1 {
				input = fmt.Sprintf("{{widgets.w%d.Digits}}", i-1)
			}
			fmt.Fprintf(&b, `{"name": "w%d", "type": "split-based-on", "transitions": [{%s"event": "noMatch"}, {%s"event": "match", "conditions": [{"friendly_name": "If value equal_to 1", "arguments": ["%s"], "type": "equal_to", "value": "1"}]}], "properties": {"input": "%s", "offset": {"x": %d, "y": %d}}}`, i, next, back, input, input, x, y)
		case 2:
			count := "{% if flow.variables.count %}{{flow.variables.count | plus: 1}}{% else %}1{% endif %}"
			if i < 5 { // before the first Set Variables: nothing sets count yet
				count = "1"
			}
			fmt.Fprintf(&b, `{"name": "w%d", "type": "say-play", "transitions": [{%s"event": "audioComplete"}], "properties": {"offset": {"x": %d, "y": %d}, "loop": 1, "say": "You said {{widgets.w%d.Digits}}. %s"}}`, i, next, x, y, max(i-2, 1), count)
		case 3:
			fmt.Fprintf(&b, `{"name": "w%d", "type": "send-and-wait-for-reply", "transitions": [{%s"event": "incomingMessage"}, {"event": "timeout"}, {"event": "deliveryFailure"}], "properties": {"offset": {"x": %d, "y": %d}, "from": "{{flow.channel.address}}", "body": "What is your name, {{trigger.call.CallerName}}?", "timeout": "3600"}}`, i, next, x, y)
		case 4:
			fmt.Fprintf(&b, `{"name": "w%d", "type": "make-http-request", "transitions": [{%s"event": "success"}, {"event": "failed"}], "properties": {"offset": {"x": %d, "y": %d}, "method": "POST", "content_type": "application/x-www-form-urlencoded;charset=utf-8", "parameters": [{"value": "{{widgets.w%d.inbound.Body}}", "key": "name"}], "url": "https://example.com/api"}}`, i, next, x, y, max(i-1, 1))
		case 5:
			fmt.Fprintf(&b, `{"name": "w%d", "type": "set-variables", "transitions": [{%s"event": "next"}], "properties": {"variables": [{"value": "{%% if flow.variables.count %%}{{flow.variables.count | plus: 1}}{%% else %%}1{%% endif %%}", "key": "count"}], "offset": {"x": %d, "y": %d}}}`, i, next, x, y)
		default:
			fmt.Fprintf(&b, `{"name": "w%d", "type": "send-message", "transitions": [{%s"event": "sent"}, {"event": "failed"}], "properties": {"offset": {"x": %d, "y": %d}, "service": "{{trigger.message.InstanceSid}}", "channel": "{{trigger.message.ChannelSid}}", "from": "{{flow.channel.address}}", "to": "{{contact.channel.address}}", "body": "Thanks {{widgets.w%d.body}}"}}`, i, next, x, y, max(i-2, 1))
		}
	}
	b.WriteString("\n  ],\n  \"initial_state\": \"Trigger\",\n  \"flags\": {\n    \"allow_concurrent_calls\": false\n  }\n}\n")
	return []byte(b.String())
}

// GenerateFlow parses Generate(n).
func GenerateFlow(n int) *model.Flow {
	f, err := model.Parse(Generate(n))
	if err != nil {
		panic(fmt.Sprintf("modeltest: generated flow does not parse: %v", err))
	}
	return f
}
