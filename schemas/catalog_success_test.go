package schemas

import "testing"

func TestSuccessEventIsTheHappyPathOrNone(t *testing.T) {
	c := loadCatalog(t)
	want := map[string]string{
		// Types whose outcome comes from another product: what Studio's docs
		// call the success path.
		"connect-call-to": "callCompleted", "make-outgoing-call-v2": "answered", "make-outgoing-call-v1": "answered",
		"record-call": "success", "enqueue-call": "callComplete", "send-to-flex": "callComplete",
		"capture-payments": "success", "fork-stream": "next", "add-twiml-redirect": "return",
		"connect-virtual-agent": "return", "connect-virtual-agent-v2": "completed", "look-up-profile": "profileFound",
		"update-profile-traits": "profileUpdated", "send-to-auto-pilot": "sessionEnded",
		"send-message": "sent", "send-and-wait-for-reply": "incomingMessage", "run-function": "success",
		"run-function-v2": "success", "make-http-request": "success", "run-subflow": "completed",
		"set-variables": "next", "say-play": "audioComplete", "gather-input-on-call": "keypress",
		"record-voicemail": "recordingComplete",
		// No success event: chosen by the input, or nothing known.
		"trigger": "", "split-based-on": "", "create-task": "", "create-chat-channel": "",
		"add-member-to-chat-channel": "", "update-sync-object": "", "understand": "",
	}
	for _, w := range c.Types() {
		expected, listed := want[w.Type]
		if !listed {
			t.Errorf("%s: no expectation for its success event", w.Type)
			continue
		}
		got, ok := w.SuccessEvent()
		if got != expected || ok != (expected != "") {
			t.Errorf("%s: SuccessEvent() = %q, %v; want %q", w.Type, got, ok, expected)
		}
		if ok && !w.AllowsEvent(got) {
			t.Errorf("%s: success event %q is not one of its events", w.Type, got)
		}
	}
}
