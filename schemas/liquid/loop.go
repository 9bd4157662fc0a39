package liquid

import (
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/osteele/liquid/values"
)

// loopHead is compiled at first use: its Unicode classes take about a
// millisecond to compile, in every process that loads the package, while
// most never read a loop.
var loopHead = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^\s*([\p{L}_][\p{L}\p{N}_\-]*\??)\s+in\s+((?s).+)$`)
})

var loopAttribute = regexp.MustCompile(`^(limit|offset|cols)\s*:\s*`)

type forNode struct {
	tablerow   bool
	variable   string
	collection *expr
	name       string // variable-collection, for offset: continue
	reversed   bool
	limit      *expr
	offset     *expr
	continued  bool // offset: continue
	cols       *expr
	body       []node
	elseBody   []node
	line       int
}

func parseFor(p *parser, t token) (node, error) {
	m := loopHead().FindStringSubmatch(t.markup)
	if m == nil {
		return nil, syntaxErrorf(t.line, "%s needs 'variable in collection', got %q", t.name, t.markup)
	}
	n := &forNode{tablerow: t.name == "tablerow", variable: m[1], line: t.line}
	rest := m[2]
	cut := attributesStart(rest)
	collection := strings.TrimRight(strings.TrimSpace(rest[:cut]), ", \t")
	if collection == "" {
		return nil, syntaxErrorf(t.line, "%s has no collection", t.name)
	}
	var err error
	if n.collection, err = compileExpr(p.cc.laxValue(collection, "a loop's collection"), &p.cc); err != nil {
		return nil, syntaxErrorf(t.line, "%v", err)
	}
	n.name = n.variable + "-" + collection
	attrs := strings.TrimSpace(rest[cut:])
	for attrs != "" {
		if strings.HasPrefix(attrs, "reversed") {
			n.reversed = true
			attrs = strings.TrimLeft(strings.TrimPrefix(attrs, "reversed"), " \t\r\n,")
			continue
		}
		am := loopAttribute.FindStringSubmatch(attrs)
		if am == nil {
			return nil, syntaxErrorf(t.line, "unknown %s parameter in %q", t.name, attrs)
		}
		attrs = attrs[len(am[0]):]
		end := valueEnd(attrs)
		value := strings.TrimSpace(attrs[:end])
		attrs = strings.TrimLeft(attrs[end:], " \t\r\n,")
		if am[1] == "offset" && value == "continue" {
			n.continued = true
			continue
		}
		x, err := compileExpr(value, &p.cc)
		if err != nil {
			return nil, syntaxErrorf(t.line, "%v", err)
		}
		switch am[1] {
		case "limit":
			n.limit = x
		case "offset":
			n.offset = x
		case "cols":
			n.cols = x
		}
	}
	body, end, err := p.bodyUntil(t, "else", "end"+t.name)
	if err != nil {
		return nil, err
	}
	n.body = body
	if end.name == "else" {
		if n.tablerow {
			return nil, syntaxErrorf(end.line, "tablerow has no else")
		}
		if n.elseBody, _, err = p.bodyUntil(t, "end"+t.name); err != nil {
			return nil, err
		}
	}
	dropBlankText(&n.body, &n.elseBody)
	return n, nil
}

// attributesStart finds where "reversed" or "limit:"/"offset:"/"cols:"
// begins at the top level of a loop's markup.
func attributesStart(s string) int {
	var n nesting
	for i := 0; i < len(s); i++ {
		if !n.topLevel(s[i]) || i == 0 || !(isBlankByte(s[i-1]) || s[i-1] == ',' || s[i-1] == ')') {
			continue
		}
		rest := s[i:]
		if loopAttribute.MatchString(rest) {
			return i
		}
		if strings.HasPrefix(rest, "reversed") && (len(rest) == 8 || !isWordByte(rest[8])) {
			return i
		}
	}
	return len(s)
}

// valueEnd finds the end of one attribute value (a quoted string or a run
// without blanks or commas).
func valueEnd(s string) int {
	if s != "" && (s[0] == '"' || s[0] == '\'') {
		if j := strings.IndexByte(s[1:], s[0]); j >= 0 {
			return j + 2
		}
		return len(s)
	}
	depth := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '(' || c == '[':
			depth++
		case c == ')' || c == ']':
			depth--
		case depth == 0 && (isBlankByte(c) || c == ','):
			return i
		}
	}
	return len(s)
}

// sequence is what a loop walks over.
type sequence interface {
	Len() int
	Index(int) any
}

type sliceSeq []any

func (s sliceSeq) Len() int        { return len(s) }
func (s sliceSeq) Index(i int) any { return s[i] }

type objectSeq struct{ o *Object }

func (s objectSeq) Len() int { return s.o.Len() }
func (s objectSeq) Index(i int) any {
	k := s.o.keys[i]
	return []any{k, s.o.m[k]}
}

// window is part of a sequence, maybe reversed.
type window struct {
	seq      sequence
	from, n  int
	reversed bool
}

func (w window) Len() int { return w.n }
func (w window) Index(i int) any {
	if w.reversed {
		i = w.n - 1 - i
	}
	return w.seq.Index(w.from + i)
}

// sequenceOf returns what a loop walks over for a value.
func sequenceOf(v any) sequence {
	switch t := Normalize(v).(type) {
	case []any:
		return sliceSeq(t)
	case *Object:
		return objectSeq{t}
	case values.Range:
		if t.Len() <= 0 {
			return sliceSeq(nil)
		}
		return t
	case string:
		if t == "" {
			return sliceSeq(nil)
		}
		return sliceSeq{t}
	}
	return sliceSeq(nil)
}

func (n *forNode) render(r *renderState, w *writer) error {
	v, err := r.eval(n.collection)
	if err != nil {
		return lineError(n.line, err)
	}
	seq := sequenceOf(v)
	from := 0
	if n.continued {
		from = r.forOffsets[n.name]
	} else if n.offset != nil {
		if from, err = r.integer(n.offset, "offset"); err != nil {
			return lineError(n.line, err)
		}
	}
	if from < 0 {
		from = 0
	}
	to := seq.Len()
	if n.limit != nil {
		limit, err := r.integer(n.limit, "limit")
		if err != nil {
			return lineError(n.line, err)
		}
		if limit < 0 {
			limit = 0
		}
		if from+limit < to {
			to = from + limit
		}
	}
	count := to - from
	if count < 0 {
		count = 0
	}
	if from > seq.Len() {
		from = seq.Len()
	}
	win := window{seq: seq, from: from, n: count, reversed: n.reversed}
	r.forOffsets[n.name] = from + count
	if n.tablerow {
		return n.renderTable(r, w, win)
	}
	if count == 0 {
		return r.renderNodes(n.elseBody, w)
	}
	savedVar, hadVar := r.vars[n.variable]
	savedLoop, hadLoop := r.vars["forloop"]
	defer func() {
		restore(r.vars, n.variable, savedVar, hadVar)
		restore(r.vars, "forloop", savedLoop, hadLoop)
	}()
	forloop := make(map[string]any, 9) // sized for all its members: growing it cost a third of a loop's allocations
	forloop["name"], forloop["length"] = n.name, count
	if hadLoop {
		forloop["parentloop"] = savedLoop
	}
	r.vars["forloop"] = forloop
	for i := 0; i < count; i++ {
		if err := r.iterate(i+1, n.line); err != nil {
			return err
		}
		r.vars[n.variable] = win.Index(i)
		forloop["index"], forloop["index0"] = i+1, i
		forloop["rindex"], forloop["rindex0"] = count-i, count-i-1
		forloop["first"], forloop["last"] = i == 0, i == count-1
		err := r.renderNodes(n.body, w)
		switch {
		case err == errBreak:
			return nil
		case err == errContinue || err == nil:
		default:
			return err
		}
	}
	return nil
}

func (n *forNode) renderTable(r *renderState, w *writer, win window) error {
	count := win.Len()
	cols := count
	if n.cols != nil {
		c, err := r.integer(n.cols, "cols")
		if err != nil {
			return lineError(n.line, err)
		}
		if c > 0 {
			cols = c
		}
	}
	savedVar, hadVar := r.vars[n.variable]
	savedLoop, hadLoop := r.vars["tablerowloop"]
	defer func() {
		restore(r.vars, n.variable, savedVar, hadVar)
		restore(r.vars, "tablerowloop", savedLoop, hadLoop)
	}()
	if err := w.WriteString("<tr class=\"row1\">\n"); err != nil {
		return err
	}
	loop := map[string]any{"length": count}
	r.vars["tablerowloop"] = loop
	for i := 0; i < count; i++ {
		if err := r.iterate(i+1, n.line); err != nil {
			return err
		}
		col0, row := i%cols, i/cols+1
		r.vars[n.variable] = win.Index(i)
		loop["index"], loop["index0"] = i+1, i
		loop["rindex"], loop["rindex0"] = count-i, count-i-1
		loop["first"], loop["last"] = i == 0, i == count-1
		loop["col"], loop["col0"], loop["row"] = col0+1, col0, row
		loop["col_first"], loop["col_last"] = col0 == 0, col0 == cols-1 || i == count-1
		if err := w.WriteString("<td class=\"col" + strconv.Itoa(col0+1) + "\">"); err != nil {
			return err
		}
		err := r.renderNodes(n.body, w)
		if err != nil && !isLoopSignal(err) {
			return err
		}
		if werr := w.WriteString("</td>"); werr != nil {
			return werr
		}
		if err == errBreak {
			break
		}
		if col0 == cols-1 && i != count-1 {
			if err := w.WriteString("</tr>\n<tr class=\"row" + strconv.Itoa(row+1) + "\">"); err != nil {
				return err
			}
		}
	}
	return w.WriteString("</tr>\n")
}

func restore(m map[string]any, k string, v any, had bool) {
	if had {
		m[k] = v
	} else {
		delete(m, k)
	}
}

func (n *forNode) blank() bool {
	if n.tablerow {
		return false
	}
	return allBlank(n.body) && allBlank(n.elseBody)
}
