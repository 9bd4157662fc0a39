package workspace

import (
	"encoding/json"

	"github.com/studioflow/studioflow/engine"
)

// A stored context is read back with engine.DecodeContext, so a response
// the flow received keeps the order of its members in the workspace, the
// REST API and the execution view, as it had in the engine.

// UnmarshalJSON reads a stored execution.
func (x *Execution) UnmarshalJSON(data []byte) error {
	type stored Execution
	aux := struct {
		*stored
		Context json.RawMessage `json:"context"`
	}{stored: (*stored)(x)}
	if err := json.Unmarshal(data, &aux); err != nil {
		return err
	}
	ctx, err := engine.DecodeContext(aux.Context)
	if err != nil {
		return err
	}
	x.Context = ctx
	return nil
}

// UnmarshalJSON reads a stored step.
func (st *Step) UnmarshalJSON(data []byte) error {
	type stored Step
	aux := struct {
		*stored
		Context json.RawMessage `json:"context"`
	}{stored: (*stored)(st)}
	if err := json.Unmarshal(data, &aux); err != nil {
		return err
	}
	ctx, err := engine.DecodeContext(aux.Context)
	if err != nil {
		return err
	}
	st.Context = ctx
	return nil
}
