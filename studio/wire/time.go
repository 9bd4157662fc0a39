// Package wire is the JSON of Studio's REST API (v2) as studioflow speaks
// it: the resources the local server (studio/restapi) encodes and the
// client (studio/client) decodes, one Go type per resource, field for field
// and in the order Studio writes them, with the paths and URLs of the
// resources (urls.go). Builders make a resource from the engine's records
// (an execution, a step), adding what only the REST API has: URLs, links and
// the account; the server builds the resources of the workspace's records
// itself (studio/restapi), so the client needs neither the workspace nor
// its database.
package wire

import (
	"encoding/json"
	"fmt"
	"time"
)

// Time is a date-time as Studio's REST API writes it: ISO 8601 in UTC, to
// the second, e.g. "2026-01-02T03:04:05Z".
type Time time.Time

// NewTime returns t as the API shows it: in UTC, to the second.
func NewTime(t time.Time) Time { return Time(t.UTC().Truncate(time.Second)) }

// Time returns the date-time as a time.Time.
func (t Time) Time() time.Time { return time.Time(t) }

// String is the date-time as the API writes it.
func (t Time) String() string { return time.Time(t).UTC().Format(time.RFC3339) }

// MarshalJSON writes the date-time as a JSON string, e.g. "2015-07-30T20:00:00Z".
func (t Time) MarshalJSON() ([]byte, error) { return json.Marshal(t.String()) }

// UnmarshalJSON reads an ISO 8601 (RFC 3339) date-time, in any offset.
// null leaves t as it is, as encoding/json does for other types.
func (t *Time) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		return nil
	}
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return fmt.Errorf("a date-time is a JSON string: %w", err)
	}
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return fmt.Errorf("date-time %q is not ISO 8601 such as 2026-01-02T03:04:05Z: %w", s, err)
	}
	*t = Time(v.UTC())
	return nil
}
