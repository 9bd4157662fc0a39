package main

import (
	"strings"
	"testing"
)

// An unstamped test binary reports the application's own version and says
// it is a development build; the commit and date lines are always there.
func TestVersionPrintsVersionCommitAndDate(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		r := runCLI(args...)
		if r.code != exitOK {
			t.Fatalf("%v: exit %d, stderr %q", args, r.code, r.stderr)
		}
		for _, want := range []string{"studioflow " + appVersion + "\n", "Version: " + appVersion + " (development build)", "Commit: ", "Go: "} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("%v: output %q, want it to contain %q", args, r.stdout, want)
			}
		}
		if !strings.Contains(r.stdout, "Built: ") && !strings.Contains(r.stdout, "Committed: ") {
			t.Errorf("%v: output %q has no date line", args, r.stdout)
		}
	}
	if r := runCLI("version", "extra"); r.code != exitBadInput {
		t.Errorf("version extra: exit %d, want %d", r.code, exitBadInput)
	}
}
