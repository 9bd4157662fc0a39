package liquid

import "strings"

// tightenPaths removes spaces and tabs after the dot of a variable path
// inside {{ }} and {% %} ("widgets.x.parsed. field"), outside string
// literals. Studio's Ruby Liquid reads such paths leniently and real exports
// contain them; the Go library would reject them as syntax errors.
func tightenPaths(source string) string {
	if !strings.Contains(source, ". ") && !strings.Contains(source, ".\t") {
		return source
	}
	var out strings.Builder
	out.Grow(len(source))
	inTag := false
	var quote byte
	for i := 0; i < len(source); i++ {
		c := source[i]
		switch {
		case !inTag:
			if c == '{' && i+1 < len(source) && (source[i+1] == '{' || source[i+1] == '%') {
				inTag = true
				out.WriteByte(c)
				out.WriteByte(source[i+1])
				i++
				continue
			}
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case (c == '}' || c == '%') && i+1 < len(source) && source[i+1] == '}':
			inTag = false
		case c == '.' && i > 0 && isPathChar(source[i-1]):
			j := i + 1
			for j < len(source) && (source[j] == ' ' || source[j] == '\t') {
				j++
			}
			if j > i+1 && j < len(source) && isPathStart(source[j]) {
				out.WriteByte('.')
				i = j - 1
				continue
			}
		}
		out.WriteByte(c)
	}
	return out.String()
}

func isPathChar(c byte) bool {
	return c == '_' || c == ']' || c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isPathStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
