package engine

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas/liquid"
)

// ParseParameters reads REST Parameters (flow.data) from the JSON text a
// caller gives: an object, read with the parser that reads flow files. The
// REST API, the command line (run --data) and the simulator all read
// Parameters with it, so all three take and refuse the same text:
//
//   - A whole number keeps its value exactly, of any size: 5 is the int64
//     5 (it prints "5", as in Studio, where decoding into float64 made it
//     "5.0"), 12345678901234567890 a *big.Int printing the same digits (a
//     float64 made it 12345678901234567000). A number with a fraction or
//     an exponent is a float64, as Ruby's JSON reads it (1e21 prints
//     "1.0e+21" in Liquid, 20.0 prints "20.0").
//   - A key given twice in one object is refused, naming the key and both
//     places (which value Studio keeps would be a guess), as a flow file's
//     is.
//   - A number the engine cannot hold (an integer past
//     liquid.MaxIntegerDigits digits, a float past float64 such as 1e400)
//     is refused, naming its key.
func ParseParameters(text string) (map[string]any, error) {
	if strings.TrimSpace(text) == "" {
		return nil, errors.New("the text is empty")
	}
	v, err := model.ParseValue([]byte(text))
	if err != nil {
		var se *model.SyntaxError
		if errors.As(err, &se) && se.Duplicate != "" {
			return nil, err // valid JSON, but which value counts would be a guess
		}
		return nil, fmt.Errorf("not JSON: %w", err)
	}
	obj, ok := v.(*model.Object)
	if !ok {
		if v == nil {
			return nil, errors.New("null is not an object")
		}
		return nil, fmt.Errorf("a JSON %s, not an object", jsonKind(plain(v)))
	}
	if err := checkNumbers(obj, ""); err != nil {
		return nil, err
	}
	return plain(obj).(map[string]any), nil
}

// checkNumbers refuses a number in v that the engine would not hold as a
// number (numberValue keeps its text), naming where it is.
func checkNumbers(v any, path string) error {
	switch t := v.(type) {
	case *model.Object:
		for _, m := range t.Members() {
			p := m.Key
			if path != "" {
				p = path + "." + m.Key
			}
			if err := checkNumbers(m.Value, p); err != nil {
				return err
			}
		}
	case []any:
		for i, e := range t {
			if err := checkNumbers(e, fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
	case json.Number:
		if _, text := numberValue(string(t)).(string); text {
			if digits := strings.TrimPrefix(string(t), "-"); !strings.ContainsAny(digits, ".eE") {
				return fmt.Errorf("the integer at %s has %d digits; Studioflow reads integers of up to %d", path, len(digits), liquid.MaxIntegerDigits)
			}
			return fmt.Errorf("the number %s at %s is out of range", t, path)
		}
	}
	return nil
}

// ParameterValues converts decoded JSON (maps, lists, strings, booleans,
// nil and json.Number) into the values Parameters hold, as ParseParameters
// reads them: scenario files give theirs the same values.
func ParameterValues(v any) any { return plain(v) }
