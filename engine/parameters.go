package engine

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// ParseParameters reads REST Parameters (flow.data) from the JSON text a
// caller gives: an object whose numbers are read from their literals as
// the engine reads JSON (plain: a whole number is an int64, so 5 prints
// "5", as in Studio, where decoding into float64 made it "5.0"). The REST API, the
// command line and the simulator all read Parameters with it.
func ParseParameters(text string) (map[string]any, error) {
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("the text is empty")
		}
		return nil, fmt.Errorf("not JSON: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("not JSON: more text follows the object")
	}
	m, ok := plain(v).(map[string]any) // whole numbers int64, others float64, as Liquid reads them
	if !ok {
		if v == nil {
			return nil, errors.New("null is not an object")
		}
		return nil, fmt.Errorf("a JSON %s, not an object", jsonKind(v))
	}
	return m, nil
}
