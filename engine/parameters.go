package engine

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// ParseParameters reads REST Parameters (flow.data) from the JSON text a
// caller gives: an object whose numbers are read from their literals by
// ParameterNumber (a whole number is an int64, so 5 prints "5", as in
// Studio, where decoding into float64 made it "5.0"). The REST API, the
// command line and the simulator all read Parameters with it, and scenario
// files give theirs the same values.
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
	m, ok := ParameterValues(v).(map[string]any)
	if !ok {
		if v == nil {
			return nil, errors.New("null is not an object")
		}
		return nil, fmt.Errorf("a JSON %s, not an object", jsonKind(v))
	}
	return m, nil
}

// ParameterValues converts decoded JSON (maps, lists, strings, booleans,
// nil and json.Number) into the values Parameters hold: every number read
// from its literal by ParameterNumber, the rest as it is.
func ParameterValues(v any) any {
	switch t := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(t))
		for k, e := range t {
			m[k] = ParameterValues(e)
		}
		return m
	case []any:
		c := make([]any, len(t))
		for i, e := range t {
			c[i] = ParameterValues(e)
		}
		return c
	case json.Number:
		return ParameterNumber(string(t))
	default:
		return v
	}
}

// ParameterNumber reads a JSON number literal as Parameters hold it: a
// whole number that fits an int64 as int64, another whole number as its
// text (a float64 would round 12345678901234567890 and print it as
// 1.2345678901234567e+19, where Parameters must keep an ID exact), a
// number with a fraction or an exponent as float64 (as its text when
// float64 cannot hold it at all).
func ParameterNumber(lit string) any {
	if i, err := strconv.ParseInt(lit, 10, 64); err == nil {
		return i
	}
	if !strings.ContainsAny(lit, ".eE") {
		return lit
	}
	if f, err := strconv.ParseFloat(lit, 64); err == nil {
		return f
	}
	return lit
}
