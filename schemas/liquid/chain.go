package liquid

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/osteele/liquid/expressions"
	"github.com/osteele/liquid/values"
)

// A chain is an expression this package evaluates itself: a value (a
// literal or a variable path) and the filters applied to it, which is
// nearly every expression a flow holds. The library's evaluator calls each
// filter through reflection, which cost about 40% of a render; a chain
// calls the filter's function directly.
//
// parseChain reads only a subset of the library's grammar, token for token
// as its scanner reads them, and gives up on anything else (a comparison,
// parentheses, a non-ASCII name, an escape in a string): those expressions
// go to the library. Looking a path up still goes through the library's
// value methods, so a chain reads values exactly as the library does.
// TestChainsAgreeWithTheLibrary holds the two to the same results.
type chain struct {
	head    operand
	filters []filterCall
}

// operand is a literal or a variable with its property and index steps.
type operand struct {
	literal values.Value // set for a literal
	root    string
	steps   []pathStep
}

// pathStep is ".name" (property set) or "[operand]".
type pathStep struct {
	property values.Value
	index    *operand
}

type filterCall struct {
	name     string
	def      filterDef
	args     []operand
	keywords []keywordArg
}

type keywordArg struct {
	name  string
	value operand
}

// chainParser reads one chain; ok turns false at the first thing it does
// not read, and the expression goes to the library.
type chainParser struct {
	s  string
	i  int
	ok bool
}

// parseChain reads s as a chain, or reports false.
func parseChain(s string) (*chain, bool) {
	p := chainParser{s: s, ok: true}
	c := &chain{head: p.operand()}
	for p.ok {
		p.skipBlanks()
		if p.i == len(p.s) {
			return c, true
		}
		if p.s[p.i] != '|' {
			return nil, false
		}
		p.i++
		c.filters = append(c.filters, p.filter())
	}
	return nil, false
}

func (p *chainParser) skipBlanks() {
	for p.i < len(p.s) && isBlankByte(p.s[p.i]) {
		p.i++
	}
}

func (p *chainParser) fail() operand {
	p.ok = false
	return operand{}
}

// word reads an identifier as the library's scanner does: a letter or '_',
// then letters, digits, '_', '-' and any non-ASCII character, and a final
// '?'. It reports whether a ':' follows at once, which makes it a keyword.
func (p *chainParser) word() (name string, keyword bool) {
	start := p.i
	if p.i >= len(p.s) || !isNameStart(p.s[p.i]) {
		p.ok = false
		return "", false
	}
	for p.i < len(p.s) {
		c := p.s[p.i]
		if c < utf8.RuneSelf {
			if !isWordByte(c) && c != '-' {
				break
			}
			p.i++
			continue
		}
		r, size := utf8.DecodeRuneInString(p.s[p.i:])
		if r == utf8.RuneError && size <= 1 {
			p.ok = false // the library's scanner reads no broken UTF-8
			return "", false
		}
		p.i += size
	}
	if p.i < len(p.s) && p.s[p.i] == '?' {
		p.i++
	}
	name = p.s[start:p.i]
	if p.i < len(p.s) && p.s[p.i] == ':' {
		p.i++
		return name, true
	}
	return name, false
}

// validVariable is the library's check of a variable's name (not of a
// property's or a keyword's): a letter or '_', then letters, digits,
// marks, '_' and '-'. The library fails on others in a way of its own.
func validVariable(name string) bool {
	name = strings.TrimSuffix(name, "?")
	for i, r := range name {
		switch {
		case r == '_' || unicode.IsLetter(r):
		case i > 0 && (r == '-' || unicode.IsDigit(r) || unicode.IsMark(r)):
		default:
			return false
		}
	}
	return name != ""
}

// operand reads a literal or a variable, and the property and index steps
// after it; a keyword here is not an operand.
func (p *chainParser) operand() operand {
	p.skipBlanks()
	if p.i >= len(p.s) {
		return p.fail()
	}
	var x operand
	switch c := p.s[p.i]; {
	case c == '\'' || c == '"':
		x = p.quoted(c)
	case c == '-' || isDigitByte(c):
		x = p.number()
	default:
		name, keyword := p.word()
		switch {
		case !p.ok || keyword:
			return p.fail()
		case name == "true" || name == "false":
			x = operand{literal: values.ValueOf(name == "true")}
		case name == "nil":
			x = operand{literal: values.ValueOf(nil)}
		case name == "and" || name == "or" || name == "contains" || name == "in" || !validVariable(name):
			return p.fail()
		default:
			x = operand{root: name}
		}
	}
	for p.ok {
		save := p.i
		p.skipBlanks()
		switch {
		case p.i+1 < len(p.s) && p.s[p.i] == '.' && p.s[p.i+1] != '.':
			p.i++
			prop, keyword := p.word()
			if keyword {
				return p.fail()
			}
			x.steps = append(x.steps, pathStep{property: values.ValueOf(prop)})
		case p.i < len(p.s) && p.s[p.i] == '[':
			p.i++
			index := p.operand()
			p.skipBlanks()
			if p.i >= len(p.s) || p.s[p.i] != ']' {
				return p.fail()
			}
			p.i++
			x.steps = append(x.steps, pathStep{index: &index})
		default:
			p.i = save
			return x
		}
	}
	return p.fail()
}

