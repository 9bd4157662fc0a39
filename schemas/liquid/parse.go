package liquid

import "strings"

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

// dropBlankText removes whitespace-only text from bodies that hold nothing
// else worth printing.
func dropBlankText(bodies ...*[]node) bool {
	for _, b := range bodies {
		if !allBlank(*b) {
			return false
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

// dropBlankTextOf is dropBlankText over the body of each of items (the
// branches of an if, the clauses of a case).
func dropBlankTextOf[T any](items []T, body func(*T) *[]node) bool {
	bodies := make([]*[]node, len(items))
	for i := range items {
		bodies[i] = body(&items[i])
	}
	return dropBlankText(bodies...)
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

// allBlank reports whether every node of a body is blank.
func allBlank(body []node) bool {
	for _, n := range body {
		if !n.blank() {
			return false
		}
	}
	return true
}

func (n *textNode) blank() bool { return strings.TrimSpace(n.text) == "" }

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
