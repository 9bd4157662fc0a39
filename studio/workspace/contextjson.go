package workspace

import (
	"encoding/json"

	"github.com/studioflow/studioflow/engine"
)

// Context is a stored execution's or step's context. It is read back with
// engine.DecodeContext, so a response the flow received keeps the order of
// its members in the workspace, the REST API and the execution view, as it
// had in the engine.
type Context map[string]any

// UnmarshalJSON reads a stored context.
func (c *Context) UnmarshalJSON(data []byte) error {
	m, err := engine.DecodeContext(data)
	if err != nil {
		return err
	}
	*c = m
	return nil
}

var _ json.Unmarshaler = (*Context)(nil)
