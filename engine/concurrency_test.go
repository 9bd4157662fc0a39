package engine

import (
	"fmt"
	"sync"
	"testing"
	"time"
)

// Many contacts talk to one host at once on the real clock; one of them stays
// silent until its one-second reply timeout fires from a runtime timer.
func TestHostServesContactsConcurrently(t *testing.T) {
	f := testFlow(t,
		trigger("incomingMessage>ask"),
		widget("ask", "send-and-wait-for-reply", `{"body":"Name?","timeout":1}`, "incomingMessage>thanks,timeout>late"),
		widget("thanks", "send-message", `{"body":"Thanks {{widgets.ask.inbound.Body}}"}`, "sent>"),
		widget("late", "send-message", `{"body":"Bye"}`, "sent>"),
	)
	ended := make(chan string, 64)
	rt := New(Config{Observer: func(e Event) {
		if e.Kind == EventEnd {
			ended <- e.Execution
		}
	}})
	h := NewHost(rt)
	opts := StartOptions{FlowSID: testFlowSID}
	const contacts = 20
	var wg sync.WaitGroup
	for i := 0; i < contacts; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			from := fmt.Sprintf("+1555000%04d", i)
			if _, _, err := h.Deliver(f, Trigger{Event: TriggerMessage, From: from, Body: "hi"}, opts); err != nil {
				t.Error(err)
				return
			}
			if _, _, err := h.Deliver(f, Trigger{Event: TriggerMessage, From: from, Body: fmt.Sprint("name", i)}, opts); err != nil {
				t.Error(err)
			}
		}(i)
	}
	wg.Wait()
	silent, _, err := h.Deliver(f, Trigger{Event: TriggerMessage, From: "+19999999999", Body: "hi"}, opts)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	deadline := time.After(30 * time.Second)
	for len(seen) < contacts+1 {
		select {
		case sid := <-ended:
			seen[sid] = true
		case <-deadline:
			t.Fatalf("%d of %d executions ended", len(seen), contacts+1)
		}
	}
	for _, x := range h.Executions() {
		want := "thanks"
		if x.SID == silent.SID {
			want = "late"
		}
		if x.Ended == nil || x.Steps[len(x.Steps)-1].TransitionedFrom != want {
			t.Errorf("%s (%s) ended %+v after %s", x.SID, x.ContactChannelAddress, x.Ended, path(x))
		}
	}
}
