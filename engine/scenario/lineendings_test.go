package scenario

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// crlfFlow asks a question over SMS, with a two-line body, and answers a
// "yes" reply.
const crlfFlow = `{
  "description": "CRLF check",
  "states": [
    {"name": "Trigger", "type": "trigger", "transitions": [{"event": "incomingMessage", "next": "ask"}, {"event": "incomingCall"}, {"event": "incomingRequest"}], "properties": {"offset": {"x": 0, "y": 0}}},
    {"name": "ask", "type": "send-and-wait-for-reply", "transitions": [{"event": "incomingMessage", "next": "check"}, {"event": "timeout"}, {"event": "deliveryFailure"}],
     "properties": {"body": "Shall we?\nReply YES", "from": "{{flow.channel.address}}", "service": "{{trigger.message.InstanceSid}}", "channel": "{{trigger.message.ChannelSid}}", "timeout": "3600", "offset": {"x": 0, "y": 200}}},
    {"name": "check", "type": "split-based-on", "transitions": [{"event": "noMatch", "next": "no"}, {"event": "match", "next": "yes", "conditions": [{"friendly_name": "yes", "arguments": ["{{widgets.ask.inbound.Body}}"], "type": "equal_to", "value": "yes"}]}],
     "properties": {"input": "{{widgets.ask.inbound.Body}}", "offset": {"x": 0, "y": 400}}},
    {"name": "yes", "type": "send-message", "transitions": [{"event": "sent"}, {"event": "failed"}], "properties": {"body": "Agreed: {{widgets.ask.inbound.Body}}.", "from": "{{flow.channel.address}}", "to": "{{contact.channel.address}}", "service": "{{trigger.message.InstanceSid}}", "channel": "{{trigger.message.ChannelSid}}", "offset": {"x": 0, "y": 600}}},
    {"name": "no", "type": "send-message", "transitions": [{"event": "sent"}, {"event": "failed"}], "properties": {"body": "No match", "from": "{{flow.channel.address}}", "to": "{{contact.channel.address}}", "service": "{{trigger.message.InstanceSid}}", "channel": "{{trigger.message.ChannelSid}}", "offset": {"x": 300, "y": 600}}}
  ],
  "initial_state": "Trigger",
  "flags": {"allow_concurrent_calls": true}
}
`

const crlfScenario = `# Saved by an editor on Windows.
name: a CRLF scenario
flow: flow.json
trigger: incomingMessage
body: hello
steps:
  - expect:
      sms: |-
        Shall we?
        Reply YES
  - reply: "yes"
  - expect:
      sms: "Agreed: yes."
      ended: completed
`

// A flow and a scenario saved with Windows line endings (an editor there,
// or Git's autocrlf) load and run exactly as with LF: the block scalar's
// lines are joined by "\n" as in the flow, and no "\r" reaches a value.
func TestCRLFFlowsAndScenariosRunLikeLF(t *testing.T) {
	for _, eol := range []string{"\n", "\r\n"} {
		dir := t.TempDir()
		write := func(name, text string) {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(strings.ReplaceAll(text, "\n", eol)), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		write("flow.json", crlfFlow)
		write("s.yaml", crlfScenario)
		scenarios, err := Load(filepath.Join(dir, "s.yaml"))
		if err != nil {
			t.Fatalf("eol %q: %v", eol, err)
		}
		if len(scenarios) != 1 || scenarios[0].Name != "a CRLF scenario" || scenarios[0].Flow != "flow.json" {
			t.Fatalf("eol %q: loaded %+v", eol, scenarios)
		}
		if r := Run(scenarios[0], Options{}); !r.Passed {
			t.Errorf("eol %q: %s", eol, r.Failure)
		}
	}
}
