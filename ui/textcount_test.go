package ui

import (
	"strings"
	"testing"
)

func TestSMSLengthCountsGSMAndUnicodeMessages(t *testing.T) {
	cases := []struct {
		text            string
		units, segments int
		unicode         bool
	}{
		{"", 0, 0, false},
		{"Hello!", 6, 1, false},
		{strings.Repeat("a", 160), 160, 1, false},
		{strings.Repeat("a", 161), 161, 2, false},
		{"{x}", 5, 1, false}, // braces are extended: two units each
		{"Ça va? ✨", 8, 1, true},
		{strings.Repeat("é", 160) + "ł", 161, 3, true},
	}
	for _, c := range cases {
		units, segments, unicode := smsLength(c.text)
		if units != c.units || segments != c.segments || unicode != c.unicode {
			t.Errorf("smsLength(%.20q) = %d, %d, %v; want %d, %d, %v", c.text, units, segments, unicode, c.units, c.segments, c.unicode)
		}
	}
	if got := textCount("body", "Hi {{contact.name}}"); !strings.Contains(got, "1 message as SMS") || !strings.Contains(got, "before Liquid") {
		t.Errorf("textCount = %q", got)
	}
	if got := textCount("say", "Hello"); got != "5 characters" {
		t.Errorf("textCount(say) = %q", got)
	}
}
