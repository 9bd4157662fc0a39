package liquid

import (
	"fmt"
	"math/big"
	"slices"
	"strings"
)

// condition is one "left op right" comparison, or a lone value, joined to
// the next by and/or. As in Ruby Liquid, "a and b or c" groups from the
// right: a and (b or c).
type condition struct {
	left, right *expr
	op          string // "" for a lone value
	join        string // "and" or "or" joining next; "" at the end
	next        *condition
}

var comparisonOps = []string{"==", "!=", "<>", "<=", ">=", "<", ">", "contains"}

// compileCondition reads an if/elsif/unless condition.
func compileCondition(markup string, cc *compileCtx) (*condition, error) {
	parts, joins := splitWords(markup, "and", "or")
	if len(parts) == 0 || strings.TrimSpace(parts[0]) == "" {
		return nil, fmt.Errorf("a condition is missing")
	}
	var first, prev *condition
	for i, part := range parts {
		c, err := compileComparison(part, cc)
		if err != nil {
			return nil, err
		}
		if i < len(joins) {
			c.join = joins[i]
		}
		if prev == nil {
			first = c
		} else {
			prev.next = c
		}
		prev = c
	}
	return first, nil
}

func compileComparison(src string, cc *compileCtx) (*condition, error) {
	s := strings.TrimSpace(cc.tighten(src))
	if s == "" {
		return nil, fmt.Errorf("an and/or with nothing on one side")
	}
	if topLevelIndex(s, "|") >= 0 {
		// Ruby Liquid's lax parser reads no filters in a condition: the
		// first value stands alone and the rest is ignored.
		left, err := compileExpr(cc.laxValue(s, "a condition"), cc)
		if err != nil {
			return nil, err
		}
		return &condition{left: left}, nil
	}
	// Ruby Liquid's lax reading: a value, an operator, a value, each a
	// fragment; what follows is ignored.
	n := fragmentEnd(s)
	leftSrc, rest := s[:n], strings.TrimSpace(s[n:])
	if gluedOperator(leftSrc) {
		cc.note(fmt.Sprintf("an operator without spaces around it in %q; Studio reads %q as one variable name, so the condition is false (write spaces around the operator)", oneLine(s), leftSrc))
		return &condition{left: &expr{src: leftSrc}}, nil // evaluates to nil
	}
	left, err := compileExpr(leftSrc, cc)
	if err != nil {
		return nil, err
	}
	if rest == "" {
		return &condition{left: left}, nil
	}
	opLen := 0
	for opLen < len(rest) && strings.IndexByte("=!<>abcdefghijklmnopqrstuvwxyz_", rest[opLen]) >= 0 {
		opLen++
	}
	if opLen == 0 {
		cc.note(fmt.Sprintf("%q has more after its value; Studio reads it as %q", oneLine(s), leftSrc))
		return &condition{left: left}, nil
	}
	op := rest[:opLen]
	if !slices.Contains(comparisonOps, op) {
		return nil, fmt.Errorf("unknown operator %q in %q", op, oneLine(s))
	}
	r := strings.TrimSpace(rest[opLen:])
	if r == "" {
		return nil, fmt.Errorf("%q needs a value on each side in %q", op, oneLine(s))
	}
	if m := fragmentEnd(r); strings.TrimSpace(r[m:]) != "" {
		cc.note(fmt.Sprintf("%q has more after its comparison; Studio reads it as %q", oneLine(s), oneLine(leftSrc+" "+op+" "+r[:m])))
		r = r[:m]
	}
	right, err := compileExpr(r, cc)
	if err != nil {
		return nil, err
	}
	return &condition{left: left, right: right, op: op}, nil
}

// gluedOperator reports whether a fragment holds a comparison operator
// outside quotes and brackets ("a==1"), which Ruby Liquid's lax parser
// reads as part of a name.
func gluedOperator(frag string) bool {
	if frag == "" || frag[0] == '"' || frag[0] == '\'' {
		return false
	}
	for _, op := range []string{"==", "!=", "<", ">"} {
		if topLevelIndex(frag, op) >= 0 {
			return true
		}
	}
	return false
}

