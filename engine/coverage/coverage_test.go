package coverage

import (
	"testing"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
)

func TestNewFlowCountsEachPortOnce(t *testing.T) {
	f, err := model.Parse([]byte(`{"description":"t","initial_state":"Trigger","flags":{"allow_concurrent_calls":true},"states":[
	 {"name":"Trigger","type":"trigger","properties":{},"transitions":[{"event":"incomingMessage"},{"event":"incomingCall","next":"split"}]},
	 {"name":"split","type":"split-based-on","properties":{"input":"x"},"transitions":[{"event":"noMatch"},
	   {"event":"match","next":"end","conditions":[{"friendly_name":"one","type":"equal_to","value":"1"}]},
	   {"event":"match","next":"end","conditions":[{"friendly_name":"two","type":"equal_to","value":"2"}]},
	   {"event":"match","next":"end","conditions":[]}]},
	 {"name":"end","type":"say-play","properties":{},"transitions":[{"event":"audioComplete","conditions":[{"type":"equal_to","value":"x"}]},{"event":"audioComplete"}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	cat, err := schemas.Load()
	if err != nil {
		t.Fatal(err)
	}
	// The catalog, not the file, says which widget branches by
	// conditions: end's stray conditions make it no split.
	c := NewFlow("t.json", f, cat)
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
