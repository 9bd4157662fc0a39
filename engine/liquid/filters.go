package liquid

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/osteele/liquid/values"
	"github.com/osteele/tuesday"
)

// toJSON is Studio's to_json filter: the value as compact JSON.
func toJSON(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("to_json: %w", err)
	}
	return string(b), nil
}

// dateFilter is the standard date filter working in US Pacific time, with
// "now" and "today" taken from the engine's clock.
func (e *Engine) dateFilter(v any, format func(string) string) (string, error) {
	t, ok, err := e.toTime(v)
	if err != nil || !ok {
		// Shopify Liquid leaves values it cannot read as dates unchanged.
		return fmt.Sprint(valueOrEmpty(v)), nil
	}
	return tuesday.Strftime(format("%a, %b %d, %y"), t.In(e.pacific))
}

func valueOrEmpty(v any) any {
	if v == nil {
		return ""
	}
	return v
}

func (e *Engine) toTime(v any) (time.Time, bool, error) {
	switch v := v.(type) {
	case nil:
		return time.Time{}, false, nil
	case time.Time:
		return v, true, nil
	case int:
		return time.Unix(int64(v), 0), true, nil
	case int64:
		return time.Unix(v, 0), true, nil
	case float64:
		return time.Unix(int64(v), 0), true, nil
	case json.Number:
		return e.toTime(string(v))
	case string:
		s := strings.TrimSpace(v)
		switch strings.ToLower(s) {
		case "":
			return time.Time{}, false, nil
		case "now", "today":
			return e.now(), true, nil
		}
		if sec, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(sec, 0), true, nil
		}
		t, err := values.ParseDate(s)
		if err != nil {
			return time.Time{}, false, nil
		}
		if t.Location() == time.Local {
			// A date written without a zone means Pacific wall-clock time in Studio.
			t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), e.pacific)
		}
		return t, true, nil
	default:
		return time.Time{}, false, nil
	}
}
