package model

import "testing"

func TestPointerTokens(t *testing.T) {
	for _, c := range []struct{ name, token string }{
		{"body", "body"},
		{"a/b", "a~1b"},
		{"m~n", "m~0n"},
		{"~1", "~01"}, // RFC 6901: "~01" reads as "~1", not "/"
		{"/~/", "~1~0~1"},
		{"", ""},
	} {
		if got := EscapeToken(c.name); got != c.token {
			t.Errorf("EscapeToken(%q) = %q, want %q", c.name, got, c.token)
		}
		if got := UnescapeToken(c.token); got != c.name {
			t.Errorf("UnescapeToken(%q) = %q, want %q", c.token, got, c.name)
		}
	}
}
