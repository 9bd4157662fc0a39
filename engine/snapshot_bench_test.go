package engine

import (
	"fmt"
	"testing"

	"github.com/studioflow/studioflow/model"
)

// snapshotBenchFlow runs the 20-step messaging flow `rounds` times over
// (`rounds`×19 steps of Liquid-filled context) and then waits for a reply,
// padded with `extra` idle widgets so the flow's own size shows in FlowDigest.
func snapshotBenchFlow(b *testing.B, rounds, extra int) (*model.Flow, *Execution, *Runtime) {
	states := twentyStepFlow(b)
	states[0] = trigger("incomingMessage>loop")
	states = append(states,
		widget("loop", "split-based-on", `{"input":"{{flow.variables.count}}"}`, "noMatch>v0"),
		widget("ask", "send-and-wait-for-reply", `{"body":"Anything else, {{flow.variables.who}}?"}`, "incomingMessage>,timeout>"),
	)
	// v6 ends a round: back to loop until enough rounds, then ask.
	states[len(states)-3] = `{"name":"v6","type":"set-variables","properties":{"variables":[{"key":"done","value":"{{flow.variables.count | times: 2}}"}]},"transitions":[{"event":"next","next":"gate"}]}`
	states = append(states, fmt.Sprintf(`{"name":"gate","type":"split-based-on","properties":{"input":"{{flow.variables.count}}"},"transitions":[{"event":"noMatch","next":"v0"},{"event":"match","next":"ask","conditions":[{"friendly_name":"enough","arguments":["{{flow.variables.count}}"],"type":"greater_than","value":"%d"}]}]}`, rounds*6-1))
	for i := 0; i < extra; i++ {
		states = append(states, widget(fmt.Sprintf("idle%d", i), "say-play", `{"say":"Idle widget with a sentence of text to make the flow larger."}`, "audioComplete>"))
	}
	f := testFlow(b, states...)
	rt, _ := testRuntime(Config{})
	x, _, err := rt.Start(f, Trigger{Event: TriggerMessage, From: "+15551234567", Body: "Hello there"}, StartOptions{FlowSID: testFlowSID})
	if err != nil || x.Waiting == nil {
		b.Fatalf("setup run: %v, ended %+v, %d steps", err, x.Ended, len(x.Steps))
	}
	return f, x, rt
}

func benchmarkSnapshot(b *testing.B, rounds, extra int) {
	f, x, rt := snapshotBenchFlow(b, rounds, extra)
	data, err := x.Snapshot()
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%d steps, %d widgets: a snapshot of %d bytes", len(x.Steps), f.Len(), len(data))
	b.Run("Snapshot", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := x.Snapshot(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Restore", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := rt.Restore(f, data); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkSnapshotShortExecution: a reply wait after the trigger step, as a fresh
// send-and-wait conversation is.
func BenchmarkSnapshotShortExecution(b *testing.B) {
	f := testFlow(b,
		trigger("incomingRequest>ask"),
		widget("ask", "send-and-wait-for-reply", `{"body":"Hi {{flow.data.name}}, what is your name?","timeout":3600}`, "incomingMessage>,timeout>"),
	)
	rt, _ := testRuntime(Config{})
	x, _, err := rt.Start(f, Trigger{Event: TriggerRequest, To: "+15551234567", Parameters: map[string]any{"name": "Ann"}}, StartOptions{FlowSID: testFlowSID})
	if err != nil || x.Waiting == nil {
		b.Fatal(err)
	}
	data, err := x.Snapshot()
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%d steps: a snapshot of %d bytes", len(x.Steps), len(data))
	b.Run("Snapshot", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := x.Snapshot(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Restore", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := rt.Restore(f, data); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkSnapshotLongExecution: a reply wait after 5 rounds of the 20-step
// flow (about 100 steps, each with its context).
func BenchmarkSnapshotLongExecution(b *testing.B) { benchmarkSnapshot(b, 5, 0) }

// BenchmarkSnapshotLargeFlow: the same in a flow padded to 1,000 widgets,
// where digesting the definition dominates.
func BenchmarkSnapshotLargeFlow(b *testing.B) { benchmarkSnapshot(b, 1, 1000) }
