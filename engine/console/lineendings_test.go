package console

import (
	"strings"
	"testing"
	"time"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/model"
)

const replyFlow = `{
  "description": "echo a reply",
  "states": [
    {"name": "Trigger", "type": "trigger", "transitions": [{"event": "incomingMessage", "next": "ask"}, {"event": "incomingCall"}, {"event": "incomingRequest"}], "properties": {"offset": {"x": 0, "y": 0}}},
    {"name": "ask", "type": "send-and-wait-for-reply", "transitions": [{"event": "incomingMessage", "next": "echo"}, {"event": "timeout"}, {"event": "deliveryFailure"}],
     "properties": {"body": "Say something", "from": "{{flow.channel.address}}", "service": "{{trigger.message.InstanceSid}}", "channel": "{{trigger.message.ChannelSid}}", "timeout": "3600", "offset": {"x": 0, "y": 200}}},
    {"name": "echo", "type": "send-message", "transitions": [{"event": "sent"}, {"event": "failed"}], "properties": {"body": "[{{widgets.ask.inbound.Body}}]", "from": "{{flow.channel.address}}", "to": "{{contact.channel.address}}", "service": "{{trigger.message.InstanceSid}}", "channel": "{{trigger.message.ChannelSid}}", "offset": {"x": 0, "y": 400}}}
  ],
  "initial_state": "Trigger",
  "flags": {"allow_concurrent_calls": true}
}`

// A Windows console (or a file saved there) ends input lines with CRLF:
// the reply is the text without the "\r".
func TestCRLFInputLinesCarryNoCarriageReturn(t *testing.T) {
	f, err := model.Parse([]byte(replyFlow))
	if err != nil {
		t.Fatal(err)
	}
	rt := engine.New(engine.Config{Clock: engine.NewVirtualClock(time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC))})
	var out strings.Builder
	x, err := Run(rt, f, engine.Trigger{Event: engine.TriggerMessage}, engine.StartOptions{}, strings.NewReader("hello there\r\n"), &out)
	if err != nil {
		t.Fatal(err)
	}
	if x.Ended == nil || !strings.Contains(out.String(), "[hello there]") || strings.Contains(out.String(), "\r") {
		t.Fatalf("ended %+v, output %q: want the reply echoed as [hello there], no carriage return", x.Ended, out.String())
	}
}
