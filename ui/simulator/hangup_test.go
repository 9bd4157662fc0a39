package simulator

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/model"
)

// Hanging up while a product widget waits for its outcome takes the
// widget's call-ended event when it has one (Connect Call To's hangup; the
// catalog's for a type it does not know or whose events are open), and
// stops the run when it has none (Enqueue Call).
func TestHangingUpDuringAnOutcomeTakesTheCallEndedEvent(t *testing.T) {
	for _, tc := range []struct {
		typ, events string
		want        string // the last step, "" when the run is stopped
	}{
		{"connect-call-to", `{"event":"callCompleted"},{"event":"hangup"}`, "dial:hangup"},
		{"enqueue-call", `{"event":"callComplete"},{"event":"failedToEnqueue"},{"event":"callFailure"}`, ""},
		// A hangup ends the call whatever the widget: a legacy type with
		// open events and one the catalog does not know take the
		// catalog's call-ended event when their transitions name it.
		{"create-task", `{"event":"success"},{"event":"hangup"}`, "dial:hangup"},
		{"a-widget-studio-added-later", `{"event":"done"},{"event":"hangup"}`, "dial:hangup"},
	} {
		t.Run(tc.typ, func(t *testing.T) {
			f, err := model.Parse([]byte(`{"description":"d","initial_state":"Trigger","flags":{"allow_concurrent_calls":true},"states":[
			 {"name":"Trigger","type":"trigger","properties":{"offset":{"x":0,"y":0}},"transitions":[{"event":"incomingMessage"},{"event":"incomingCall","next":"dial"}]},
			 {"name":"dial","type":"` + tc.typ + `","properties":{"to":"+15550001111","workflow_sid":"WW1","offset":{"x":0,"y":200}},"transitions":[` + tc.events + `]}]}`))
			if err != nil {
				t.Fatal(err)
			}
			p, _, _ := newTestPanelFlow(t, f)
			startAs(t, p, engine.TriggerCall)
			x := execution(t, p)
			if x.Waiting == nil || x.Waiting.Kind != engine.WaitOutcome || x.At() != "dial" {
				t.Fatalf("want a wait for dial's outcome, got %+v at %q", x.Waiting, x.At())
			}
			test.Tap(p.phone.hangupBtn)
			settle(p)
			if x.Ended == nil {
				t.Fatal("hanging up did not end the execution")
			}
			trail := stepTrail(p)
			last := trail[len(trail)-1]
			switch {
			case tc.want != "" && last != tc.want:
				t.Errorf("steps %v, want the last %s", trail, tc.want)
			case tc.want == "" && (len(trail) != 1 || x.Ended.Kind == engine.EndCompleted):
				t.Errorf("steps %v, ended %+v: want the run stopped at dial", trail, x.Ended)
			}
		})
	}
}
