package model

import (
	"strings"
	"testing"
)

func TestUnknownEscapesAreNamedOnOneLine(t *testing.T) {
	for input, want := range map[string]string{
		`"\q"`:       `unknown escape '\q' inside a string`,
		"\"\\\n\"":   `unknown escape '\' followed by '\n' inside a string`,
		"\"\\\x01\"": `unknown escape '\' followed by '\x01' inside a string`,
		"\"\\é\"":    `unknown escape '\' followed by 'é' inside a string`,
	} {
		_, err := Parse([]byte(input))
		if err == nil {
			t.Fatalf("Parse(%q) accepted an unknown escape", input)
		}
		if !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%q): %q, want it to say %q", input, err, want)
		}
		if strings.Contains(err.Error(), "\n") {
			t.Errorf("Parse(%q): the message %q breaks its line", input, err)
		}
	}
}
