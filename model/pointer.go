package model

import "strings"

// JSON Pointers (RFC 6901) name a place in a flow ("/states/3/properties/body"):
// each reference token is a member name with "~" written "~0" and "/"
// written "~1".

var (
	pointerEscaper   = strings.NewReplacer("~", "~0", "/", "~1")
	pointerUnescaper = strings.NewReplacer("~1", "/", "~0", "~")
)

// EscapeToken writes one member name as a JSON Pointer's reference token.
func EscapeToken(name string) string {
	if !strings.ContainsAny(name, "~/") {
		return name
	}
	return pointerEscaper.Replace(name)
}

// UnescapeToken reads one reference token back as the member name it
// stands for.
func UnescapeToken(token string) string {
	if !strings.Contains(token, "~") {
		return token
	}
	return pointerUnescaper.Replace(token)
}
