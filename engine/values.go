package engine

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas/liquid"
)

// plain converts flow JSON (model values) and decoded JSON into the values
// Liquid works with: map[string]any, []any, string, bool, nil, int64 (a
// *big.Int past int64) or float64; a *liquid.Object (decoded JSON) is
// already such a value.
func plain(v any) any {
	switch t := v.(type) {
	case *model.Object:
		m := make(map[string]any, t.Len())
		for _, mem := range t.Members() {
			m[mem.Key] = plain(mem.Value)
		}
		return m
	case map[string]any:
		m := make(map[string]any, len(t))
		for k, e := range t {
			m[k] = plain(e)
		}
		return m
	case []any:
		c := make([]any, len(t))
		for i, e := range t {
			c[i] = plain(e)
		}
		return c
	case json.Number:
		return numberValue(string(t))
	default:
		return v
	}
}

// numberValue reads a JSON number literal: a whole number as int64, or
// exactly as a *big.Int past int64 (never through a float64, which turned
// 12345678901234567890 into 12345678901234567000); a number with a
// fraction or an exponent as float64. A number neither holds (1e400, an
// integer past liquid.MaxIntegerDigits digits) keeps its text.
func numberValue(lit string) any {
	if i, err := strconv.ParseInt(lit, 10, 64); err == nil {
		return i
	}
	if v, ok := liquid.ParseInteger(lit); ok {
		return v
	}
	if f, err := strconv.ParseFloat(lit, 64); err == nil {
		return f
	}
	return lit
}

// decodeJSON decodes JSON text from outside the flow (a response body, a
// variable parsed as JSON) as Liquid reads it: objects as *liquid.Object,
// keeping their members in the order they were written (Studio iterates and
// prints them in that order), whole numbers as int, others as float64.
func decodeJSON(text string) (any, error) {
	return liquid.DecodeJSON([]byte(text))
}

// Text renders a context value the way Liquid prints it: nil as "", strings
// as they are, objects and lists as JSON, anything else with fmt. Scenario
// expectations compare against the same text.
func Text(v any) string { return text(v) }

// text renders a plain value the way Liquid prints it.
func text(v any) string {
	switch t := v.(type) {
	case nil:
		return ""
	case string:
		return t
	case map[string]any, []any, *liquid.Object:
		b, err := json.Marshal(t)
		if err != nil {
			return fmt.Sprint(t)
		}
		return string(b)
	default:
		return fmt.Sprint(t)
	}
}

// props reads a widget's properties.
type props struct{ obj *model.Object }

func propsOf(s *model.State) props { return props{s.Properties()} }

func (p props) get(key string) (any, bool) {
	if p.obj == nil {
		return nil, false
	}
	return p.obj.Get(key)
}

// str returns a string property, or a number or bool written as text.
func (p props) str(key string) string {
	v, ok := p.get(key)
	if !ok || v == nil {
		return ""
	}
	switch t := v.(type) {
	case string:
		return t
	case json.Number:
		return string(t)
	case bool:
		return strconv.FormatBool(t)
	default:
		return ""
	}
}

// integer reads an int property written as a number or a numeric string.
func (p props) integer(key string, def int) int {
	s := strings.TrimSpace(p.str(key))
	if s == "" {
		return def
	}
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return int(f)
	}
	return def
}

// boolean reads a bool property written as a bool or "true"/"false".
func (p props) boolean(key string, def bool) bool {
	v, ok := p.get(key)
	if !ok {
		return def
	}
	switch t := v.(type) {
	case bool:
		return t
	case string:
		if b, err := strconv.ParseBool(strings.TrimSpace(t)); err == nil {
			return b
		}
	}
	return def
}

// pair is a {key, value} entry of parameters or variables.
type pair struct {
	Key, Value, Type string
}

// pairs reads a list of {key, value[, type]} objects.
func (p props) pairs(key string) []pair {
	v, _ := p.get(key)
	list, _ := v.([]any)
	out := make([]pair, 0, len(list))
	for _, e := range list {
		o, ok := e.(*model.Object)
		if !ok {
			continue
		}
		item := props{o}
		out = append(out, pair{Key: item.str("key"), Value: item.str("value"), Type: item.str("type")})
	}
	return out
}