// quoted reads a string literal as Ruby Liquid does: it ends at the next
// quote of its kind, and a backslash is a backslash ("\n" is two
// characters, so replace: "\n" finds no line break).
func (p *chainParser) quoted(q byte) operand {
	if end := strings.IndexByte(p.s[p.i+1:], q); end >= 0 {
		text := p.s[p.i+1 : p.i+1+end]
		p.i += end + 2
		return operand{literal: values.ValueOf(text)}
	}
	return p.fail()
}

// number reads '-'? digit+ ('.' digit+)?, which must end the token.
func (p *chainParser) number() operand {
	start := p.i
	if p.s[p.i] == '-' {
		p.i++
	}
	digits := func() int {
		n := 0
		for p.i < len(p.s) && isDigitByte(p.s[p.i]) {
			p.i++
			n++
		}
		return n
	}
	if digits() == 0 {
		return p.fail()
	}
	float := false
	if p.i+1 < len(p.s) && p.s[p.i] == '.' && isDigitByte(p.s[p.i+1]) {
		p.i++
		digits()
		float = true
	}
	if p.i < len(p.s) && (isWordByte(p.s[p.i]) || p.s[p.i] >= utf8.RuneSelf) {
		return p.fail()
	}
	text := p.s[start:p.i]
	if float {
		f, err := strconv.ParseFloat(text, 64)
		if err != nil {
			return p.fail()
		}
		return operand{literal: values.ValueOf(f)}
	}
	n, ok := ParseInteger(text) // of any size, as in Ruby
	if !ok {
		return p.fail()
	}
	return operand{literal: valueOf(n)}
}

// filter reads "name" or "name: args", the keyword arguments among them.
func (p *chainParser) filter() filterCall {
	p.skipBlanks()
	name, hasArgs := p.word()
	def, known := standardFilters[name]
	if !p.ok || !known {
		p.ok = false
		return filterCall{}
	}
	f := filterCall{name: name, def: def}
	if !hasArgs {
		return f
	}
	for first := true; p.ok; first = false {
		p.skipBlanks()
		if !first {
			if p.i >= len(p.s) || p.s[p.i] != ',' {
				return f
			}
			p.i++
			p.skipBlanks()
		}
		save := p.i
		if kw, isKeyword := p.word(); p.ok && isKeyword && !first {
			f.keywords = append(f.keywords, keywordArg{name: kw, value: p.operand()})
			continue
		}
		p.i, p.ok = save, true
		f.args = append(f.args, p.operand())
	}
	return f
}

// value evaluates an operand as the library's grammar does.
func (r *renderState) value(x *operand) values.Value {
	v := x.literal
	if v == nil {
		v = values.ValueOf(values.ToLiquid(r.vars[x.root]))
	}
	for i := range x.steps {
		st := &x.steps[i]
		if st.index != nil {
			v = v.IndexValue(r.value(st.index))
		} else {
			v = v.PropertyValue(st.property)
		}
	}
	return v
}

// evalChain evaluates c, filters called in order, each after its input and
// arguments, as in the library.
func (r *renderState) evalChain(x *expr, c *chain) (any, error) {
	out := r.value(&c.head).Interface()
	// The arguments go to a function value, so a local array would escape
	// to the heap at every evaluation; the state lends one instead.
	buf := r.args
	r.args = nil
	defer func() { r.args = buf[:0] }()
	for i := range c.filters {
		f := &c.filters[i]
		args := buf[:0]
		for j := range f.args {
			args = append(args, r.value(&f.args[j]).Interface())
		}
		var kw map[string]any
		if len(f.keywords) > 0 {
			kw = make(map[string]any, len(f.keywords))
			for _, k := range f.keywords {
				kw[k.name] = r.value(&k.value).Interface()
			}
		}
		buf = args[:0]
		v, err := r.applyFilter(f.def, out, args, kw)
		if err != nil {
			return nil, r.exprError(x, expressions.FilterError{FilterName: f.name, Err: err})
		}
		out = v
	}
	return out, nil
}
