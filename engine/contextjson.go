package engine

import (
	"fmt"
	"slices"

	"github.com/studioflow/studioflow/schemas/liquid"
)

// DecodeContext reads back a context written with json.Marshal (as the
// workspace stores executions and steps), keeping the order of the members
// of JSON that came from outside. json.Marshal writes a Go map's keys
// sorted, so an object whose members are not in sorted order was a
// *liquid.Object (a response, a variable parsed as JSON) and is read back as
// one, everything inside it too; every other object is read as a map, which
// shows its members in the same, sorted, order. Whole numbers are int.
func DecodeContext(data []byte) (map[string]any, error) {
	if len(data) == 0 || string(data) == "null" {
		return nil, nil
	}
	v, err := liquid.DecodeJSON(data)
	if err != nil {
		return nil, fmt.Errorf("reading a context: %w", err)
	}
	m, ok := storedValue(v).(map[string]any)
	if !ok {
		return nil, fmt.Errorf("reading a context: it is not a JSON object")
	}
	return m, nil
}

// storedValue turns decoded objects whose keys are sorted into maps.
func storedValue(v any) any {
	switch t := v.(type) {
	case *liquid.Object:
		if !slices.IsSorted(t.Keys()) {
			return t
		}
		m := make(map[string]any, t.Len())
		for _, k := range t.Keys() {
			e, _ := t.Get(k)
			m[k] = storedValue(e)
		}
		return m
	case []any:
		for i, e := range t {
			t[i] = storedValue(e)
		}
	}
	return v
}

// Context is an execution's or a step's context as JSON carries it (the
// workspace's records, the REST API's resources): it is read back with
// DecodeContext, so a response the flow received keeps the order of its
// members, as it had in the engine, and whole numbers stay int.
type Context map[string]any

// UnmarshalJSON reads a context written with json.Marshal.
func (c *Context) UnmarshalJSON(data []byte) error {
	m, err := DecodeContext(data)
	if err != nil {
		return err
	}
	*c = m
	return nil
}
