package liquid

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/osteele/liquid/expressions"
	"github.com/osteele/liquid/values"
)

// expr is a compiled Liquid expression ("a.b[0] | upcase"). The library's
// expression parser reads it after two lenient rewrites Studio's Ruby
// Liquid does by nature: blanks around a "." in a variable path are dropped
// ("widgets. \nx.parsed" is widgets.x.parsed), and ranges are evaluated here
// so that their ends can be any value Ruby accepts ("1", 2.5, a variable).
type expr struct {
	src    string
	lib    expressions.Expression // nil for an empty expression
	ranges []rangeExpr
	lookup *rangeExpr // a leading [name]: the variable named by name's value (lo)
	lit    literal    // set when the whole expression is empty or blank
}

type literal int

const (
	noLiteral literal = iota
	emptyLiteral
	blankLiteral
)

// rangeExpr is "(lo..hi)", bound to a hidden variable while evaluating.
type rangeExpr struct {
	name   string
	lo, hi *expr
}

// compileExpr compiles source; cc numbers hidden variables and collects
// the lenient forms met.
func compileExpr(source string, cc *compileCtx) (*expr, error) {
	x := &expr{src: source}
	s := strings.TrimSpace(source)
	switch s {
	case "":
		return x, nil
	case "empty":
		x.lit = emptyLiteral
		return x, nil
	case "blank":
		x.lit = blankLiteral
		return x, nil
	}
	s = cc.laxFilters(cc.tighten(s))
	s, err := x.extractRanges(s, cc)
	if err != nil {
		return nil, err
	}
	if s, err = x.extractLookup(s, cc); err != nil {
		return nil, err
	}
	lib, err := expressions.Parse(s)
	if err != nil {
		return nil, fmt.Errorf("cannot read %q as a Liquid value%s", oneLine(source), libraryDetail(err))
	}
	x.lib = lib
	return x, nil
}

// libraryDetail keeps what the library's parser adds beyond "syntax error".
func libraryDetail(err error) string {
	msg := strings.TrimSpace(strings.TrimPrefix(firstLine(err.Error()), "syntax error"))
	msg = strings.TrimPrefix(msg, ":")
	if msg = strings.TrimSpace(msg); msg == "" || strings.HasPrefix(msg, "in ") {
		return ""
	}
	return " (" + msg + ")"
}

// extractRanges replaces each top-level "(a..b)" with a hidden variable.
func (x *expr) extractRanges(s string, cc *compileCtx) (string, error) {
	if !strings.Contains(s, "..") {
		return s, nil
	}
	var b strings.Builder
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '(':
			end := matchParen(s, i)
			if end < 0 {
				return "", fmt.Errorf("unbalanced ( in %q", s)
			}
			inner := s[i+1 : end]
			if dots := topLevelIndex(inner, ".."); dots >= 0 {
				lo, err := compileExpr(inner[:dots], cc)
				if err != nil {
					return "", err
				}
				hi, err := compileExpr(inner[dots+2:], cc)
				if err != nil {
					return "", err
				}
				if lo.lib == nil && lo.lit == noLiteral || hi.lib == nil && hi.lit == noLiteral {
					return "", fmt.Errorf("a range needs a start and an end in %q", s)
				}
				cc.counter++
				name := "_liquid_range_" + strconv.Itoa(cc.counter)
				x.ranges = append(x.ranges, rangeExpr{name: name, lo: lo, hi: hi})
				b.WriteString(name)
				i = end
				continue
			}
		}
		b.WriteByte(c)
	}
	return b.String(), nil
}

// extractLookup replaces a leading "[expr]" (a variable named by a value,
// which the library's parser does not read) with a hidden variable.
func (x *expr) extractLookup(s string, cc *compileCtx) (string, error) {
	if !strings.HasPrefix(s, "[") {
		return s, nil
	}
	end := matchBracket(s, 0)
	if end < 0 {
		return "", fmt.Errorf("unbalanced [ in %q", s)
	}
	inner, err := compileExpr(s[1:end], cc)
	if err != nil {
		return "", err
	}
	cc.counter++
	name := "_liquid_lookup_" + strconv.Itoa(cc.counter)
	x.lookup = &rangeExpr{name: name, lo: inner}
	rest := s[end+1:]
	// blanks between "]" and a following "[" or "." are nothing
	trimmed := strings.TrimLeft(rest, " \t\r\n\f\v")
	if strings.HasPrefix(trimmed, "[") || strings.HasPrefix(trimmed, ".") {
		rest = trimmed
	}
	return name + rest, nil
}

