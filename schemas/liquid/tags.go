package liquid

import (
	"regexp"
	"strings"
	"sync"
)

// The simple tags and blocks: comments, raw, doc, assign, capture, echo,
// the liquid tag, break and continue, ifchanged. (if, unless, case, cycle
// and counters are in control.go; for and tablerow in loop.go.)

// nothing is what comments and doc leave: a node that prints nothing.
type nothing struct{}

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

func parseRaw(p *parser, t token) (node, error) {
	text, err := p.verbatimBody(t)
	if err != nil {
		return nil, err
	}
	return &rawNode{text: text}, nil
}

// assignTarget and captureTarget are compiled at first use, as loopHead.
var assignTarget = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^\s*([\p{L}\p{N}_\-]+)\s*=\s*((?s).*)$`)
})

type assignNode struct {
	name string
	x    *expr
	line int
}

func parseAssign(p *parser, t token) (node, error) {
	m := assignTarget().FindStringSubmatch(t.markup)
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

var captureTarget = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^\s*(?:'([^']*)'|"([^"]*)"|([\p{L}\p{N}_\-]+\??))\s*$`)
})

type captureNode struct {
	name string
	body []node
}

func parseCapture(p *parser, t token) (node, error) {
	m := captureTarget().FindStringSubmatch(t.markup)
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

func parseEcho(p *parser, t token) (node, error) {
	x, err := compileExpr(p.cc.laxOutput(t.markup), &p.cc)
	if err != nil {
		return nil, syntaxErrorf(t.line, "%v", err)
	}
	return &outputNode{x: x, line: t.line}, nil
}

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

type loopSignal struct{ name string }

func isLoopSignal(err error) bool { return err == errBreak || err == errContinue }

type loopControl struct{ sig error }

func parseLoopControl(_ *parser, t token) (node, error) {
	if t.name == "break" {
		return loopControl{errBreak}, nil
	}
	return loopControl{errContinue}, nil
}

type ifchangedNode struct{ body []node }

func parseIfchanged(p *parser, t token) (node, error) {
	body, _, err := p.bodyUntil(t, "endifchanged")
	if err != nil {
		return nil, err
	}
	return &ifchangedNode{body: body}, nil
}

// The nodes' render and blank methods.

// --- comments, raw, doc ---

func (nothing) render(*renderState, *writer) error { return nil }
func (nothing) blank() bool                        { return true }

func (n *rawNode) render(_ *renderState, w *writer) error { return w.WriteString(n.text) }
func (n *rawNode) blank() bool                            { return n.text == "" }

// --- assign, capture, echo ---

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

// --- the liquid tag: one tag per line, without delimiters ---

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

func (s *loopSignal) Error() string { return s.name + " outside a loop" }

var (
	errBreak    = &loopSignal{"break"}
	errContinue = &loopSignal{"continue"}
)

func (n loopControl) render(*renderState, *writer) error { return n.sig }
func (n loopControl) blank() bool                        { return false }

// --- ifchanged ---

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
