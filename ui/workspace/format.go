package workspace

import (
	"fmt"
	"time"

	wsstore "github.com/studioflow/studioflow/studio/workspace"
)

// countNoun words n things: "no errors", "1 error", "3 errors".
func countNoun(n int, noun string) string {
	switch n {
	case 0:
		return "no " + noun + "s"
	case 1:
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// shortDate shows a stored (UTC) time in the user's zone, to the minute.
func shortDate(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.Local().Format("2 Jan 2006 15:04")
}

// longDate adds seconds, for steps that happen within one minute.
func longDate(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.Local().Format("2 Jan 2006 15:04:05")
}

// validity sums up a flow's or a revision's validation result.
func validity(valid bool, errs, warns []wsstore.Problem) string {
	switch {
	case !valid || len(errs) > 0:
		s := countNoun(len(errs), "error")
		if len(warns) > 0 {
			s += ", " + countNoun(len(warns), "warning")
		}
		return s
	case len(warns) > 0:
		return "Valid, " + countNoun(len(warns), "warning")
	}
	return "Valid"
}

func commitText(msg *string) string {
	if msg == nil || *msg == "" {
		return "(no commit message)"
	}
	return *msg
}

func updated(f wsstore.Flow) time.Time {
	if f.DateUpdated != nil {
		return *f.DateUpdated
	}
	return f.DateCreated
}
