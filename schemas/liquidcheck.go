package schemas

import (
	"strings"
	"sync"

	"github.com/osteele/liquid"
)

// liquidChecker finds Liquid syntax errors with osteele/liquid's parser.
// Parsing costs microseconds, and a flow holds the same strings from one
// keystroke to the next, so verdicts are remembered (bounded).
type liquidChecker struct {
	engine *liquid.Engine

	mu    sync.Mutex
	cache map[string]liquidVerdict
}

// liquidVerdict is what the parser thinks of one string.
type liquidVerdict struct {
	// problem is the parser's complaint, "" when the string parses.
	problem string
	// laxOnly: the string parses only once spaces after a dot are dropped
	// ("{{widgets.x. y}}"). Lax Liquid lexers (Shopify's, liqp) read that as
	// widgets.x.y, and Studio saves such flows, so it is a warning.
	laxOnly bool
}

const liquidCacheLimit = 8192

func newLiquidChecker() *liquidChecker {
	return &liquidChecker{engine: liquid.NewEngine(), cache: make(map[string]liquidVerdict)}
}

// hasLiquid reports whether a string holds Liquid markup at all.
func hasLiquid(s string) bool {
	return strings.Contains(s, "{{") || strings.Contains(s, "{%")
}

// check parses s (or recalls the verdict on it).
func (c *liquidChecker) check(s string) liquidVerdict {
	if simpleLiquid(s) {
		return liquidVerdict{}
	}
	c.mu.Lock()
	verdict, ok := c.cache[s]
	c.mu.Unlock()
	if ok {
		return verdict
	}
	if _, err := c.engine.ParseString(s); err != nil {
		verdict.problem = strings.TrimPrefix(err.Error(), "Liquid error: ")
		if lax := dropSpaceAfterDots(s); lax != s {
			if _, err := c.engine.ParseString(lax); err == nil {
				verdict.laxOnly = true
			}
		}
	}
	c.mu.Lock()
	if len(c.cache) >= liquidCacheLimit {
		clear(c.cache)
	}
	c.cache[s] = verdict
	c.mu.Unlock()
	return verdict
}

// dropSpaceAfterDots removes blanks that follow a "." inside Liquid markup.
func dropSpaceAfterDots(s string) string {
	var b strings.Builder
	inMarkup := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case !inMarkup && c == '{' && i+1 < len(s) && (s[i+1] == '{' || s[i+1] == '%'):
			inMarkup = true
		case inMarkup && (c == '}' || c == '%') && i+1 < len(s) && s[i+1] == '}':
			inMarkup = false
		case inMarkup && c == '.':
			b.WriteByte(c)
			for i+1 < len(s) && (s[i+1] == ' ' || s[i+1] == '\t') {
				i++
			}
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// simpleLiquid recognises the strings that need no parser: no tags, and
// every {{ }} holds only a dotted variable path (the great majority of real
// strings, e.g. "{{widgets.gather_1.Digits}}"). Anything else is parsed.
func simpleLiquid(s string) bool {
	if strings.Contains(s, "{%") {
		return false
	}
	for {
		open := strings.Index(s, "{{")
		if open < 0 {
			return !strings.Contains(s, "}}")
		}
		if strings.Contains(s[:open], "}}") {
			return false
		}
		rest := s[open+2:]
		end := strings.Index(rest, "}}")
		if end < 0 {
			return false
		}
		if !isVariablePath(strings.TrimSpace(rest[:end])) {
			return false
		}
		s = rest[end+2:]
	}
}

func isVariablePath(p string) bool {
	if p == "" {
		return false
	}
	startOfName := true
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '.':
			if startOfName {
				return false
			}
			startOfName = true
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_':
			startOfName = false
		case c >= '0' && c <= '9':
			if startOfName {
				return false
			}
		default:
			return false
		}
	}
	return !startOfName
}

// unclosedOutput reports a "{{" with no "}}" after it, which the parser
// passes as plain text but is almost always a typing slip.
func unclosedOutput(s string) bool {
	open := strings.LastIndex(s, "{{")
	return open >= 0 && !strings.Contains(s[open:], "}}")
}

// widgetRefs calls fn for each widgets.NAME mentioned inside Liquid markup.
func widgetRefs(s string, fn func(name string)) {
	for {
		open, closer := strings.Index(s, "{{"), "}}"
		if tag := strings.Index(s, "{%"); tag >= 0 && (open < 0 || tag < open) {
			open, closer = tag, "%}"
		}
		if open < 0 {
			return
		}
		rest := s[open+2:]
		end := strings.Index(rest, closer)
		if end < 0 {
			end = len(rest)
		}
		markup := rest[:end]
		for i := 0; ; {
			k := strings.Index(markup[i:], "widgets.")
			if k < 0 {
				break
			}
			at := i + k
			i = at + len("widgets.")
			if at > 0 && (isNameByte(markup[at-1]) || markup[at-1] == '.') {
				continue
			}
			j := i
			for j < len(markup) && isNameByte(markup[j]) {
				j++
			}
			if j > i {
				fn(markup[i:j])
			}
			i = j
		}
		if end == len(rest) {
			return
		}
		s = rest[end+2:]
	}
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}
