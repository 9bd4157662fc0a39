package main

import (
	"strings"
	"testing"
)

// dupFlow names its initial_state twice: validate used the second, fmt and
// the REST API kept both.
const dupFlow = `{
  "description": "dup",
  "initial_state": "Trigger",
  "states": [{"name": "Trigger", "type": "trigger", "properties": {"offset": {"x": 0, "y": 0}}, "transitions": []}],
  "initial_state": "Elsewhere",
  "flags": {"allow_concurrent_calls": true}
}`

// TestDuplicateKeysAreRefusedAlike: validate and fmt both refuse a file
// with a member named twice, with the same line and column.
func TestDuplicateKeysAreRefusedAlike(t *testing.T) {
	path := writeTemp(t, "dup.json", []byte(dupFlow))
	want := `dup.json:5:3: malformed JSON: member "initial_state" appears twice in this object (first at line 3, column 3)`
	for _, args := range [][]string{{"validate", path}, {"fmt", path}, {"fmt", "-w", path}} {
		r := runCLI(args...)
		if r.code != exitBadInput || !strings.Contains(r.stderr, want) {
			t.Errorf("studioflow %s: exit %d, stderr %q; want %q", strings.Join(args, " "), r.code, r.stderr, want)
		}
	}
}