// splitWords splits s at the given words standing alone at the top level.
func splitWords(s string, words ...string) (parts, found []string) {
	var n nesting
	start := 0
	for i := 0; i < len(s); i++ {
		if !n.topLevel(s[i]) || i > 0 && !isBlankByte(s[i-1]) {
			continue
		}
		for _, w := range words {
			end := i + len(w)
			if strings.HasPrefix(s[i:], w) && end < len(s) && isBlankByte(s[end]) {
				parts = append(parts, s[start:i])
				found = append(found, w)
				start = end
				i = end - 1
				break
			}
		}
	}
	parts = append(parts, s[start:])
	return parts, found
}

// test evaluates the condition chain.
func (r *renderState) test(c *condition) (bool, error) {
	v, err := r.compare(c)
	if err != nil {
		return false, err
	}
	switch c.join {
	case "and":
		if !v {
			return false, nil
		}
		return r.test(c.next)
	case "or":
		if v {
			return true, nil
		}
		return r.test(c.next)
	}
	return v, nil
}

func (r *renderState) compare(c *condition) (bool, error) {
	if c.op == "" {
		if c.left.lit != noLiteral {
			return true, nil // empty and blank are truthy on their own
		}
		v, err := r.eval(c.left)
		return truthy(v), err
	}
	// empty and blank compare by asking the other side.
	for _, pair := range [][2]*expr{{c.left, c.right}, {c.right, c.left}} {
		if pair[0].lit == noLiteral {
			continue
		}
		if c.op != "==" && c.op != "!=" && c.op != "<>" {
			return false, nil
		}
		var eq bool
		if pair[1].lit != noLiteral {
			eq = pair[0].lit == pair[1].lit
		} else {
			other, err := r.eval(pair[1])
			if err != nil {
				return false, err
			}
			if pair[0].lit == emptyLiteral {
				e, _ := isEmpty(Normalize(other))
				eq = e
			} else {
				eq = isBlank(Normalize(other))
			}
		}
		if c.op == "==" {
			return eq, nil
		}
		return !eq, nil
	}
	left, err := r.eval(c.left)
	if err != nil {
		return false, err
	}
	right, err := r.eval(c.right)
	if err != nil {
		return false, err
	}
	return compareValues(left, c.op, right)
}

// compareValues applies a comparison the way Ruby does: numbers compare
// across int and float, strings with strings; comparing a string with a
// number is an error, and comparing with nil is false.
func compareValues(left any, op string, right any) (bool, error) {
	left, right = Normalize(left), Normalize(right)
	switch op {
	case "==":
		return rubyEqual(left, right), nil
	case "!=", "<>":
		return !rubyEqual(left, right), nil
	case "contains":
		return contains(left, right), nil
	}
	if left == nil || right == nil {
		return false, nil
	}
	cmp, ok := order(left, right)
	if !ok {
		if _, isObj := left.(*Object); isObj {
			return false, nil
		}
		if _, isObj := right.(*Object); isObj {
			return false, nil
		}
		return false, fmt.Errorf("comparison of %s with %s failed", rubyClass(left), inspectShort(right))
	}
	switch op {
	case "<":
		return cmp < 0, nil
	case ">":
		return cmp > 0, nil
	case "<=":
		return cmp <= 0, nil
	case ">=":
		return cmp >= 0, nil
	}
	return false, fmt.Errorf("unknown operator %s", op)
}

// order compares two numbers or two strings.
func order(a, b any) (int, bool) {
	switch x := a.(type) {
	case int, *big.Int, float64:
		return compareNumbers(x, b)
	case string:
		if y, ok := b.(string); ok {
			return strings.Compare(x, y), true
		}
	}
	return 0, false
}

// contains is Liquid's contains: a substring of a string, a member of an
// array, a key of a hash.
func contains(left, right any) bool {
	if !truthy(right) {
		return false
	}
	switch l := left.(type) {
	case string:
		return strings.Contains(l, toS(right))
	case []any:
		for _, e := range l {
			if rubyEqual(e, right) {
				return true
			}
		}
	case *Object:
		k, ok := right.(string)
		if ok {
			_, has := l.Get(k)
			return has
		}
	}
	return false
}

func rubyClass(v any) string {
	switch v.(type) {
	case int, *big.Int:
		return "Integer"
	case float64:
		return "Float"
	case string:
		return "String"
	case bool:
		if v == true {
			return "TrueClass"
		}
		return "FalseClass"
	case []any:
		return "Array"
	case *Object:
		return "Hash"
	}
	return "Object"
}

func inspectShort(v any) string {
	switch v.(type) {
	case int, *big.Int, float64:
		return toS(v)
	}
	return rubyClass(v)
}
