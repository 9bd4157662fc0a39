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

// A lone surrogate escape (JavaScript strings hold them, and Studio's
// "Show Flow JSON" writes them as JSON.stringify does) survives a parse
// and a canonical write, in lower case like JSON.stringify's; a pair is
// one character, written as it is.
func TestLoneSurrogatesAreKept(t *testing.T) {
	for input, want := range map[string]string{
		`"x\ud83d y"`:          `"x\ud83d y"`,
		`"\uDC00"`:             `"\udc00"`,
		`"\ud83d\ude00"`:       `"😀"`,
		`"\ud83d\ud83d\ude00"`: `"\ud83d😀"`,
		`"\ude00\ud83d"`:       `"\ude00\ud83d"`,
		`"a\ud800"`:            `"a\ud800"`,
	} {
		v, err := ParseValue([]byte(input))
		if err != nil {
			t.Fatalf("ParseValue(%s): %v", input, err)
		}
		got := string(MarshalCanonical(v))
		if got != want {
			t.Errorf("%s is written %s, want %s", input, got, want)
		}
		again, err := ParseValue([]byte(got))
		if err != nil || again != v {
			t.Errorf("%s read back as %q (%v), want %q", got, again, err, v)
		}
	}
}
