package liquid

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/osteele/liquid/expressions"
)

// chainVars are the variables the chain tests evaluate in: objects as
// DecodeJSON builds them, lists, numbers of both kinds, names with a dash
// and a question mark, and a member that shadows "size".
const chainVars = `{"a":"Hello World","b":"  x ","n":5,"f":2.5,"neg":-3,"zero":0,
"list":[1,2,3,"x",null],"words":["b","a","c"],"nums":[3,1,2],
"obj":{"a":1,"b":{"c":"deep"},"size":"custom","list":[{"n":1,"k":"p"},{"n":2,"k":"q"}]},
"t":true,"no":false,"z":null,"date":"2024-01-02T03:04:05Z","idx":1,"key":"a",
"a-b":"dash","x?":"q","csv":"1,2,3","café":"au lait","ñ":{"é":"accent"}}`

// The generated expressions are made of these: names, literals, filters
// and, for the mistakes, anything else the library's scanner reads.
var (
	chainNames = []string{
		"a", "b", "n", "f", "neg", "zero", "list", "words", "nums", "obj", "t", "no", "z", "date", "idx", "key",
		"a-b", "x?", "csv", "missing", "empty", "blank", "size", "first", "last", "c", "k",
		"café", "ñ", "é", "x\u0303", "€", "€x", "a€",
	}
	chainLiterals = []string{
		"true", "false", "nil", "'str'", "'a,b'", `"dq"`, "''", "1", "-2", "3.5", "0", "-0.5", "2",
		`"esc\"q"`, `"t\tab\n"`, `"back\\"`, `"odd\q"`, `'single\'`,
	}
	chainFilters = []string{
		"upcase", "downcase", "plus", "minus", "times", "slice", "join", "split", "default", "map", "where",
		"append", "truncate", "date", "round", "sort", "reverse", "first", "last", "size", "divided_by",
		"at_least", "concat", "compact", "to_json", "strip", "replace", "modulo", "sum", "uniq",
	}
	chainOther = []string{
		"and", "or", "contains", "in", `"esc\"q"`, "99999999999999999999", `"\`, "\xff", "1.", ".5", "nosuch", "allow_false",
		".", "..", "[", "]", "|", ":", ",", "(", ")", "==", "<", " ", "  ", "\n", "é", "-",
	}
)

// genChain writes a random expression: mostly well-formed chains, some
// with a token inserted, dropped or swapped, and some random token runs.
func genChain(rng *rand.Rand) string {
	pick := func(from []string) string { return from[rng.Intn(len(from))] }
	anyToken := func() string {
		return pick([][]string{chainNames, chainLiterals, chainFilters, chainOther}[rng.Intn(4)])
	}
	if rng.Intn(8) == 0 {
		var b strings.Builder
		for n := 1 + rng.Intn(8); n > 0; n-- {
			b.WriteString(anyToken())
		}
		return b.String()
	}
	var operandOf func(depth int) []string
	operandOf = func(depth int) []string {
		p := []string{pick(chainNames)}
		steps := rng.Intn(4)
		if rng.Intn(3) == 0 {
			p[0] = pick(chainLiterals)
			steps = rng.Intn(3) / 2
		}
		for n := steps; n > 0; n-- {
			if depth < 2 && rng.Intn(3) == 0 {
				p = append(p, "[")
				p = append(p, operandOf(depth+1)...)
				p = append(p, "]")
			} else {
				p = append(p, ".", pick(chainNames))
			}
		}
		return p
	}
	parts := operandOf(0)
	for n := rng.Intn(4); n > 0; n-- {
		parts = append(parts, " | ", pick(chainFilters))
		if rng.Intn(2) == 0 {
			for m := 0; m < 1+rng.Intn(3); m++ {
				parts = append(parts, map[bool]string{true: ": ", false: ", "}[m == 0])
				if m > 0 && rng.Intn(4) == 0 {
					parts = append(parts, pick([]string{"allow_false", "with", "x-y"}), ": ")
				}
				parts = append(parts, operandOf(1)...)
			}
		}
	}
	switch rng.Intn(5) {
	case 0:
		i := rng.Intn(len(parts))
		parts = append(parts[:i], append([]string{anyToken()}, parts[i:]...)...)
	case 1:
		i := rng.Intn(len(parts))
		parts = append(parts[:i], parts[i+1:]...)
	case 2:
		parts[rng.Intn(len(parts))] = anyToken()
	}
	return strings.Join(parts, "")
}

// bothWays evaluates s as a chain and through the library, each in a fresh
// render state, and reports whether the chain reader took it.
func bothWays(t *testing.T, e *Engine, vars map[string]any, s string) (native, lib string, read bool) {
	t.Helper()
	c, ok := parseChain(s)
	if !ok || c.hasBigLiteral() {
		// The library cannot read an integer literal past int64 (it
		// panics); the chain reads it as Ruby does, exactly.
		return "", "", false
	}
	libExpr, libErr := expressions.Parse(literalBackslashes(s))
	if libErr != nil {
		t.Fatalf("%q: read as a chain, but the library cannot parse it: %v", s, libErr)
	}
	show := func(v any, err error) string {
		if err != nil {
			return "error: " + err.Error()
		}
		return fmt.Sprintf("%T %s", v, inspect(Normalize(v))) // Ruby's inspect: no addresses
	}
	eval := func(x *expr) string {
		r := e.newState()
		r.reset(vars)
		return show(r.eval(x))
	}
	return eval(&expr{src: s, chain: c}), eval(&expr{src: s, lib: libExpr}), true
}

// TestChainsAgreeWithTheLibrary holds the chain reader to the library's
// grammar and results: every expression it reads, the library reads too,
// and both evaluate it to the same value or the same error, in variables
// as DecodeJSON builds them and as the engine passes them (Go maps and
// lists, which the library reads through the lazy wrappers).
func TestChainsAgreeWithTheLibrary(t *testing.T) {
	e := New(nil)
	v, err := DecodeJSON([]byte(chainVars))
	if err != nil {
		t.Fatal(err)
	}
	vars, _ := AsMap(v)
	var goVars map[string]any
	if err := json.Unmarshal([]byte(chainVars), &goVars); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewSource(15))
	read, cases := 0, 20000
	seen := map[string]bool{}
	for range cases {
		s := genChain(rng)
		if seen[s] {
			continue
		}
		seen[s] = true
		native, lib, ok := bothWays(t, e, vars, s)
		if !ok {
			continue
		}
		read++
		if native != lib {
			t.Errorf("%q:\n  chain:   %s\n  library: %s", s, native, lib)
		}
		if native, lib, _ = bothWays(t, e, goVars, s); native != lib && !objectLastArgument(e, goVars, s) {
			t.Errorf("%q, Go variables:\n  chain:   %s\n  library: %s", s, native, lib)
		}
	}
	t.Logf("%d distinct expressions, %d read as chains", len(seen), read)
	// The generator must reach the chain reader often, or this test proves little.
	if read < len(seen)/4 {
		t.Errorf("only %d of %d expressions read as chains", read, len(seen))
	}
}

// objectLastArgument reports whether a filter of s gets a Go map as its
// last positional argument, which the library's calling convention takes
// for keyword arguments (TestChainPassesAnObjectAsAnArgument).
func objectLastArgument(e *Engine, vars map[string]any, s string) bool {
	c, _ := parseChain(s)
	r := e.newState()
	r.reset(vars)
	for _, f := range c.filters {
		if n := len(f.args); n > 0 {
			if _, isMap := r.value(&f.args[n-1]).Interface().(map[string]any); isMap {
				return true
			}
		}
	}
	return false
}

// TestChainReadsWhatFlowsHold checks the forms flows use are chains, and
// that what the chain reader leaves to the library still works.
func TestChainReadsWhatFlowsHold(t *testing.T) {
	for _, s := range []string{
		"flow.data.name", "trigger.call.From | remove: '+'", "widgets.lookup.parsed.items[0].name",
		"x | truncate: 20, '...'", `x | default: "none", allow_false: true`, "list[-1]", "a.size",
		"contact.channel.address | slice: -4, 4", "x | plus: 1.5 | round", "x[y.z]", "'a' | append: b",
		`"a\b"`, `'a"b'`, "nom.é", "café | upcase", "'abc'.size", "1.a", `x | append: "\n"`,
		"99999999999999999999", // an integer past int64, which the library cannot read
	} {
		if _, ok := parseChain(s); !ok {
			t.Errorf("%q is not read as a chain", s)
		}
	}
	for _, s := range []string{
		"a == b", "(1..3)", "x | upcase : 1", "x | nosuch", "a and b", "€x", "x | default: allow_false: true",
		"a | plus:", "a:", "a..b", "a\xffb", `"open`,
	} {
		if _, ok := parseChain(s); ok {
			t.Errorf("%q is read as a chain; the library must have it", s)
		}
	}
}

