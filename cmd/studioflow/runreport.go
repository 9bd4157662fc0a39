package main

import (
	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/studio/wire"
)

// runReport is what `studioflow run --json` prints: everything about the
// execution in one JSON object. The execution and its steps are the
// resources Studio's REST API would show for them (URLs on
// studio.twilio.com), the steps in the order they happened.
type runReport struct {
	Execution  wire.Execution           `json:"execution"`
	Steps      []wire.ExecutionStep     `json:"steps"`
	Context    engine.Context           `json:"context"`
	Transcript []engine.TranscriptEntry `json:"transcript"`
}

func newRunReport(x *engine.Execution) runReport {
	exec := wire.NewEngineExecution(wire.StudioBaseURL, x, 1)
	steps := make([]wire.ExecutionStep, len(x.Steps))
	for i, st := range x.Steps {
		steps[i] = wire.NewExecutionStep(wire.StudioBaseURL, st.AccountSID, *st)
	}
	transcript := x.Transcript
	if transcript == nil {
		transcript = []engine.TranscriptEntry{}
	}
	return runReport{Execution: exec, Steps: steps, Context: x.Context(), Transcript: transcript}
}
