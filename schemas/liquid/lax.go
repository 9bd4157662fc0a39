package liquid

import (
	"fmt"
	"strings"
)

// Studio's Liquid parses in Ruby Liquid's lax mode, which reads more than
// strict Liquid does. The rewrites here turn what it accepts into what the
// library's expression grammar reads, and note each one (compileCtx.note)
// so that the validator can say how Studio reads it. DIALECT.md lists them.

// tightenDots drops blanks (newlines included) on either side of a "." that
// joins two parts of a variable path, outside string literals: Ruby
// Liquid's lax lexer skips whitespace between tokens, so Studio reads
// "widgets. x" and "widgets .x" as widgets.x.
func tightenDots(s string) string {
	if !strings.ContainsAny(s, " \t\r\n\f\v") || !strings.Contains(s, ".") {
		return s
	}
	b := make([]byte, 0, len(s))
	last := func() byte {
		if len(b) == 0 {
			return 0
		}
		return b[len(b)-1]
	}
	var q quotes
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case q.quoted(c):
		case isBlankByte(c):
			// blanks before a ".name" that follows a path
			j := i
			for j < len(s) && isBlankByte(s[j]) {
				j++
			}
			if j+1 < len(s) && s[j] == '.' && s[j+1] != '.' && isPathEnd(last()) && isNameStart(nextNonBlank(s, j+1)) {
				i = j - 1
				continue
			}
		case c == '.' && isPathEnd(last()) && (i+1 >= len(s) || s[i+1] != '.') && (len(b) < 2 || b[len(b)-1] != '.'):
			j := i + 1
			for j < len(s) && isBlankByte(s[j]) {
				j++
			}
			if j > i+1 && j < len(s) && isNameStart(s[j]) {
				b = append(b, '.')
				i = j - 1
				continue
			}
		}
		b = append(b, c)
	}
	return string(b)
}

func nextNonBlank(s string, i int) byte {
	for i < len(s) && isBlankByte(s[i]) {
		i++
	}
	if i < len(s) {
		return s[i]
	}
	return 0
}

