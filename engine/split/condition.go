// Package split evaluates the conditions of Studio's Split Based On widget.
//
// Every comparison trims leading and trailing whitespace and ignores case.
// Both sides arrive already rendered (Liquid is the caller's job).
package split

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/studioflow/studioflow/schemas"
)

// Types lists the 17 condition types Studio offers, in the order of its
// menu, from the one table of operators (schemas.ConditionOperators).
var Types = operatorIDs()

func operatorIDs() []string {
	var ids []string
	for _, op := range schemas.ConditionOperators() {
		ids = append(ids, op.ID)
	}
	return ids
}

// Match reports whether input satisfies the condition of type kind against value.
// It fails for an unknown type or a regex that does not compile.
func Match(kind, input, value string) (bool, error) {
	in := strings.ToLower(strings.TrimSpace(input))
	val := strings.ToLower(strings.TrimSpace(value))
	switch kind {
	case "equal_to":
		return in == val, nil
	case "not_equal_to":
		return in != val, nil
	case "matches_any_of":
		return matchesAny(in, val), nil
	case "does_not_match_any_of":
		return !matchesAny(in, val), nil
	case "is_blank":
		return in == "", nil
	case "is_not_blank":
		return in != "", nil
	case "regex":
		return matchesWhole(strings.TrimSpace(input), strings.TrimSpace(value))
	case "contains":
		return strings.Contains(in, val), nil
	case "does_not_contain":
		return !strings.Contains(in, val), nil
	case "starts_with":
		return strings.HasPrefix(in, val), nil
	case "does_not_start_with":
		return !strings.HasPrefix(in, val), nil
	case "less_than":
		return compareNumbers(in, val, func(a, b float64) bool { return a < b }), nil
	case "greater_than":
		return compareNumbers(in, val, func(a, b float64) bool { return a > b }), nil
	case "is_before_time":
		return compareParsed(in, val, parseClock, func(a, b time.Time) bool { return a.Before(b) }), nil
	case "is_after_time":
		return compareParsed(in, val, parseClock, func(a, b time.Time) bool { return a.After(b) }), nil
	case "is_before_date":
		return compareParsed(in, val, parseDate, func(a, b time.Time) bool { return a.Before(b) }), nil
	case "is_after_date":
		return compareParsed(in, val, parseDate, func(a, b time.Time) bool { return a.After(b) }), nil
	default:
		return false, fmt.Errorf("unknown condition type %q (Studio has %s)", kind, strings.Join(Types, ", "))
	}
}

// matchesAny compares in with each entry of a comma-separated list.
func matchesAny(in, list string) bool {
	for _, entry := range strings.Split(list, ",") {
		if strings.TrimSpace(entry) == in {
			return true
		}
	}
	return false
}

// matchesWhole applies an RE2 pattern, case-insensitively, to the whole
// input (schemas.SplitRegex, which the validator compiles too).
func matchesWhole(input, pattern string) (bool, error) {
	re, err := schemas.SplitRegex(pattern)
	if err != nil {
		return false, err
	}
	return re.MatchString(input), nil
}

// compareNumbers is false when either side is not a number: Studio "does not
// perform comparisons on letters". Numbers compare by their exact value:
// 12345678901234567891 is greater than 12345678901234567890, though both
// are the same float64.
func compareNumbers(a, b string, cmp func(a, b float64) bool) bool {
	x, err := strconv.ParseFloat(a, 64)
	if err != nil {
		return false
	}
	y, err := strconv.ParseFloat(b, 64)
	if err != nil {
		return false
	}
	if x == y && !math.IsInf(x, 0) && plainDecimal(a) && plainDecimal(b) {
		// Rounding to float64 keeps the order of two numbers, but may
		// make two different ones equal: compare what was written.
		ex, okx := new(big.Rat).SetString(a)
		ey, oky := new(big.Rat).SetString(b)
		if okx && oky {
			switch ex.Cmp(ey) {
			case -1:
				return cmp(0, 1)
			case 1:
				return cmp(1, 0)
			}
		}
	}
	return cmp(x, y)
}

// plainDecimal reports whether s is digits with an optional sign and
// fraction: no exponent (1e-999999999 would take big.Rat forever).
func plainDecimal(s string) bool {
	return s != "" && strings.Trim(s, "+-.0123456789") == ""
}

func compareParsed(a, b string, parse func(string) (time.Time, bool), cmp func(a, b time.Time) bool) bool {
	x, ok := parse(a)
	if !ok {
		return false
	}
	y, ok := parse(b)
	if !ok {
		return false
	}
	return cmp(x, y)
}

// parseClock reads a 24-hour HH:MM time of day.
func parseClock(s string) (time.Time, bool) {
	t, err := time.Parse("15:04", s)
	return t, err == nil
}

// parseDate reads a YYYY-MM-DD date.
func parseDate(s string) (time.Time, bool) {
	t, err := time.Parse("2006-01-02", s)
	return t, err == nil
}
