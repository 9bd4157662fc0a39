package wire

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// Dates go on the wire as Studio writes them: ISO 8601, UTC, to the second.
func TestTimeIsISO8601InUTCToTheSecond(t *testing.T) {
	at := NewTime(time.Date(2026, 1, 2, 4, 4, 5, 900_000_000, time.FixedZone("CET", 3600)))
	data, err := json.Marshal(at)
	if err != nil || string(data) != `"2026-01-02T03:04:05Z"` {
		t.Fatalf("marshal = %s, %v", data, err)
	}
	for text, want := range map[string]string{
		`"2026-01-02T03:04:05Z"`:           "2026-01-02T03:04:05Z",
		`"2026-01-02T05:04:05+02:00"`:      "2026-01-02T03:04:05Z",
		`"2026-01-02T03:04:05.123456789Z"`: "2026-01-02T03:04:05Z",
		`"2025-12-31T22:04:05.5-05:00"`:    "2026-01-01T03:04:05Z",
	} {
		var got Time
		if err := json.Unmarshal([]byte(text), &got); err != nil || got.String() != want || got.Time().Location() != time.UTC {
			t.Errorf("%s read as %v (%v), want %s in UTC", text, got, err, want)
		}
	}
	for _, bad := range []string{`"2026-01-02"`, `"yesterday"`, `1767322800`, `""`} {
		var got Time
		if err := json.Unmarshal([]byte(bad), &got); err == nil || !strings.Contains(err.Error(), "date-time") {
			t.Errorf("%s: error %v, want one about the date-time", bad, err)
		}
	}
}

func TestErrorSaysStatusCodeAndMessage(t *testing.T) {
	e := NewError(404, 20404, "The requested resource %s was not found", "/v2/Flows/FWx")
	if e.MoreInfo != "https://www.twilio.com/docs/errors/20404" {
		t.Errorf("more_info = %s", e.MoreInfo)
	}
	if got, want := e.Error(), "HTTP 404, Twilio error 20404: The requested resource /v2/Flows/FWx was not found"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}