func isPathEnd(c byte) bool {
	return c == '_' || c == ']' || c == '-' || c == '?' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

func isNameStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// tighten applies tightenDots and notes when it changed anything.
func (cc *compileCtx) tighten(s string) string {
	t := tightenDots(s)
	if t != s {
		cc.note(fmt.Sprintf("a space after a dot (or a line break around one) in %q; Studio reads it as %q", oneLine(s), oneLine(t)))
	}
	return t
}

// laxFilters drops what Ruby Liquid's lax parser skips in a filter chain:
// an empty filter ("a |") and a filter it does not know, which passes the
// value on unchanged (Liquid renders without strict_filters).
func (cc *compileCtx) laxFilters(s string) string {
	if !strings.Contains(s, "|") {
		return s
	}
	parts := splitTopLevel(s, '|')
	if len(parts) < 2 {
		return s
	}
	kept := []string{parts[0]}
	changed := false
	for _, f := range parts[1:] {
		name := filterName(f)
		switch {
		case strings.TrimSpace(f) == "":
			cc.note(fmt.Sprintf("an empty filter after '|' in %q; Studio ignores it", oneLine(s)))
			changed = true
		case name != "" && !knownFilter(name):
			cc.note(fmt.Sprintf("an unknown filter %q in %q; Studio ignores it and passes the value on unchanged", name, oneLine(s)))
			changed = true
		default:
			if g := keywordsLast(f); g != f {
				f, changed = g, true
			}
			kept = append(kept, f)
		}
	}
	if !changed {
		return s
	}
	return strings.Join(kept, "|")
}

// keywordsLast moves a filter's keyword arguments (allow_false: true)
// after its positional ones: Ruby Liquid takes them in any order, the
// library's grammar only last.
func keywordsLast(f string) string {
	colon := strings.IndexByte(f, ':')
	if colon < 0 || !strings.Contains(f[colon+1:], ":") {
		return f
	}
	args := splitTopLevel(f[colon+1:], ',')
	var positional, keywords []string
	for _, a := range args {
		if isKeywordArg(a) {
			keywords = append(keywords, strings.TrimSpace(a))
		} else {
			positional = append(positional, strings.TrimSpace(a))
		}
	}
	if len(keywords) == 0 || len(positional) == 0 || isKeywordArg(args[len(args)-1]) && allKeywordsTrail(args) {
		return f
	}
	return f[:colon+1] + " " + strings.Join(append(positional, keywords...), ", ")
}

// isKeywordArg reports whether a filter argument is "name: value".
func isKeywordArg(a string) bool {
	a = strings.TrimSpace(a)
	n := 0
	for n < len(a) && (isWordByte(a[n]) || a[n] == '-') {
		n++
	}
	return n > 0 && n < len(a) && a[n] == ':' && !isDigitByte(a[0])
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// allKeywordsTrail reports whether every keyword argument comes after
// every positional one already.
func allKeywordsTrail(args []string) bool {
	seenKeyword := false
	for _, a := range args {
		if isKeywordArg(a) {
			seenKeyword = true
		} else if seenKeyword {
			return false
		}
	}
	return true
}

// filterName reads the name a filter segment starts with.
func filterName(f string) string {
	f = strings.TrimLeft(f, " \t\r\n\f\v")
	n := 0
	for n < len(f) && (isWordByte(f[n]) || f[n] == '-') {
		n++
	}
	return f[:n]
}

func knownFilter(name string) bool {
	_, ok := standardFilters[name]
	return ok
}

// splitTopLevel splits s at sep outside quotes, parentheses and brackets.
// Each cut is at depth zero outside quotes, so scanning on from it with a
// fresh state is the same as scanning on without stopping.
func splitTopLevel(s string, sep byte) []string {
	var parts []string
	for {
		i := topLevelIndex(s, string(sep))
		if i < 0 {
			return append(parts, s)
		}
		parts = append(parts, s[:i])
		s = s[i+1:]
	}
}

// laxOutput reads an output's markup as Ruby Liquid's lax parser does: a
// value followed by filters; anything between the value and the first
// filter is ignored ("{{ a b | upcase }}" is "{{ a | upcase }}").
func (cc *compileCtx) laxOutput(markup string) string {
	markup = cc.tighten(markup)
	pipe := topLevelIndex(markup, "|")
	head, rest := markup, ""
	if pipe >= 0 {
		head, rest = markup[:pipe], markup[pipe:]
	}
	fields := splitTopLevelFields(strings.TrimSpace(head))
	if len(fields) > 1 && !looksLikeOperator(fields[1]) {
		cc.note(fmt.Sprintf("%q has more after its value; Studio renders %q and ignores the rest", oneLine(markup), fields[0]))
		head = fields[0]
	}
	return head + rest
}

// laxValue reads a tag argument that is one value, not a filter chain, as
// Ruby Liquid's lax parser does (a for collection, a case subject, a
// comparison operand): the first fragment — a quoted string or a run
// without blanks, commas or "|", brackets and parentheses kept whole. What
// follows is ignored, with a note saying so.
func (cc *compileCtx) laxValue(markup, what string) string {
	s := strings.TrimSpace(cc.tighten(markup))
	if s == "" {
		return s
	}
	n := fragmentEnd(s)
	if rest := strings.TrimSpace(s[n:]); rest != "" {
		if strings.HasPrefix(rest, "|") {
			cc.note(fmt.Sprintf("a filter in %s %q; Studio does not apply filters there and reads it as %q", what, oneLine(s), s[:n]))
		} else {
			cc.note(fmt.Sprintf("%q has more after its value; Studio reads it as %q", oneLine(s), s[:n]))
		}
	}
	return s[:n]
}

// splitTopLevelFields splits at blanks outside quotes and brackets.
func splitTopLevelFields(s string) []string {
	var out []string
	var n nesting
	start := -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		inString := n.open != 0 // a string's own bytes and closing quote start no field
		if n.topLevel(c) && isBlankByte(c) {
			if start >= 0 {
				out = append(out, s[start:i])
				start = -1
			}
			continue
		}
		if inString {
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

func looksLikeOperator(f string) bool {
	switch f {
	case "==", "!=", "<>", "<", ">", "<=", ">=", "contains", "and", "or", "+", "-", "*", "/":
		return true
	}
	return strings.HasPrefix(f, ".") || strings.HasPrefix(f, "[") || strings.ContainsAny(f[:1], "+-*/=<>!")
}
