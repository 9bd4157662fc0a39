package simulator

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/engine/scenario"
)

// replay runs a saved test the way `studioflow test` does and fails with its report.
func replay(t *testing.T, path string) {
	t.Helper()
	var out bytes.Buffer
	if code := scenario.RunFiles([]string{path}, &out, scenario.Options{}); code != 0 {
		data, _ := os.ReadFile(path)
		t.Fatalf("studioflow test exited %d:\n%s\nthe file:\n%s", code, out.String(), data)
	}
	if !strings.Contains(out.String(), "1 passed, 0 failed") {
		t.Fatalf("report: %s", out.String())
	}
}

func TestSaveAsTestRecordsACallThatStudioflowTestReplays(t *testing.T) {
	p, _, _ := newTestPanel(t, orderLookupIVR)
	p.canned.setCanned("allow_list", 200, "application/json", `{"matched": true}`)
	p.canned.setCanned("order_lookup", 200, "text/plain", "+15557654321")
	startAs(t, p, engine.TriggerCall)
	for _, k := range []string{"4", "8", "2", "#"} {
		test.Tap(p.phone.keyButtons[k])
	}
	settle(p)
	test.Tap(outcomeButtons(p)[0])
	settle(p)

	path := filepath.Join(t.TempDir(), "order lookup.yaml")
	if err := p.SaveTest(path); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	for _, want := range []string{"press: 482#", "choose: callCompleted", "trigger: incomingCall", "ended: completed", "allow_list:", `{"matched": true}`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("the saved test lacks %q:\n%s", want, data)
		}
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(path), "order lookup.flow.json")); err != nil {
		t.Errorf("the flow as it ran was not written beside the test: %v", err)
	}
	replay(t, path)
}

func TestSaveAsTestRecordsAConversationWithATimeout(t *testing.T) {
	p, _, _ := newTestPanel(t, prideAstrology)
	cannedAstrology(p)
	test.Type(p.start.body, "hello")
	startAs(t, p, engine.TriggerMessage)
	test.Type(p.sms.reply, "the sun")
	test.Tap(p.sms.sendBtn)
	settle(p)
	test.Type(p.sms.reply, "Leo")
	test.Tap(p.sms.sendBtn)
	settle(p)
	test.Tap(p.sms.noReply)
	settle(p)

	path := filepath.Join(t.TempDir(), "astrology.yaml")
	if err := p.SaveTest(path); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	for _, want := range []string{"reply: the sun", "reply: Leo", "silence: true", "body: hello", "at: send_and_reply_no_match"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("the saved test lacks %q:\n%s", want, data)
		}
	}
	replay(t, path)

	// A test that expects what the flow did fails when the flow changes.
	broken := strings.Replace(string(data), "reply: the sun", `reply: " LEO "`, 1)
	if err := os.WriteFile(path, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if code := scenario.RunFiles([]string{path}, &out, scenario.Options{}); code != 1 {
		t.Errorf("an altered conversation still passed (exit %d):\n%s", code, out.String())
	}
}

func TestSaveAsTestWithNoRunSaysSo(t *testing.T) {
	p, _, _ := newTestPanel(t, prideAstrology)
	err := p.SaveTest(filepath.Join(t.TempDir(), "x.yaml"))
	if err == nil || !strings.Contains(err.Error(), "no run") {
		t.Fatalf("error %v", err)
	}
}
