package coverage

import (
	"testing"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
)

const portsFlow = `{"description":"t","initial_state":"Trigger","flags":{"allow_concurrent_calls":true},"states":[
	 {"name":"Trigger","type":"trigger","properties":{},"transitions":[{"event":"incomingMessage"},{"event":"incomingCall","next":"split"}]},
	 {"name":"split","type":"split-based-on","properties":{"input":"x"},"transitions":[{"event":"noMatch"},
	   {"event":"match","next":"end","conditions":[{"friendly_name":"one","type":"equal_to","value":"1"}]},
	   {"event":"match","next":"end","conditions":[{"friendly_name":"two","type":"equal_to","value":"2"}]},
	   {"event":"match","next":"end","conditions":[]}]},
	 {"name":"end","type":"say-play","properties":{},"transitions":[{"event":"audioComplete","conditions":[{"type":"equal_to","value":"x"}]},{"event":"audioComplete"}]}]}`

func portsFlowCoverage(t *testing.T) *Flow {
	t.Helper()
	f, err := model.Parse([]byte(portsFlow))
	if err != nil {
		t.Fatal(err)
	}
	cat, err := schemas.Load()
	if err != nil {
		t.Fatal(err)
	}
	return NewFlow("t.json", f, cat)
}

func TestNewFlowCountsEachPortOnce(t *testing.T) {
	// The catalog, not the file, says which widget branches by
	// conditions: end's stray conditions make it no split.
	c := portsFlowCoverage(t)
	var got []string
	for _, b := range c.Branches {
		got = append(got, b.String())
	}
	want := []string{"Trigger  incomingCall → split", "split  noMatch → (end)", `split  match "one" → end`, `split  match "two" → end`, "end  audioComplete → (end)"}
	if len(got) != len(want) {
		t.Fatalf("branches %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("branch %d: %q, want %q", i, got[i], want[i])
		}
	}
	if taken, total := c.Transitions(); taken != 0 || total != 5 {
		t.Errorf("%d/%d", taken, total)
	}
}

func TestPercentNeverClaimsAllWhileSomethingIsMissing(t *testing.T) {
	for _, tc := range []struct {
		n, total int
		want     string
	}{{34, 41, "83%"}, {0, 0, "100%"}, {199, 200, "99%"}, {200, 200, "100%"}, {0, 7, "0%"}} {
		if got := Percent(tc.n, tc.total); got != tc.want {
			t.Errorf("Percent(%d, %d) = %s, want %s", tc.n, tc.total, got, tc.want)
		}
	}
}

// Port finds each transition's branch as the canvas lists the ports: a
// split's conditions one by one (a condition-less match is not counted),
// every other event once, whichever of its transitions asks.
func TestPortIsTheTransitionsBranch(t *testing.T) {
	c := portsFlowCoverage(t)
	c.RecordSteps([]*engine.Step{
		{FlowSID: "FW1", Name: "incomingCall", TransitionedFrom: "Trigger", Type: "trigger"},
		{FlowSID: "FW1", Name: "match", TransitionedFrom: "split", Type: "split-based-on", Branch: 3},
	}, "FW1")
	for _, tc := range []struct {
		widget         string
		i              int
		event          string
		taken, counted bool
	}{
		{"Trigger", 0, "incomingMessage", false, false},
		{"Trigger", 1, "incomingCall", true, true},
		{"split", 0, "noMatch", false, true},
		{"split", 1, "match", false, true},
		{"split", 2, "match", true, true},
		{"split", 3, "match", false, false},
		{"end", 0, "audioComplete", false, true},
		{"end", 1, "audioComplete", false, true},
		{"end", 0, "hangup", false, false},
	} {
		taken, counted := c.Port(tc.widget, tc.i, tc.event)
		if taken != tc.taken || counted != tc.counted {
			t.Errorf("Port(%s, %d, %s) = taken %v, counted %v; want %v, %v", tc.widget, tc.i, tc.event, taken, counted, tc.taken, tc.counted)
		}
	}
}
