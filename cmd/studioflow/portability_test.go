package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// A flow with a finding (a transition to a widget that does not exist), saved
// with Windows line endings.
const findingsFlowCRLF = "{\r\n" +
	`  "description": "findings",` + "\r\n" +
	`  "states": [` + "\r\n" +
	`    {"name": "Trigger", "type": "trigger", "transitions": [{"event": "incomingMessage", "next": "reply"}, {"event": "incomingCall"}, {"event": "incomingRequest"}], "properties": {"offset": {"x": 0, "y": 0}}},` + "\r\n" +
	`    {"name": "reply", "type": "send-message", "transitions": [{"event": "sent", "next": "nowhere"}, {"event": "failed"}], "properties": {"body": "Hi — thanks", "from": "{{flow.channel.address}}", "to": "{{contact.channel.address}}", "service": "{{trigger.message.InstanceSid}}", "channel": "{{trigger.message.ChannelSid}}", "offset": {"x": 0, "y": 200}}}` + "\r\n" +
	`  ],` + "\r\n" +
	`  "initial_state": "Trigger",` + "\r\n" +
	`  "flags": {"allow_concurrent_calls": true}` + "\r\n" +
	"}\r\n"

// What validate and run print reads the same in a Windows console as in a
// terminal: plain UTF-8 text without ANSI escape sequences (a console that
// does not interpret them would show them as garbage), and the CRLF file
// is read like any other.
func TestValidateAndRunPrintPlainTextForEveryConsole(t *testing.T) {
	path := writeTemp(t, "findings.json", []byte(findingsFlowCRLF))
	for _, args := range [][]string{
		{"validate", path},
		{"validate", "--json", path},
		{"run", path, "--trigger", "incomingMessage", "--body", "hello"},
	} {
		var out, errOut bytes.Buffer
		code := dispatch(env{stdin: strings.NewReader("silence\r\n"), stdout: &out, stderr: &errOut}, args)
		all := out.String() + errOut.String()
		if code == exitBadInput {
			t.Errorf("%v: exit %d: %s", args, code, all)
		}
		if strings.ContainsRune(all, '\x1b') {
			t.Errorf("%v: output holds ANSI escapes: %q", args, all)
		}
		if strings.Contains(all, "\r") {
			t.Errorf("%v: output holds carriage returns: %q", args, all)
		}
		if strings.TrimSpace(out.String()) == "" {
			t.Errorf("%v: printed nothing on standard output (stderr %q)", args, errOut.String())
		}
	}
	if r := runCLI("validate", path); r.code != exitFindings || !strings.Contains(r.stdout, "nowhere") || !strings.Contains(r.stdout, filepath.Base(path)) {
		t.Errorf("validate of the CRLF file: exit %d, output %q; want the dangling transition reported", r.code, r.stdout)
	}
}
