package engine

// Report is everything about an execution in one JSON object: the Execution
// resource, its steps in the order they happened, the final context and the
// transcript.
type Report struct {
	Execution  ExecutionRecord   `json:"execution"`
	Steps      []*Step           `json:"steps"`
	Context    map[string]any    `json:"context"`
	Transcript []TranscriptEntry `json:"transcript"`
}

// Report returns the execution's report.
func (x *Execution) Report() Report {
	steps := x.Steps
	if steps == nil {
		steps = []*Step{}
	}
	transcript := x.Transcript
	if transcript == nil {
		transcript = []TranscriptEntry{}
	}
	return Report{Execution: x.Record(), Steps: steps, Context: x.ctx, Transcript: transcript}
}
