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
	chain  *chain                 // set when this package evaluates it (chain.go)
	lib    expressions.Expression // set when the library does; both nil for an empty expression
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
	if c, ok := parseChain(s); ok {
		x.chain = c
		return x, nil
	}
	lib, err := expressions.Parse(literalBackslashes(s))
	if err != nil {
		return nil, fmt.Errorf("cannot read %q as a Liquid value%s", oneLine(source), libraryDetail(err))
	}
	x.lib = lib
	return x, nil
}

// isNothing reports whether x is empty: no value, no literal.
func (x *expr) isNothing() bool {
	return x.chain == nil && x.lib == nil && x.lit == noLiteral
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
	var q quotes
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !q.quoted(c) && c == '(' {
			end := matchClosing(s, i, '(', ')')
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
				if lo.isNothing() || hi.isNothing() {
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
	end := matchClosing(s, 0, '[', ']')
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

// literalBackslashes rewrites, for the library, each double-quoted string
// holding a backslash as a single-quoted one: the library reads escapes in
// double quotes, Ruby Liquid reads none, and the library's single quotes
// read none either. A string holding both a backslash and a ' cannot be
// written so and is left as it is (the library then reads its escapes);
// such a string in an expression this package does not read itself (see
// chain.go) is not known to occur.
func literalBackslashes(s string) string {
	if !strings.Contains(s, "\\") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\'' {
			end := strings.IndexByte(s[i+1:], '\'')
			if end < 0 {
				b.WriteString(s[i:])
				break
			}
			b.WriteString(s[i : i+end+2])
			i += end + 1
			continue
		}
		if c != '"' {
			b.WriteByte(c)
			continue
		}
		end := strings.IndexByte(s[i+1:], '"')
		if end < 0 {
			b.WriteString(s[i:])
			break
		}
		text := s[i+1 : i+1+end]
		if strings.Contains(text, "\\") && !strings.Contains(text, "'") {
			b.WriteString("'" + text + "'")
		} else {
			b.WriteString(s[i : i+end+2])
		}
		i += end + 1
	}
	return b.String()
}

// topLevelIndex finds sep outside quotes, parentheses and brackets.
func topLevelIndex(s, sep string) int {
	var n nesting
	for i := 0; i < len(s); i++ {
		if n.topLevel(s[i]) && strings.HasPrefix(s[i:], sep) {
			return i
		}
	}
	return -1
}

func isBlankByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// eval evaluates x in the render's variables. A failure inside the library
// becomes an error naming the expression, never a panic or a stack trace.
func (r *renderState) eval(x *expr) (out any, err error) {
	switch {
	case x.lit == emptyLiteral || x.lit == blankLiteral:
		return "", nil
	case x.chain == nil && x.lib == nil:
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
			if e, ok := p.(values.TypeError); ok {
				err = r.exprError(x, e) // as the library's Evaluate reports it
				return
			}
			err = fmt.Errorf("cannot evaluate %q: %s", strings.TrimSpace(x.src), firstLine(fmt.Sprint(p)))
		}
	}()
	if x.chain != nil {
		return r.evalChain(x, x.chain)
	}
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
