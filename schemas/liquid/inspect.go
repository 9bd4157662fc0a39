package liquid

import (
	"errors"
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
}

// Inspect parses source (using the cache) and reports on it.
func (e *Engine) Inspect(source string) Report {
	c := e.parse(source)
	if c.err != nil {
		return Report{Err: c.err}
	}
	return Report{Lenient: c.tpl.lenient, MaxIterations: loopWork(c.tpl.body)}
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
