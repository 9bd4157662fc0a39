package simulator

import (
	"testing"

	"github.com/studioflow/studioflow/engine"
)

// The phone words a call waiting on a product's outcome by what the
// catalog says the widget does with the call, for every type that has one:
// queued for an agent, or connecting a dialled number; "In call" otherwise,
// and for a type the catalog does not know.
func TestPhoneWordsAWaitingCallByWhatTheWidgetDoesWithIt(t *testing.T) {
	cat, err := loadCatalogOnce()
	if err != nil {
		t.Fatalf("catalog: %v", err)
	}
	waitingIn := func(typ string) *runView {
		return &runView{trigger: engine.Trigger{Event: engine.TriggerCall}, steps: []*engine.Step{{}},
			state: runState{Waiting: &engine.Wait{Kind: engine.WaitOutcome, Type: typ}}}
	}
	want := map[string]string{
		"enqueue-call": "On hold / queued", "send-to-flex": "On hold / queued",
		"connect-call-to": "Connecting…", "make-outgoing-call-v2": "Connecting…", "make-outgoing-call-v1": "Connecting…",
	}
	for _, w := range cat.Types() {
		expected, ok := want[w.Type]
		if !ok {
			expected = "In call"
		}
		if got := callState(waitingIn(w.Type), cat); got != expected {
			t.Errorf("waiting in %s: %q, want %q", w.Type, got, expected)
		}
	}
	if got := callState(waitingIn("no-such-widget"), cat); got != "In call" {
		t.Errorf("waiting in an unknown type: %q", got)
	}
	if got := callState(waitingIn("enqueue-call"), nil); got != "In call" {
		t.Errorf("without a catalog: %q", got)
	}
}
