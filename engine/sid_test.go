package engine

import "testing"

func TestRandomSID(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 1000; i++ {
		sid := RandomSID("FN")
		if !sidPattern.MatchString(sid) || sid[:2] != "FN" {
			t.Fatalf("%q is not FN and 32 hex digits", sid)
		}
		if seen[sid] {
			t.Fatalf("%q repeated", sid)
		}
		seen[sid] = true
	}
}
