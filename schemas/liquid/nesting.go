package liquid

// quotes follows the quoted strings of a markup byte by byte: Liquid's
// strings open with ' or " and end at the same quote, with no escapes.
type quotes struct{ open byte }

// quoted takes the next byte c and reports whether it belongs to a quoted
// string, the quotes that open and close it included.
func (q *quotes) quoted(c byte) bool {
	switch {
	case q.open != 0:
		if c == q.open {
			q.open = 0
		}
		return true
	case c == '"' || c == '\'':
		q.open = c
		return true
	}
	return false
}

// nesting follows a markup byte by byte: its quoted strings, and how deep
// in parentheses and square brackets (counted together) each byte stands.
type nesting struct {
	quotes
	depth int
}

// plain takes the next byte c and reports whether it is markup proper:
// outside quoted strings and not itself a parenthesis or bracket.
func (n *nesting) plain(c byte) bool {
	if n.quoted(c) {
		return false
	}
	switch c {
	case '(', '[':
		n.depth++
		return false
	case ')', ']':
		n.depth--
		return false
	}
	return true
}

// topLevel reports whether c, the next byte, is markup proper at depth 0.
func (n *nesting) topLevel(c byte) bool {
	return n.plain(c) && n.depth == 0
}

// matchClosing returns the index of the close byte that balances the open
// byte at s[at] (quoted strings skipped, other brackets ignored), or -1.
func matchClosing(s string, at int, open, close byte) int {
	depth := 0
	var q quotes
	for i := at; i < len(s); i++ {
		c := s[i]
		if q.quoted(c) {
			continue
		}
		switch c {
		case open:
			depth++
		case close:
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}
