package liquid

import (
	"fmt"
	"slices"
	"strings"
)

// --- if / unless ---

type branch struct {
	cond *condition // nil for else
	body []node
	line int
}

type ifNode struct {
	negate   bool // unless: the first branch runs when its condition is false
	branches []branch
}

func parseIf(p *parser, t token) (node, error) {
	n := &ifNode{negate: t.name == "unless"}
	endName := "end" + t.name
	markup, line := t.markup, t.line
	isElse := false
	for {
		var c *condition
		if !isElse {
			var err error
			c, err = compileCondition(markup, &p.cc)
			if err != nil {
				return nil, syntaxErrorf(line, "%v", err)
			}
		}
		body, end, err := p.bodyUntil(t, "elsif", "else", endName)
		if err != nil {
			return nil, err
		}
		n.branches = append(n.branches, branch{cond: c, body: body, line: line})
		if end.name == endName {
			break
		}
		if isElse {
			// Ruby Liquid ignores branches after an else.
			if _, err := p.skipUntil(t, endName); err != nil {
				return nil, err
			}
			break
		}
		isElse = end.name == "else"
		if isElse && strings.TrimSpace(end.markup) != "" {
			p.cc.note(fmt.Sprintf("a condition after else (%q); Studio ignores it and reads a plain else (elsif takes a condition)", oneLine(end.src)))
		}
		markup, line = end.markup, end.line
	}
	dropBlankTextOf(n.branches, func(b *branch) *[]node { return &b.body })
	return n, nil
}

func (n *ifNode) render(r *renderState, w *writer) error {
	for i, b := range n.branches {
		if b.cond == nil {
			return r.renderNodes(b.body, w)
		}
		ok, err := r.test(b.cond)
		if err != nil {
			return lineError(b.line, err)
		}
		if i == 0 && n.negate {
			ok = !ok
		}
		if ok {
			return r.renderNodes(b.body, w)
		}
	}
	return nil
}

func (n *ifNode) blank() bool {
	return !slices.ContainsFunc(n.branches, func(b branch) bool { return !allBlank(b.body) })
}

// --- case / when ---

type whenClause struct {
	values []*expr // nil for else
	body   []node
}

type caseNode struct {
	subject *expr
	clauses []whenClause
	line    int
}

func parseCase(p *parser, t token) (node, error) {
	subject, err := compileExpr(p.cc.laxValue(t.markup, "a case subject"), &p.cc)
	if err != nil {
		return nil, syntaxErrorf(t.line, "%v", err)
	}
	n := &caseNode{subject: subject, line: t.line}
	// Anything between case and the first when is ignored.
	_, end, err := p.bodyUntil(t, "when", "else", "endcase")
	if err != nil {
		return nil, err
	}
	for end.name != "endcase" {
		var clause whenClause
		if end.name == "when" {
			markup := p.cc.tighten(end.markup)
			parts, rest := whenValues(markup)
			if rest != "" {
				p.cc.note(fmt.Sprintf("%q after the values of a when; Studio reads only the values before it (values are separated by commas or 'or')", oneLine(rest)))
			}
			values, _, err := p.compileParts(parts, end.line)
			if err != nil {
				return nil, err
			}
			clause.values = values
			if len(clause.values) == 0 {
				return nil, syntaxErrorf(end.line, "when needs a value")
			}
		}
		body, next, err := p.bodyUntil(t, "when", "else", "endcase")
		if err != nil {
			return nil, err
		}
		clause.body = body
		n.clauses = append(n.clauses, clause)
		end = next
	}
	dropBlankTextOf(n.clauses, func(c *whenClause) *[]node { return &c.body })
	return n, nil
}

