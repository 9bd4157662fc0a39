package split

import (
	"strings"
	"testing"
)

func TestMatch(t *testing.T) {
	tests := []struct {
		kind, input, value string
		want               bool
	}{
		{"equal_to", "Yes", "yes", true},
		{"equal_to", "  yes ", "YES", true},
		{"equal_to", "yes.", "yes", false}, // speech punctuation breaks equality
		{"not_equal_to", "1", "2", true},
		{"not_equal_to", "ABC", " abc", false},

		{"matches_any_of", "YES", "yes,yeah,yup", true},
		{"matches_any_of", "parking", "Hours, Parking, Scheduling", true},
		{"matches_any_of", "park", "Hours, Parking, Scheduling", false},
		{"does_not_match_any_of", "no", "yes,yeah,yup", true},
		{"does_not_match_any_of", "Yup", "yes, yeah, yup", false},

		{"is_blank", "", "Is Blank", true},
		{"is_blank", "  \t\n", "", true},
		{"is_blank", "x", "", false},
		{"is_not_blank", "x", "Is Not Blank", true},
		{"is_not_blank", "   ", "", false},

		{"regex", "6", "[1-5]", false},
		{"regex", "3", "[1-5]", true},
		{"regex", "oh yes please", "yes", false}, // the whole string must match
		{"regex", "oh YES please", ".*yes.*", true},
		{"regex", " 12345 ", `\d{5}`, true},
		{"regex", "123456", `\d{5}`, false},
		{"regex", "a", "a|b", true},
		{"regex", "ab", "a|b", false}, // alternation is grouped before anchoring

		{"contains", "aab", "aa", true},
		{"contains", "aab", "A", true},
		{"contains", "aab", "c", false},
		{"does_not_contain", "aab", "c", true},
		{"does_not_contain", "aab", "B", false},

		{"starts_with", " Hoot", "hoo", true},
		{"starts_with", "Hoot", "oot", false},
		{"does_not_start_with", "Hoot", "oot", true},
		{"does_not_start_with", "hoot", "HOO", false},

		{"greater_than", "900", "1000", false},
		{"greater_than", "1000", "900", true},
		{"greater_than", "10.5", "10", true},
		{"greater_than", "abc", "1", false},
		{"greater_than", "5", "five", false},
		{"less_than", "900", "1000", true},
		{"less_than", " -3 ", "0", true},
		{"less_than", "abc", "zzz", false}, // letters are never compared
		{"less_than", "", "1", false},
		// Exact past float64: these pairs are one float64 each.
		{"greater_than", "12345678901234567891", "12345678901234567890", true},
		{"less_than", "12345678901234567890", "12345678901234567891", true},
		{"less_than", "12345678901234567890", "12345678901234567890", false},
		{"greater_than", "0.10000000000000000001", "0.1", true},
		{"less_than", "1e-400", "0", false}, // an exponent: compared as float64 (both 0)

		{"is_before_time", "17:00", "16:35", false},
		{"is_before_time", "09:15", "16:35", true},
		{"is_before_time", "16:35", "16:35", false},
		{"is_after_time", "17:00", "16:35", true},
		{"is_after_time", "noon", "16:35", false},
		{"is_after_time", "25:00", "16:35", false},

		{"is_after_date", "2019-08-12", "2017-09-04", true},
		{"is_after_date", "2017-09-04", "2019-08-12", false},
		{"is_before_date", "2017-09-04", "2019-08-12", true},
		{"is_before_date", "2019-13-01", "2020-01-01", false},
		{"is_before_date", "yesterday", "2020-01-01", false},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		seen[tt.kind] = true
		got, err := Match(tt.kind, tt.input, tt.value)
		if err != nil {
			t.Errorf("Match(%q, %q, %q): %v", tt.kind, tt.input, tt.value, err)
			continue
		}
		if got != tt.want {
			t.Errorf("Match(%q, %q, %q) = %v, want %v", tt.kind, tt.input, tt.value, got, tt.want)
		}
	}
	if len(Types) != 17 {
		t.Fatalf("Types has %d entries, Studio has 17", len(Types))
	}
	for _, kind := range Types {
		if !seen[kind] {
			t.Errorf("condition type %q has no test case", kind)
		}
	}
}

func TestMatchErrors(t *testing.T) {
	if _, err := Match("sounds_like", "a", "b"); err == nil || !strings.Contains(err.Error(), `"sounds_like"`) {
		t.Errorf("unknown type: err = %v, want it to name the type", err)
	}
	if _, err := Match("regex", "a", "(unclosed"); err == nil || !strings.Contains(err.Error(), "(unclosed") {
		t.Errorf("bad regex: err = %v, want it to quote the pattern", err)
	}
}
