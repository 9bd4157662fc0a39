package liquid

import (
	"fmt"
	"regexp"
	"strings"
)

// node is one piece of a parsed template.
type node interface {
	render(r *renderState, w *writer) error
	// blank reports whether the node prints nothing but whitespace, so
	// that a block made only of such nodes drops its whitespace (as Ruby
	// Liquid does for blocks holding only assign, capture and comments).
	blank() bool
}

// template is a parsed template.
type template struct {
	body    []node
	lenient []string // lenient forms Studio accepts (see compileCtx)
}

// parser turns tokens into nodes.
type parser struct {
	toks []token
	pos  int
	cc   compileCtx
}

// compileCtx is what compiling a template's expressions accumulates.
type compileCtx struct {
	counter int      // numbers hidden range variables
	lenient []string // lenient forms met, in Studio's words
}

// note records a lenient form once.
func (cc *compileCtx) note(msg string) {
	for _, m := range cc.lenient {
		if m == msg {
			return
		}
	}
	cc.lenient = append(cc.lenient, msg)
}

// parse parses a template source.
func parse(source string) (*template, error) {
	toks, err := scan(source)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	body, end, err := p.parseBody()
	if err != nil {
		return nil, err
	}
	if end != nil {
		return nil, syntaxErrorf(end.line, "unexpected '%s' tag: it does not close or continue anything", end.name)
	}
	return &template{body: body, lenient: p.cc.lenient}, nil
}

// blockParsers read the tags that open blocks or stand alone.
var blockParsers map[string]func(p *parser, t token) (node, error)

func init() {
	blockParsers = map[string]func(p *parser, t token) (node, error){
		"if":        parseIf,
		"unless":    parseIf,
		"case":      parseCase,
		"for":       parseFor,
		"tablerow":  parseFor,
		"capture":   parseCapture,
		"ifchanged": parseIfchanged,
		"comment":   parseComment,
		"raw":       parseRaw,
		"doc":       parseDoc,
		"assign":    parseAssign,
		"echo":      parseEcho,
		"cycle":     parseCycle,
		"increment": parseCounter,
		"decrement": parseCounter,
		"break":     parseLoopControl,
		"continue":  parseLoopControl,
		"liquid":    parseLiquidTag,
		"#":         parseInlineComment,
	}
}

// parseBody reads nodes up to a tag that parseBody does not know (an end or
// clause tag such as endif or else), which it returns without consuming
// anything after it; end is nil at the end of the tokens.
func (p *parser) parseBody() (body []node, end *token, err error) {
	for p.pos < len(p.toks) {
		t := p.toks[p.pos]
		p.pos++
		switch t.kind {
		case textToken:
			if t.text != "" {
				body = append(body, &textNode{text: t.text})
			}
		case outputToken:
			x, err := compileExpr(p.cc.laxOutput(t.text), &p.cc)
			if err != nil {
				return nil, nil, syntaxErrorf(t.line, "%v", err)
			}
			body = append(body, &outputNode{x: x, line: t.line})
		case tagToken:
			parse, ok := blockParsers[t.name]
			if !ok {
				if isClauseOrEnd(t.name) {
					return body, &t, nil
				}
				return nil, nil, syntaxErrorf(t.line, "unknown tag '%s'", t.name)
			}
			n, err := parse(p, t)
			if err != nil {
				var se *syntaxError
				if ok := asSyntaxError(err, &se); ok {
					return nil, nil, se
				}
				return nil, nil, syntaxErrorf(t.line, "%v", err)
			}
			if n != nil {
				body = append(body, n)
			}
		}
	}
	return body, nil, nil
}

func asSyntaxError(err error, target **syntaxError) bool {
	se, ok := err.(*syntaxError)
	if ok {
		*target = se
	}
	return ok
}

