package canvas

import (
	"slices"
	"testing"

	"github.com/studioflow/studioflow/engine"
)

func TestTakenWiresFollowsThisExecutionsStepsOnceEach(t *testing.T) {
	f := parseFlow(t, `
		{"name":"Trigger","type":"trigger","transitions":[{"event":"incomingMessage","next":"ask"},{"event":"incomingCall"}],"properties":{"offset":{"x":0,"y":0}}},
		{"name":"ask","type":"send-and-wait-for-reply","transitions":[{"event":"incomingMessage","next":"ask"},{"event":"timeout"},{"event":"deliveryFailure"}],"properties":{"body":"hi","offset":{"x":0,"y":200}}}`)
	step := func(exec, from, event, to string) *engine.Step {
		return &engine.Step{ExecutionSID: exec, TransitionedFrom: from, Name: event, TransitionedTo: to}
	}
	steps := []*engine.Step{
		step("FN1", "Trigger", "incomingMessage", "ask"),
		step("FN1", "ask", "incomingMessage", "ask"),
		step("FN2", "ask", "deliveryFailure", engine.EndedTransition), // a subflow's execution
		step("FN1", "ask", "incomingMessage", "ask"),                  // taken again
		step("FN1", "ask", "timeout", engine.EndedTransition),         // ended the flow
		step("FN1", "gone", "next", "ask"),                            // a widget since deleted
	}
	got := TakenWires(f, "FN1", steps)
	want := []WireRef{{From: "Trigger", Transition: 0}, {From: "ask", Transition: 0}, {From: "ask", Transition: 1}}
	if !slices.Equal(got, want) {
		t.Errorf("TakenWires = %v, want %v", got, want)
	}
}
