package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// hostileFlow names a widget with terminal escape sequences (clear the
// screen, a fake green line), has it send a body with one, and leaves it
// with a finding: validate and run print them.
const hostileFlow = `{"description": "hostile", "initial_state": "Trigger", "flags": {"allow_concurrent_calls": true}, "states": [
 {"name": "Trigger", "type": "trigger", "properties": {"offset": {"x": 0, "y": 0}}, "transitions": [
  {"event": "incomingMessage", "next": "evil\u001b[2J\u001b[32mOK\u009b1m"}, {"event": "incomingCall"}, {"event": "incomingConversationMessage"},
  {"event": "incomingRequest"}, {"event": "incomingParent"}]},
 {"name": "evil\u001b[2J\u001b[32mOK\u009b1m", "type": "send-message", "properties": {"offset": {"x": 0, "y": 200}, "body": "hi\u001b]0;pwned\u0007"},
  "transitions": [{"event": "sent"}, {"event": "failed"}]}]}`

func noRawControls(t *testing.T, what, out string) {
	t.Helper()
	for _, r := range out {
		if (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			t.Errorf("%s prints a raw control character %U: %q", what, r, out)
			return
		}
	}
}

func TestValidateAndRunPrintNamesEscaped(t *testing.T) {
	path := writeTemp(t, "hostile.json", []byte(hostileFlow))
	r := runCLI("validate", path)
	noRawControls(t, "validate", r.stdout+r.stderr)
	if !strings.Contains(r.stdout, `evil\x1b[2J\x1b[32mOK\u009b1m`) {
		t.Errorf("validate does not name the widget escaped: %q", r.stdout)
	}
	r = runCLI("run", path)
	noRawControls(t, "run", r.stdout+r.stderr)
	if !strings.Contains(r.stdout, `evil\x1b[2J`) || !strings.Contains(r.stdout, `hi\x1b]0;pwned\x07`) {
		t.Errorf("run does not show the widget and its message escaped: %q", r.stdout)
	}
	// JSON output escapes by itself; it stays JSON.
	r = runCLI("validate", "--json", path)
	noRawControls(t, "validate --json", r.stdout)
	var findings []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &findings); err != nil || len(findings) == 0 || findings[0]["widget"] != "evil\x1b[2J\x1b[32mOK\u009b1m" {
		t.Errorf("validate --json: %v %v", err, findings)
	}
}