func isClauseOrEnd(name string) bool {
	switch name {
	case "else", "elsif", "when":
		return true
	}
	return strings.HasPrefix(name, "end")
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
	depth := 0
	var quote byte
	start := -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
			continue
		case c == '"' || c == '\'':
			quote = c
		case c == '(' || c == '[':
			depth++
		case c == ')' || c == ']':
			depth--
		case depth == 0 && isBlankByte(c):
			if start >= 0 {
				out = append(out, s[start:i])
				start = -1
			}
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

// dropBlankText removes whitespace-only text from bodies that hold nothing
// else worth printing.
func dropBlankText(bodies ...*[]node) bool {
	for _, b := range bodies {
		for _, n := range *b {
			if !n.blank() {
				return false
			}
		}
	}
	for _, b := range bodies {
		kept := (*b)[:0]
		for _, n := range *b {
			if _, isText := n.(*textNode); !isText {
				kept = append(kept, n)
			}
		}
		*b = kept
	}
	return true
}

// expectEnd reads a block's body and requires it to end with one of names.
func (p *parser) bodyUntil(open token, names ...string) ([]node, *token, error) {
	body, end, err := p.parseBody()
	if err != nil {
		return nil, nil, err
	}
	if end == nil {
		return nil, nil, syntaxErrorf(open.line, "unterminated %q block (no end%s)", open.name, open.name)
	}
	for _, n := range names {
		if end.name == n {
			return body, end, nil
		}
	}
	return nil, nil, syntaxErrorf(end.line, "unexpected '%s' inside '%s' (line %d)", end.name, open.name, open.line)
}

// skipUntil reads and discards bodies up to the end tag named end.
func (p *parser) skipUntil(open token, end string) (*token, error) {
	for {
		_, t, err := p.parseBody()
		if err != nil {
			return nil, err
		}
		if t == nil {
			return nil, syntaxErrorf(open.line, "unterminated %q block (no end%s)", open.name, open.name)
		}
		if t.name == end {
			return t, nil
		}
	}
}

// --- text and output ---

type textNode struct{ text string }

func (n *textNode) render(_ *renderState, w *writer) error { return w.WriteString(n.text) }
func (n *textNode) blank() bool                            { return strings.TrimSpace(n.text) == "" }

type outputNode struct {
	x    *expr
	line int
}

func (n *outputNode) render(r *renderState, w *writer) error {
	v, err := r.eval(n.x)
	if err != nil {
		return lineError(n.line, err)
	}
	return w.WriteString(outputString(v))
}
func (n *outputNode) blank() bool { return false }

// lineError attaches a line to an error that has none.
func lineError(line int, err error) error {
	if _, ok := err.(*lineErr); ok {
		return err
	}
	if isBudgetError(err) || isLoopSignal(err) {
		return err
	}
	return &lineErr{line: line, err: err}
}

type lineErr struct {
	line int
	err  error
}

func (e *lineErr) Error() string { return e.err.Error() }
func (e *lineErr) Unwrap() error { return e.err }

// --- comments, raw, doc ---

type nothing struct{}

func (nothing) render(*renderState, *writer) error { return nil }
func (nothing) blank() bool                        { return true }

func parseComment(p *parser, t token) (node, error) {
	depth := 1
	for p.pos < len(p.toks) {
		tok := p.toks[p.pos]
		p.pos++
		if tok.kind != tagToken {
			continue
		}
		switch tok.name {
		case "comment":
			depth++
		case "endcomment":
			depth--
			if depth == 0 {
				return nothing{}, nil
			}
		}
	}
	return nil, syntaxErrorf(t.line, "unterminated \"comment\" block (no endcomment)")
}

func parseDoc(p *parser, t token) (node, error) {
	if _, err := p.verbatimBody(t); err != nil {
		return nil, err
	}
	return nothing{}, nil
}

// verbatimBody takes the text and end tag that scan laid out after a raw
// or doc tag; inside a liquid tag there are none.
func (p *parser) verbatimBody(t token) (string, error) {
	if p.pos+1 >= len(p.toks) || p.toks[p.pos].kind != textToken || p.toks[p.pos+1].name != "end"+t.name {
		return "", syntaxErrorf(t.line, "'%s' cannot be used inside a liquid tag", t.name)
	}
	text := p.toks[p.pos].text
	p.pos += 2
	return text, nil
}

func parseInlineComment(_ *parser, t token) (node, error) {
	lines := strings.Split(t.markup, "\n")
	for _, l := range lines[1:] {
		l = strings.TrimSpace(l)
		if l != "" && !strings.HasPrefix(l, "#") {
			return nil, syntaxErrorf(t.line, "every line of an inline comment must start with #")
		}
	}
	return nothing{}, nil
}

type rawNode struct{ text string }

func (n *rawNode) render(_ *renderState, w *writer) error { return w.WriteString(n.text) }
func (n *rawNode) blank() bool                            { return n.text == "" }

func parseRaw(p *parser, t token) (node, error) {
	text, err := p.verbatimBody(t)
	if err != nil {
		return nil, err
	}
	return &rawNode{text: text}, nil
}

// --- assign, capture, echo ---

var assignTarget = regexp.MustCompile(`^\s*([\p{L}\p{N}_\-]+)\s*=\s*((?s).*)$`)

type assignNode struct {
	name string
	x    *expr
	line int
}

func parseAssign(p *parser, t token) (node, error) {
	m := assignTarget.FindStringSubmatch(t.markup)
	if m == nil {
		return nil, syntaxErrorf(t.line, "assign needs 'name = value', got %q", t.markup)
	}
	value := strings.TrimSpace(m[2])
	if value == "" {
		return nil, syntaxErrorf(t.line, "assign to %s has no value", m[1])
	}
	x, err := compileExpr(p.cc.laxOutput(value), &p.cc)
	if err != nil {
		return nil, syntaxErrorf(t.line, "%v", err)
	}
	return &assignNode{name: m[1], x: x, line: t.line}, nil
}

func (n *assignNode) render(r *renderState, _ *writer) error {
	v, err := r.eval(n.x)
	if err != nil {
		return lineError(n.line, err)
	}
	if err := r.built(v); err != nil {
		return err
	}
	r.assign(n.name, v)
	return nil
}
func (n *assignNode) blank() bool { return true }

var captureTarget = regexp.MustCompile(`^\s*(?:'([^']*)'|"([^"]*)"|([\p{L}\p{N}_\-]+\??))\s*$`)

type captureNode struct {
	name string
	body []node
}

func parseCapture(p *parser, t token) (node, error) {
	m := captureTarget.FindStringSubmatch(t.markup)
	if m == nil {
		return nil, syntaxErrorf(t.line, "capture needs a variable name, got %q", t.markup)
	}
	name := m[1] + m[2] + m[3]
	body, _, err := p.bodyUntil(t, "endcapture")
	if err != nil {
		return nil, err
	}
	return &captureNode{name: name, body: body}, nil
}

func (n *captureNode) render(r *renderState, _ *writer) error {
	w := r.newValueWriter()
	if err := r.renderNodes(n.body, w); err != nil {
		return err
	}
	s := w.String()
	if err := r.built(s); err != nil {
		return err
	}
	r.assign(n.name, s)
	return nil
}
func (n *captureNode) blank() bool { return true }

func parseEcho(p *parser, t token) (node, error) {
	x, err := compileExpr(p.cc.laxOutput(t.markup), &p.cc)
	if err != nil {
		return nil, syntaxErrorf(t.line, "%v", err)
	}
	return &outputNode{x: x, line: t.line}, nil
}

// --- the liquid tag: one tag per line, without delimiters ---

func parseLiquidTag(p *parser, t token) (node, error) {
	var toks []token
	for i, raw := range strings.Split(t.markup, "\n") {
		line := strings.TrimSpace(strings.TrimSuffix(raw, "\r"))
		if strings.Contains(line, "\r") {
			return nil, syntaxErrorf(t.line+i, "lines of a liquid tag end with a newline")
		}
		if line == "" {
			continue
		}
		lt, err := tagOf("{%"+line+"%}", t.line+i)
		if err != nil {
			return nil, err
		}
		toks = append(toks, lt)
	}
	sub := &parser{toks: toks, cc: p.cc}
	body, end, err := sub.parseLiquidBody()
	p.cc = sub.cc
	if err != nil {
		return nil, err
	}
	if end != nil {
		return nil, syntaxErrorf(end.line, "unexpected '%s' tag in a liquid tag", end.name)
	}
	return &seqNode{body: body}, nil
}

// parseLiquidBody is parseBody where comment blocks run by line.
func (p *parser) parseLiquidBody() ([]node, *token, error) {
	return p.parseBody()
}

type seqNode struct{ body []node }

func (n *seqNode) render(r *renderState, w *writer) error { return r.renderNodes(n.body, w) }
func (n *seqNode) blank() bool {
	for _, c := range n.body {
		if !c.blank() {
			return false
		}
	}
	return true
}

// --- loop control ---

type loopSignal struct{ name string }

func (s *loopSignal) Error() string { return s.name + " outside a loop" }

var (
	errBreak    = &loopSignal{"break"}
	errContinue = &loopSignal{"continue"}
)

func isLoopSignal(err error) bool { return err == errBreak || err == errContinue }

type loopControl struct{ sig error }

func (n loopControl) render(*renderState, *writer) error { return n.sig }
func (n loopControl) blank() bool                        { return false }

func parseLoopControl(_ *parser, t token) (node, error) {
	if t.name == "break" {
		return loopControl{errBreak}, nil
	}
	return loopControl{errContinue}, nil
}

// --- ifchanged ---

type ifchangedNode struct{ body []node }

func parseIfchanged(p *parser, t token) (node, error) {
	body, _, err := p.bodyUntil(t, "endifchanged")
	if err != nil {
		return nil, err
	}
	return &ifchangedNode{body: body}, nil
}

func (n *ifchangedNode) render(r *renderState, w *writer) error {
	buf := r.newValueWriter()
	if err := r.renderNodes(n.body, buf); err != nil {
		return err
	}
	s := buf.String()
	if r.ifchanged != nil && *r.ifchanged == s {
		return nil
	}
	r.ifchanged = &s
	return w.WriteString(s)
}
func (n *ifchangedNode) blank() bool { return false }

// errorf builds a syntax error for tag t.
func errorf(t token, format string, a ...any) error {
	return syntaxErrorf(t.line, "%s", fmt.Sprintf(format, a...))
}
