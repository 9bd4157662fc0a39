package liquid

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Report is what the validator learns from a template without rendering it.
type Report struct {
	// Err is the syntax error, nil when the template parses.
	Err *TemplateError
	// Lenient lists the forms Studio's lax parser accepts that strict
	// Liquid would refuse ("widgets. x"), each saying how Studio reads it.
	Lenient []string
	// MaxIterations bounds the loop iterations one render can run: each
	// loop counts at most Studio's 15 (fewer for a literal range or
	// limit), nested loops multiply. Past MaxRenderIterations the template
	// cannot finish within the render budget.
	MaxIterations int
	// OverCap is the first loop that runs past Studio's 15 iterations
	// whenever it renders (nil when none does): one over a literal range
	// longer than 15 (after a literal offset and limit) with no break
	// inside. Rendering it stops with ErrTooManyIterations.
	OverCap *LoopOverCap
	// ZeroDivisor is the first divided_by or modulo whose divisor is a
	// literal that reads as zero ("" for none): rendering it stops with a
	// division by zero, whatever it divides.
	ZeroDivisor string
}

// LoopOverCap is a loop that always runs past the cap: its line in the
// template and how many iterations it asks for.
type LoopOverCap struct {
	Line, Iterations int
}

// Inspect parses source (using the cache) and reports on it.
func (e *Engine) Inspect(source string) Report {
	c := e.parse(source)
	if c.err != nil {
		return Report{Err: c.err}
	}
	return Report{Lenient: c.tpl.lenient, MaxIterations: loopWork(c.tpl.body), OverCap: overCap(c.tpl.body), ZeroDivisor: zeroDivisor(c.tpl.body)}
}

// zeroDivisor finds the first divided_by or modulo among nodes' outputs
// and assignments (at any depth) whose divisor is a literal the filter
// reads as zero (the filter's own conversion, toNumber), and returns the
// filter's markup ("divided_by: 0").
func zeroDivisor(nodes []node) string {
	for _, n := range nodes {
		var x *expr
		switch t := n.(type) {
		case *outputNode:
			x = t.x
		case *assignNode:
			x = t.x
		}
		if x != nil && x.chain != nil {
			for _, f := range x.chain.filters {
				if (f.name == "divided_by" || f.name == "modulo") && len(f.args) == 1 && f.args[0].literal != nil {
					if d, err := toNumber(f.args[0].literal.Interface()); err == nil && d.rat().Sign() == 0 {
						return f.name + ": " + fmt.Sprint(f.args[0].literal.Interface())
					}
				}
			}
		}
		for _, body := range childBodies(n) {
			if found := zeroDivisor(body); found != "" {
				return found
			}
		}
	}
	return ""
}

// overCap finds the first loop among nodes (at any depth) that runs past
// the cap whenever it renders.
func overCap(nodes []node) *LoopOverCap {
	for _, n := range nodes {
		if f, ok := n.(*forNode); ok {
			if count, literal := f.literalCount(); literal && count > MaxLoopIterations && !breaks(f.body) {
				return &LoopOverCap{Line: f.line, Iterations: count}
			}
		}
		for _, body := range childBodies(n) {
			if found := overCap(body); found != nil {
				return found
			}
		}
	}
	return nil
}

// literalCount is how many iterations the loop runs when its range,
// offset and limit are all literal (literal false otherwise).
func (n *forNode) literalCount() (count int, literal bool) {
	if len(n.collection.ranges) != 1 || n.collection.lookup != nil || n.continued {
		return 0, false
	}
	rg := n.collection.ranges[0]
	lo, okLo := literalInt(rg.lo)
	hi, okHi := literalInt(rg.hi)
	if !okLo || !okHi {
		return 0, false
	}
	count = max(0, hi-lo+1)
	if n.offset != nil {
		from, ok := literalInt(n.offset)
		if !ok {
			return 0, false
		}
		count = max(0, count-max(0, from))
	}
	if n.limit != nil {
		l, ok := literalInt(n.limit)
		if !ok {
			return 0, false
		}
		count = min(count, max(0, l))
	}
	return count, true
}

// breaks reports whether a break tag stands anywhere in nodes.
func breaks(nodes []node) bool {
	for _, n := range nodes {
		if c, ok := n.(loopControl); ok && c.sig == errBreak {
			return true
		}
		for _, body := range childBodies(n) {
			if breaks(body) {
				return true
			}
		}
	}
	return false
}

// childBodies are the node lists a node holds.
func childBodies(n node) [][]node {
	switch t := n.(type) {
	case *forNode:
		return [][]node{t.body, t.elseBody}
	case *ifNode:
		out := make([][]node, len(t.branches))
		for i, b := range t.branches {
			out[i] = b.body
		}
		return out
	case *caseNode:
		out := make([][]node, len(t.clauses))
		for i, c := range t.clauses {
			out[i] = c.body
		}
		return out
	case *captureNode:
		return [][]node{t.body}
	case *ifchangedNode:
		return [][]node{t.body}
	case *seqNode:
		return [][]node{t.body}
	}
	return nil
}

// IsBudgetError reports whether err is a render stopped by a cap or by the
// render budget (rather than a mistake in the template's logic).
func IsBudgetError(err error) bool {
	var te *TemplateError
	if errors.As(err, &te) && te.cause != nil {
		return isBudgetError(te.cause)
	}
	return isBudgetError(err)
}

// loopWork is the most loop iterations nodes can run, saturating at MaxInt.
func loopWork(nodes []node) int {
	total := 0
	for _, n := range nodes {
		total = satAdd(total, nodeWork(n))
	}
	return total
}

func nodeWork(n node) int {
	switch t := n.(type) {
	case *forNode:
		inner := satAdd(1, loopWork(t.body))
		return satAdd(satMul(t.maxCount(), inner), loopWork(t.elseBody))
	case *ifNode:
		most := 0
		for _, b := range t.branches {
			most = max(most, loopWork(b.body))
		}
		return most
	case *caseNode:
		sum := 0 // several whens can render
		for _, c := range t.clauses {
			sum = satAdd(sum, loopWork(c.body))
		}
		return sum
	case *captureNode:
		return loopWork(t.body)
	case *ifchangedNode:
		return loopWork(t.body)
	case *seqNode:
		return loopWork(t.body)
	}
	return 0
}

// maxCount is the most iterations this loop can run without failing
// Studio's 15-iteration cap: fewer when its range or limit is literal.
func (n *forNode) maxCount() int {
	most := MaxLoopIterations
	if len(n.collection.ranges) == 1 && n.collection.lookup == nil {
		rg := n.collection.ranges[0]
		if lo, ok := literalInt(rg.lo); ok {
			if hi, ok := literalInt(rg.hi); ok {
				most = min(most, max(0, hi-lo+1))
			}
		}
	}
	if n.limit != nil {
		if l, ok := literalInt(n.limit); ok {
			most = min(most, max(0, l))
		}
	}
	return most
}

// literalInt reads an expression that is an integer literal.
func literalInt(x *expr) (int, bool) {
	if x == nil {
		return 0, false
	}
	i, err := strconv.Atoi(strings.TrimSpace(x.src))
	return i, err == nil
}

func satAdd(a, b int) int {
	if a > math.MaxInt-b {
		return math.MaxInt
	}
	return a + b
}

func satMul(a, b int) int {
	if a != 0 && b > math.MaxInt/a {
		return math.MaxInt
	}
	return a * b
}
