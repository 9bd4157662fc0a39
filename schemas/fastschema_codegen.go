package schemas

import (
	"fmt"
	"hash/fnv"
	"slices"
	"strings"
	"unicode"
)

// The fast evaluator's plans, written out as Go: one function per node of a
// compiled schema, with its property names in a switch, its required names
// in a constant mask and its strings inline, so a valid widget is checked
// without interpreting the node graph (fastschema_gen.go holds the code for
// every schema the catalog compiles; TestGeneratedValidatorsCurrent
// rewrites it with -update).
//
// A node the generator does not specialise, and any value that is not a
// model value, is handed to the interpreter (n[i].valid), so the generated
// code decides what fastSchema.valid decides. The code is used for a
// schema only when the source the generator writes for it now, from the
// graph just built, is the source it was generated from (same hash): a
// changed schema or generator falls back to the interpreter, never to
// stale code. The hash does not cover the interpreter's own code, which
// the generated code mirrors: a change to how fastSchema.valid decides is
// caught by the tests that compare the two on every value they try
// (TestFastSchemaAgreesWithJSONSchema, FuzzFastSchemaAgrees,
// TestGeneratedValidatorsOnOtherValues), until the file is rewritten.

// generatedValidator is the generated code for one compiled schema: fn
// checks a value given the schema's nodes in genOrder.
type generatedValidator struct {
	hash uint64
	fn   func(n []*fastSchema, v any) bool
}

// attachGenerated gives root the generated code for url, when there is
// code and it was generated from this very graph. The builder calls it only
// on a root it has just built, before any validation can read it.
func attachGenerated(url string, root *fastSchema) {
	g, ok := generatedFor(url)
	if !ok || root == nil || root.genFn != nil {
		return
	}
	src, nodes := generateValidator(url, root)
	if sourceHash(src) != g.hash {
		return
	}
	root.genFn, root.genNodes = g.fn, nodes
}

// check is valid, through the generated code when root has some.
func (n *fastSchema) check(v any) bool {
	if n.genFn != nil {
		return n.genFn(n.genNodes, v)
	}
	return n.valid(v)
}

func sourceHash(src string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(src))
	return h.Sum64()
}

// genOrder lists the nodes reachable from root, root first: the generated
// code calls node i n[i].
func genOrder(root *fastSchema) []*fastSchema {
	seen := map[*fastSchema]bool{}
	var out []*fastSchema
	var visit func(n *fastSchema)
	visit = func(n *fastSchema) {
		if n == nil || seen[n] {
			return
		}
		seen[n] = true
		out = append(out, n)
		for _, c := range n.inPlace() {
			visit(c)
		}
		for _, c := range n.descendants() {
			visit(c)
		}
	}
	visit(root)
	return out
}

// genName is the Go name prefix of url's functions: genSendMessage for
// …/send-message, genSplitBasedOnDefinitionsCondition for a fragment.
func genName(url string) string {
	name := url[strings.LastIndex(url[:max(0, strings.IndexByte(url+"#", '#'))], "/")+1:]
	var b strings.Builder
	b.WriteString("gen")
	upper := true
	for _, r := range name {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			upper = true
			continue
		}
		if upper {
			r = unicode.ToUpper(r)
		}
		b.WriteRune(r)
		upper = false
	}
	return b.String()
}

// codegen writes the functions of one schema.
type codegen struct {
	prefix  string
	nodes   []*fastSchema
	index   map[*fastSchema]int
	out     strings.Builder
	wanted  []int // nodes whose function is called, to write
	written map[int]bool
	// extra holds the anyOf/oneOf counting functions, written after the
	// nodes' (helpers numbers them).
	extra   strings.Builder
	helpers int
	usedT   bool // see t
}

// generateValidator is the Go source of url's functions (those the root's
// function reaches), and the nodes they index.
func generateValidator(url string, root *fastSchema) (string, []*fastSchema) {
	g := &codegen{prefix: genName(url), nodes: genOrder(root), index: map[*fastSchema]int{}, written: map[int]bool{}}
	for i, n := range g.nodes {
		g.index[n] = i
	}
	g.call(root)
	for len(g.wanted) > 0 {
		i := g.wanted[0]
		g.wanted = g.wanted[1:]
		g.node(i)
	}
	return g.out.String() + g.extra.String(), g.nodes
}

// call is the name of n's function, which it asks to be written.
func (g *codegen) call(n *fastSchema) string {
	i, ok := g.index[n]
	if !ok { // genOrder reaches every node a writer names
		panic(fmt.Sprintf("schemas: %s: the generator names a node genOrder did not reach", g.prefix))
	}
	if !g.written[i] {
		g.written[i] = true
		g.wanted = append(g.wanted, i)
	}
	return g.funcName(i)
}

// funcName is node i's function: the prefix, "Node" and its number, so
// that no two prefixes and numbers make the same name.
func (g *codegen) funcName(i int) string { return fmt.Sprintf("%sNode%d", g.prefix, i) }

func (g *codegen) printf(format string, args ...any) { fmt.Fprintf(&g.out, format, args...) }

// fallback is the statement handing v to the interpreter.
func fallback(i int) string { return fmt.Sprintf("return n[%d].valid(v)", i) }

func (g *codegen) node(i int) {
	n := g.nodes[i]
	g.printf("\nfunc %s(n []*fastSchema, v any) bool {\n", g.funcName(i))
	switch {
	case n.deferred || n.always != nil:
		g.printf("\t%s\n", fallback(i))
	case n.kind == kindTypes:
		g.types(i, n)
	case n.kind == kindAlias:
		g.printf("\treturn %s(n, v)\n", g.call(n.ref))
	case n.kind == kindString:
		g.str(i, n)
	case n.kind == kindObject:
		g.object(i, n)
	case n.kind == kindArray:
		g.array(i, n)
	case n.kind == kindRequired:
		g.required(i, n)
	case n.kind == kindApplicators && branchesKnown(n):
		g.applicators(i, n)
	case n.kind == kindMerged:
		g.merged(i, n)
	case n.kind == kindGeneral && branchesKnown(n) && !slices.Contains(n.allOf, nil):
		g.general(i, n)
	default:
		g.printf("\t%s\n", fallback(i))
	}
	g.printf("}\n")
}