// TestChainPassesAnObjectAsAnArgument: an object given as the last
// argument is an argument, not keyword arguments (which the library's
// calling convention cannot tell apart).
func TestChainPassesAnObjectAsAnArgument(t *testing.T) {
	e := New(nil)
	got, err := e.Render("{{ missing | default: obj }}", map[string]any{"obj": map[string]any{"k": "v"}})
	if err != nil {
		t.Fatal(err)
	}
	want, err := e.Render("{{ obj }}", map[string]any{"obj": map[string]any{"k": "v"}})
	if err != nil {
		t.Fatal(err)
	}
	if got != want || got == "" {
		t.Errorf("default: obj rendered %q, want the object %q", got, want)
	}
}

// FuzzChainAgreesWithTheLibrary is TestChainsAgreeWithTheLibrary on any text.
func FuzzChainAgreesWithTheLibrary(f *testing.F) {
	rng := rand.New(rand.NewSource(15))
	for range 200 {
		f.Add(genChain(rng))
	}
	e := New(nil)
	v, err := DecodeJSON([]byte(chainVars))
	if err != nil {
		f.Fatal(err)
	}
	vars, _ := AsMap(v)
	f.Fuzz(func(t *testing.T, s string) {
		if native, lib, ok := bothWays(t, e, vars, s); ok && native != lib {
			t.Errorf("%q:\n  chain:   %s\n  library: %s", s, native, lib)
		}
	})
}

// hasBigLiteral reports whether an integer literal of c is past an int.
func (c *chain) hasBigLiteral() bool {
	var big func(x *operand) bool
	big = func(x *operand) bool {
		if _, ok := x.literal.(bigValue); ok {
			return true
		}
		for _, st := range x.steps {
			if st.index != nil && big(st.index) {
				return true
			}
		}
		return false
	}
	if big(&c.head) {
		return true
	}
	for _, f := range c.filters {
		for i := range f.args {
			if big(&f.args[i]) {
				return true
			}
		}
		for i := range f.keywords {
			if big(&f.keywords[i].value) {
				return true
			}
		}
	}
	return false
}