func matchBracket(s string, open int) int {
	depth := 0
	var quote byte
	for i := open; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '[':
			depth++
		case c == ']':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// matchParen returns the index of the ")" closing the "(" at open.
func matchParen(s string, open int) int {
	depth := 0
	var quote byte
	for i := open; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '(':
			depth++
		case c == ')':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// topLevelIndex finds sep outside quotes, parentheses and brackets.
func topLevelIndex(s, sep string) int {
	depth := 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '(' || c == '[':
			depth++
		case c == ')' || c == ']':
			depth--
		case depth == 0 && strings.HasPrefix(s[i:], sep):
			return i
		}
	}
	return -1
}

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
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
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

func isBlankByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func isPathEnd(c byte) bool {
	return c == '_' || c == ']' || c == '-' || c == '?' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

func isNameStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// eval evaluates x in the render's variables. A failure inside the library
// becomes an error naming the expression, never a panic or a stack trace.
func (r *renderState) eval(x *expr) (out any, err error) {
	switch {
	case x.lit == emptyLiteral || x.lit == blankLiteral:
		return "", nil
	case x.lib == nil:
		return nil, nil
	}
	for _, rg := range x.ranges {
		lo, err := r.eval(rg.lo)
		if err != nil {
			return nil, err
		}
		hi, err := r.eval(rg.hi)
		if err != nil {
			return nil, err
		}
		l, _ := toInteger(lo)
		h, _ := toInteger(hi)
		r.vars[rg.name] = values.NewRange(l, h)
	}
	if x.lookup != nil {
		key, err := r.eval(x.lookup.lo)
		if err != nil {
			return nil, err
		}
		k := toS(Normalize(key))
		if k == x.lookup.name || strings.HasPrefix(k, "_liquid_") {
			r.vars[x.lookup.name] = nil
		} else {
			r.vars[x.lookup.name] = r.vars[k]
		}
	}
	defer func() {
		if p := recover(); p != nil {
			if e, ok := p.(error); ok && isBudgetError(e) {
				err = e
				return
			}
			err = fmt.Errorf("cannot evaluate %q: %s", strings.TrimSpace(x.src), firstLine(fmt.Sprint(p)))
		}
	}()
	v, err := x.lib.Evaluate(r.ctx)
	if err != nil {
		return nil, r.exprError(x, err)
	}
	return v, nil
}

// exprError words a library evaluation error for a builder.
func (r *renderState) exprError(x *expr, err error) error {
	var fe expressions.FilterError
	if asFilterError(err, &fe) {
		if isBudgetError(fe.Err) {
			return fe.Err
		}
		return fmt.Errorf("filter %s: %w", fe.FilterName, fe.Err)
	}
	if u, ok := err.(expressions.UndefinedFilter); ok {
		return fmt.Errorf("undefined filter %s", string(u))
	}
	return fmt.Errorf("%s (in %q)", firstLine(err.Error()), strings.TrimSpace(x.src))
}

func asFilterError(err error, target *expressions.FilterError) bool {
	switch e := err.(type) {
	case expressions.FilterError:
		*target = e
		return true
	case *expressions.FilterError:
		*target = *e
		return true
	}
	return false
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
func splitTopLevel(s string, sep byte) []string {
	var parts []string
	depth, start := 0, 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '(' || c == '[':
			depth++
		case c == ')' || c == ']':
			depth--
		case c == sep && depth == 0:
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}

// oneLine shows source on one line, blanks collapsed.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// firstLine keeps the first line of a message (a panic's text can carry a
// stack trace after it).
func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