// render runs every when that matches (Ruby Liquid does), and an else when
// none did before it.
func (n *caseNode) render(r *renderState, w *writer) error {
	subject, err := r.eval(n.subject)
	if err != nil {
		return lineError(n.line, err)
	}
	matched := false
	for _, c := range n.clauses {
		if c.values == nil {
			if !matched {
				if err := r.renderNodes(c.body, w); err != nil {
					return err
				}
			}
			continue
		}
		for _, x := range c.values {
			var eq bool
			if x.lit != noLiteral {
				if x.lit == emptyLiteral {
					eq, _ = isEmpty(Normalize(subject))
				} else {
					eq = isBlank(Normalize(subject))
				}
			} else {
				v, err := r.eval(x)
				if err != nil {
					return lineError(n.line, err)
				}
				eq = rubyEqual(subject, v)
			}
			// Each matching value renders the body, as in Ruby Liquid.
			if eq {
				matched = true
				if err := r.renderNodes(c.body, w); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func (n *caseNode) blank() bool {
	return !slices.ContainsFunc(n.clauses, func(c whenClause) bool { return !allBlank(c.body) })
}

// whenValues reads a when's values as Ruby Liquid's lax parser does:
// fragments separated by "," or "or"; reading stops at anything else,
// which it returns as rest ("" when it read everything).
func whenValues(markup string) (values []string, rest string) {
	s := strings.TrimSpace(markup)
	for s != "" {
		n := fragmentEnd(s)
		values = append(values, s[:n])
		s = strings.TrimSpace(s[n:])
		switch {
		case strings.HasPrefix(s, ","):
			s = strings.TrimSpace(s[1:])
		case strings.HasPrefix(s, "or") && (len(s) == 2 || isBlankByte(s[2])):
			s = strings.TrimSpace(s[2:])
		default:
			return values, s
		}
	}
	return values, ""
}

// fragmentEnd is the end of a quoted string, or of a run without blanks
// or commas (brackets and parentheses kept whole).
func fragmentEnd(s string) int {
	if s[0] == '"' || s[0] == '\'' {
		if j := strings.IndexByte(s[1:], s[0]); j >= 0 {
			return j + 2
		}
		return len(s)
	}
	var n nesting
	for i := 0; i < len(s); i++ {
		if c := s[i]; n.topLevel(c) && (isBlankByte(c) || c == ',' || c == '|') {
			return i
		}
	}
	return len(s)
}

// --- cycle ---

type cycleNode struct {
	group  *expr // nil when unnamed
	key    string
	values []*expr
	line   int
}

func parseCycle(p *parser, t token) (node, error) {
	markup := p.cc.tighten(t.markup)
	n := &cycleNode{line: t.line}
	if colon := topLevelIndex(markup, ":"); colon >= 0 {
		g, err := compileExpr(markup[:colon], &p.cc)
		if err != nil {
			return nil, syntaxErrorf(t.line, "%v", err)
		}
		n.group = g
		markup = markup[colon+1:]
	}
	parts, _ := splitWords(strings.ReplaceAll(markup, ",", " , "), ",")
	values, keys, err := p.compileParts(parts, t.line)
	if err != nil {
		return nil, err
	}
	n.values = values
	if len(n.values) == 0 {
		return nil, syntaxErrorf(t.line, "cycle needs values")
	}
	n.key = strings.Join(keys, ",")
	return n, nil
}

func (n *cycleNode) render(r *renderState, w *writer) error {
	key := n.key
	if n.group != nil {
		g, err := r.eval(n.group)
		if err != nil {
			return lineError(n.line, err)
		}
		key = "\x00" + toS(g)
	}
	// As in Ruby Liquid: a shared counter past this cycle's values prints
	// nothing and starts over.
	i := r.cycles[key]
	var v any
	if i < len(n.values) {
		var err error
		if v, err = r.eval(n.values[i]); err != nil {
			return lineError(n.line, err)
		}
	}
	if i++; i >= len(n.values) {
		i = 0
	}
	r.cycles[key] = i
	return w.WriteString(outputString(v))
}
func (n *cycleNode) blank() bool { return false }

// --- increment / decrement ---

type counterNode struct {
	name string
	step int
}

func parseCounter(_ *parser, t token) (node, error) {
	name := strings.TrimSpace(t.markup)
	if name == "" || strings.ContainsAny(name, " \t\n") {
		return nil, syntaxErrorf(t.line, "%s needs one variable name", t.name)
	}
	step := 1
	if t.name == "decrement" {
		step = -1
	}
	return &counterNode{name: name, step: step}, nil
}

// render prints the counter before incrementing it, or after decrementing
// it. Counters live apart from assigned variables, which hide them.
func (n *counterNode) render(r *renderState, w *writer) error {
	v := r.counters[n.name]
	if n.step < 0 {
		v--
		r.counters[n.name] = v
	} else {
		r.counters[n.name] = v + 1
	}
	if !r.assigned[n.name] {
		r.vars[n.name] = r.counters[n.name]
	}
	return w.WriteString(fmt.Sprint(v))
}
func (n *counterNode) blank() bool { return false }

// compileParts compiles each part of a list that is not blank (a when's
// values, a cycle's), and returns the expressions with the parts they came
// from, trimmed; a part that does not compile is a syntax error at line.
func (p *parser) compileParts(parts []string, line int) ([]*expr, []string, error) {
	var values []*expr
	var kept []string
	for _, part := range parts {
		if strings.TrimSpace(part) == "" {
			continue
		}
		x, err := compileExpr(part, &p.cc)
		if err != nil {
			return nil, nil, syntaxErrorf(line, "%v", err)
		}
		values = append(values, x)
		kept = append(kept, strings.TrimSpace(part))
	}
	return values, kept, nil
}
