package model

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ValidateName checks Studio's widget naming rule: a name starts with a
// letter and holds only letters, digits, "_" and "-" (so no spaces and no
// periods). Studio documents no length limit and neither do we.
func ValidateName(name string) error {
	if name == "" {
		return fmt.Errorf("a widget name cannot be empty")
	}
	first, _ := utf8.DecodeRuneInString(name)
	if !isASCIILetter(first) {
		return fmt.Errorf("widget name %q must start with a letter", name)
	}
	for _, r := range name {
		if isASCIILetter(r) || (r >= '0' && r <= '9') || r == '_' || r == '-' {
			continue
		}
		switch r {
		case ' ':
			return fmt.Errorf("widget name %q cannot contain spaces (use _ instead)", name)
		case '.':
			return fmt.Errorf("widget name %q cannot contain periods", name)
		default:
			return fmt.Errorf("widget name %q may contain only letters, digits, _ and - (not %q)", name, r)
		}
	}
	return nil
}

func isASCIILetter(r rune) bool {
	return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')
}

// FreshName returns the first of base_1, base_2, … that no widget of f uses,
// the way Studio names a widget dropped on the canvas (send_message_1, …).
func FreshName(f *Flow, base string) string {
	return FreshNameExcept(f, base, nil)
}

// FreshNameExcept is FreshName that also avoids the names in taken.
func FreshNameExcept(f *Flow, base string, taken map[string]bool) string {
	base = strings.TrimRight(base, "_0123456789")
	if base == "" || ValidateName(base) != nil {
		base = "widget"
	}
	for n := 1; ; n++ {
		name := base + "_" + strconv.Itoa(n)
		if f.IndexOf(name) < 0 && !taken[name] {
			return name
		}
	}
}

// RewriteWidgetRefs renames Liquid references to widget oldName inside the
// {{ … }} and {% … %} parts of s: widgets.OLD, widgets["OLD"] and
// widgets['OLD']. Text outside Liquid markup is left alone.
func RewriteWidgetRefs(s, oldName, newName string) string {
	if !strings.Contains(s, oldName) || !strings.Contains(s, "widgets") {
		return s
	}
	var b strings.Builder
	rest := s
	for {
		open := indexLiquidOpen(rest)
		if open < 0 {
			b.WriteString(rest)
			return b.String()
		}
		closer := "}}"
		if rest[open+1] == '%' {
			closer = "%}"
		}
		end := strings.Index(rest[open+2:], closer)
		if end < 0 {
			b.WriteString(rest)
			return b.String()
		}
		end += open + 2 + len(closer)
		b.WriteString(rest[:open])
		b.WriteString(rewriteRefsInMarkup(rest[open:end], oldName, newName))
		rest = rest[end:]
	}
}

func indexLiquidOpen(s string) int {
	a := strings.Index(s, "{{")
	b := strings.Index(s, "{%")
	switch {
	case a < 0:
		return b
	case b < 0:
		return a
	default:
		return min(a, b)
	}
}

func rewriteRefsInMarkup(markup, oldName, newName string) string {
	replacements := [][2]string{
		{"widgets." + oldName, "widgets." + newName},
		{`widgets["` + oldName + `"]`, `widgets["` + newName + `"]`},
		{`widgets['` + oldName + `']`, `widgets['` + newName + `']`},
	}
	for _, r := range replacements {
		markup = replaceWholeRef(markup, r[0], r[1])
	}
	return markup
}

// replaceWholeRef replaces ref where it is not part of a longer name (so
// widgets.http_1 does not touch widgets.http_10).
func replaceWholeRef(s, ref, with string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, ref)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		after := i + len(ref)
		before := i == 0 || !IsNameByte(s[i-1])
		if before && (after >= len(s) || !IsNameByte(s[after])) {
			b.WriteString(s[:i])
			b.WriteString(with)
		} else {
			b.WriteString(s[:after])
		}
		s = s[after:]
	}
}

// IsNameByte reports whether c may stand in a widget name as a Liquid
// reference writes it (widgets.NAME): a letter, a digit, '_' or '-'.
func IsNameByte(c byte) bool {
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
}

// rewriteStrings applies fn to every string inside v, in place where v is a
// container, and returns the possibly replaced value and whether anything
// changed.
func rewriteStrings(v any, fn func(string) string) (any, bool) {
	switch t := v.(type) {
	case string:
		n := fn(t)
		return n, n != t
	case []any:
		changed := false
		for i, e := range t {
			if n, ok := rewriteStrings(e, fn); ok {
				t[i] = n
				changed = true
			}
		}
		return t, changed
	case *Object:
		changed := false
		for i := range t.members {
			if n, ok := rewriteStrings(t.members[i].Value, fn); ok {
				t.members[i].Value = n
				changed = true
			}
		}
		return t, changed
	default:
		return v, false
	}
}
