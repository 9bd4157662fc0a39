package schemas

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// The generator's writers, one per kind of node (see codegen.node): each
// writes the body of a node's function, deciding as fastSchema.valid does
// for that kind (fastschema_validate.go, fastschema_members.go,
// fastschema_plan.go, fastschema_merge.go).

// modelCases are the model's value types as type-switch cases.
var modelCases = []struct {
	goType string
	mask   typeMask
}{
	{"nil", typeNull}, {"bool", typeBoolean}, {"string", typeString},
	{"*model.Object", typeObject}, {"[]any", typeArray}, {"json.Number", typeNumber},
}

// otherCases are the model's value types but one, as one case.
func otherCases(but typeMask) string {
	var names []string
	for _, c := range modelCases {
		if c.mask != but {
			names = append(names, c.goType)
		}
	}
	return strings.Join(names, ", ")
}

func (g *codegen) types(i int, n *fastSchema) {
	integerOnly := n.types&typeInteger != 0 && n.types&typeNumber == 0
	var admitted, refused []string
	for _, c := range modelCases {
		switch {
		case c.mask == typeNumber && integerOnly:
		case n.types&c.mask != 0:
			admitted = append(admitted, c.goType)
		default:
			refused = append(refused, c.goType)
		}
	}
	if integerOnly {
		g.printf("\tswitch t := v.(type) {\n\tcase json.Number:\n\t\tisInt, ok := isIntegerLiteral(t)\n\t\treturn ok && isInt\n")
	} else {
		g.printf("\tswitch v.(type) {\n")
	}
	if len(admitted) > 0 {
		g.printf("\tcase %s:\n\t\treturn true\n", strings.Join(admitted, ", "))
	}
	if len(refused) > 0 {
		g.printf("\tcase %s:\n\t\treturn false\n", strings.Join(refused, ", "))
	}
	g.printf("\t}\n\t%s\n", fallback(i))
}

func (g *codegen) str(i int, n *fastSchema) {
	if n.minLength == -1 && n.maxLength == -1 && (n.anyString || len(n.strings) == 0) {
		g.printf("\tswitch v.(type) {\n\tcase string:\n")
	} else {
		g.printf("\tswitch t := v.(type) {\n\tcase string:\n")
	}
	if n.minLength != -1 || n.maxLength != -1 {
		g.printf("\t\tif !n[%d].validString(t) {\n\t\t\treturn false\n\t\t}\n", i)
	}
	if n.anyString {
		g.printf("\t\treturn true\n")
	} else {
		var quoted []string
		for _, s := range n.strings {
			if q := strconv.Quote(s); !slices.Contains(quoted, q) {
				quoted = append(quoted, q)
			}
		}
		g.printf("\t\treturn %s\n", equalsAny("t", quoted))
	}
	g.printf("\tcase %s:\n\t\treturn false\n\t}\n\t%s\n", otherCases(typeString), fallback(i))
}

// equalsAny is the expression "x is one of quoted".
func equalsAny(x string, quoted []string) string {
	parts := make([]string, len(quoted))
	for k, q := range quoted {
		parts[k] = x + " == " + q
	}
	return strings.Join(parts, " || ")
}

// members writes the walk over o's members (last to first, a repeated key
// counted once with its last value, as validMembers does).
func (g *codegen) members(props []mergedProp, requiredMask uint64, requiredOther []string, noAdditional bool, additional *fastSchema) {
	if len(props) == 0 && noAdditional {
		g.printf("\tif o.Len() > 0 {\n\t\treturn false\n\t}\n")
	} else if len(props) > 0 || additional != nil {
		if len(props) > 0 {
			g.printf("\tvar seen uint64\n")
		}
		g.printf("\tfor j := o.Len() - 1; j >= 0; j-- {\n\t\tm := o.MemberAt(j)\n")
		if len(props) > 0 {
			g.printf("\t\tswitch m.Key {\n")
			for k, p := range props {
				g.printf("\t\tcase %s:\n", strconv.Quote(p.name))
				g.printf("\t\t\tif seen&(1<<%d) != 0 {\n\t\t\t\tcontinue\n\t\t\t}\n\t\t\tseen |= 1 << %d\n", k, k)
				for _, s := range p.schemas {
					g.printf("\t\t\tif !%s(n, m.Value) {\n\t\t\t\treturn false\n\t\t\t}\n", g.call(s))
				}
				g.printf("\t\t\tcontinue\n")
			}
			g.printf("\t\t}\n")
		}
		switch {
		case noAdditional:
			g.printf("\t\treturn false\n")
		case additional != nil:
			g.printf("\t\tif repeatedLater(o, j) {\n\t\t\tcontinue\n\t\t}\n")
			g.printf("\t\tif !%s(n, m.Value) {\n\t\t\treturn false\n\t\t}\n", g.call(additional))
		}
		g.printf("\t}\n")
	}
	if requiredMask != 0 {
		g.printf("\tif seen&%#x != %#x {\n\t\treturn false\n\t}\n", requiredMask, requiredMask)
	}
	for _, r := range requiredOther {
		g.printf("\tif !o.Has(%s) {\n\t\treturn false\n\t}\n", strconv.Quote(r))
	}
}

func (g *codegen) object(i int, n *fastSchema) {
	g.printf("\to, ok := v.(*model.Object)\n\tif !ok {\n")
	g.printf("\t\tswitch v.(type) {\n\t\tcase %s:\n\t\t\treturn false\n\t\t}\n\t\t%s\n\t}\n", otherCases(typeObject), fallback(i))
	props := make([]mergedProp, len(n.properties))
	for k, p := range n.properties {
		props[k] = mergedProp{p.name, []*fastSchema{p.schema}}
	}
	g.members(props, n.requiredMask, n.requiredOther, n.noAdditional, n.additional)
	g.printf("\treturn true\n")
}

func (g *codegen) array(i int, n *fastSchema) {
	if n.items == nil && n.minItems <= 0 && n.maxItems == -1 {
		g.printf("\tswitch v.(type) {\n\tcase []any:\n")
	} else {
		g.printf("\tswitch t := v.(type) {\n\tcase []any:\n")
	}
	if n.minItems > 0 {
		g.printf("\t\tif len(t) < %d {\n\t\t\treturn false\n\t\t}\n", n.minItems)
	}
	if n.maxItems != -1 {
		g.printf("\t\tif len(t) > %d {\n\t\t\treturn false\n\t\t}\n", n.maxItems)
	}
	if n.items != nil {
		g.printf("\t\tfor _, e := range t {\n\t\t\tif !%s(n, e) {\n\t\t\t\treturn false\n\t\t\t}\n\t\t}\n", g.call(n.items))
	}
	g.printf("\t\treturn true\n\tcase %s:\n\t\treturn false\n\t}\n\t%s\n", otherCases(typeArray), fallback(i))
}

func (g *codegen) required(i int, n *fastSchema) {
	g.printf("\tswitch t := v.(type) {\n\tcase *model.Object:\n")
	conds := make([]string, len(n.required))
	for k, r := range n.required {
		conds[k] = fmt.Sprintf("t.Has(%s)", strconv.Quote(r))
	}
	g.printf("\t\treturn %s\n", strings.Join(conds, " && "))
	g.printf("\tcase %s:\n\t\treturn true\n\t}\n\t%s\n", otherCases(typeObject), fallback(i))
}

// branchesKnown: no anyOf or oneOf branch is missing (the interpreter
// would fail on one; the node is left to it).
func branchesKnown(n *fastSchema) bool {
	return !slices.Contains(n.anyOf, nil) && !slices.Contains(n.oneOf, nil)
}

func (g *codegen) applicators(i int, n *fastSchema) {
	g.printf("\tif modelTypeOf(v) == 0 {\n\t\t%s\n\t}\n", fallback(i))
	g.applicatorChecks(n)
	g.printf("\treturn true\n")
}

// applicatorChecks writes n's not, anyOf, oneOf and if/then/else checks.
func (g *codegen) applicatorChecks(n *fastSchema) {
	if n.not != nil {
		g.printf("\tif %s(n, v) {\n\t\treturn false\n\t}\n", g.call(n.not))
	}
	if len(n.anyOf) > 0 {
		g.printf("\tif %s == 0 {\n\t\treturn false\n\t}\n", g.matches(n.anyOf, n.anyOfBy, 1))
	}
	if len(n.oneOf) > 0 {
		g.printf("\tif %s != 1 {\n\t\treturn false\n\t}\n", g.matches(n.oneOf, n.oneOfBy, 2))
	}
	if n.ifThen != nil {
		g.printf("\tif %s(n, v) {\n", g.call(n.ifThen))
		if n.then != nil {
			g.printf("\t\tif !%s(n, v) {\n\t\t\treturn false\n\t\t}\n", g.call(n.then))
		}
		g.printf("\t}")
		if n.els != nil {
			g.printf(" else if !%s(n, v) {\n\t\treturn false\n\t}", g.call(n.els))
		}
		g.printf("\n")
	}
}

// matches writes a function counting the branches v satisfies, up to
// limit, as the interpreter's matches does (the same branches asked, in
// the same order), and returns its call.
func (g *codegen) matches(branches []*fastSchema, d *pinDispatch, limit int) string {
	g.helpers++
	name := fmt.Sprintf("%sMatches%d", g.prefix, g.helpers)
	var b strings.Builder
	fmt.Fprintf(&b, "\nfunc %s(n []*fastSchema, v any) int {\n\tcount := 0\n", name)
	ask := func(indent string, cond string, branch *fastSchema) {
		fmt.Fprintf(&b, "%sif count < %d && %s%s(n, v) {\n%s\tcount++\n%s}\n", indent, limit, cond, g.call(branch), indent, indent)
	}
	if d != nil {
		fmt.Fprintf(&b, "\tif o, ok := v.(*model.Object); ok {\n\t\tif got, there := o.Get(%s); there {\n", strconv.Quote(d.key))
		fmt.Fprintf(&b, "\t\t\ts, isString := got.(string)\n\t\t\tif !isString {\n\t\t\t\treturn 0\n\t\t\t}\n\t\t\tswitch s {\n")
		var values []string
		for _, v := range d.values {
			if !slices.Contains(values, v) {
				values = append(values, v)
			}
		}
		for _, value := range values {
			fmt.Fprintf(&b, "\t\t\tcase %s:\n", strconv.Quote(value))
			for k, br := range branches {
				if d.values[k] != value {
					continue
				}
				cond := ""
				if d.morePins[k] {
					cond = fmt.Sprintf("!n[%d].excludes(v) && ", g.index[br])
				}
				ask("\t\t\t\t", cond, br)
			}
		}
		fmt.Fprintf(&b, "\t\t\t}\n\t\t\treturn count\n\t\t}\n\t}\n")
	}
	for _, br := range branches {
		cond := ""
		if len(br.pins) > 0 {
			cond = fmt.Sprintf("!n[%d].excludes(v) && ", g.index[br])
		}
		ask("\t", cond, br)
	}
	fmt.Fprintf(&b, "\treturn count\n}\n")
	g.extra.WriteString(b.String())
	return name + "(n, v)"
}

func (g *codegen) merged(i int, n *fastSchema) {
	p := n.merged
	g.printf("\tmt := modelTypeOf(v)\n\tif mt == 0 {\n\t\t%s\n\t}\n", fallback(i))
	var masks []typeMask // checked already
	for _, c := range p.typed {
		switch {
		case slices.Contains(masks, c.types):
		case c.types&(typeNumber|typeInteger) == 0:
			masks = append(masks, c.types)
			g.printf("\tif mt&%#x == 0 {\n\t\treturn false\n\t}\n", uint8(c.types))
		default:
			g.printf("\tif !n[%d].admitsTypeOf(v, mt) {\n\t\treturn false\n\t}\n", g.index[c])
		}
	}
	for k, c := range p.conjuncts {
		g.printf("\tif !n[%d].validOwn(v, %v) {\n\t\treturn false\n\t}\n", g.index[c], p.ownMembers[k])
	}
	if !p.hasMembers {
		g.printf("\treturn true\n")
		return
	}
	g.printf("\to, ok := v.(*model.Object)\n\tif !ok {\n\t\treturn true\n\t}\n")
	g.members(p.props, p.requiredMask, p.requiredOther, false, nil)
	g.printf("\treturn true\n")
}

// general writes a node of no planned kind: validOwn's checks for each
// type of value, then the applicators and the in-place keywords. A number
// under numeric bounds, an object under a count of members or with too
// many properties for a mask, and a list under a tuple are left to the
// interpreter.
func (g *codegen) general(i int, n *fastSchema) {
	// The cases are written aside: whether they use t decides the switch.
	outer := g.out
	g.out = strings.Builder{}
	g.usedT = false
	reaches := false // some case ends without a return
	for _, c := range modelCases {
		g.printf("\tcase %s:\n", c.goType)
		if n.types != 0 && c.mask != typeNumber && n.types&c.mask == 0 {
			g.printf("\t\treturn false\n")
			continue
		}
		switch c.mask {
		case typeString:
			if n.minLength != -1 || n.maxLength != -1 || n.pattern != nil {
				g.printf("\t\tif !n[%d].validString(%s) {\n\t\t\treturn false\n\t\t}\n", i, g.t())
			}
			g.stringChoice(i, n)
			reaches = true
			continue
		case typeNumber:
			if n.minimum != nil || n.maximum != nil || n.exclusiveMinimum != nil || n.exclusiveMaximum != nil {
				g.printf("\t\t%s\n", fallback(i))
				continue
			}
			if n.types != 0 {
				g.printf("\t\tif !n[%d].admitsTypeOf(%s, typeNumber) {\n\t\t\treturn false\n\t\t}\n", i, g.t())
			}
		case typeObject:
			switch {
			case n.minProperties != -1 || n.maxProperties != -1 || (!n.noMemberKeywords && !n.maskable):
				g.printf("\t\t%s\n", fallback(i))
				continue
			case !n.noMemberKeywords:
				g.printf("\t\to := %s\n", g.t())
				props := make([]mergedProp, len(n.properties))
				for k, p := range n.properties {
					props[k] = mergedProp{p.name, []*fastSchema{p.schema}}
				}
				g.members(props, n.requiredMask, n.requiredOther, n.noAdditional, n.additional)
			}
		case typeArray:
			if n.tuple != nil {
				g.printf("\t\t%s\n", fallback(i))
				continue
			}
			if n.minItems > 0 {
				g.printf("\t\tif len(%s) < %d {\n\t\t\treturn false\n\t\t}\n", g.t(), n.minItems)
			}
			if n.maxItems != -1 {
				g.printf("\t\tif len(%s) > %d {\n\t\t\treturn false\n\t\t}\n", g.t(), n.maxItems)
			}
			if n.items != nil {
				g.printf("\t\tfor _, e := range %s {\n\t\t\tif !%s(n, e) {\n\t\t\t\treturn false\n\t\t\t}\n\t\t}\n", g.t(), g.call(n.items))
			}
		}
		if len(n.consts) > 0 {
			g.printf("\t\tif !sameJSON(%s, n[%d].consts[0]) {\n\t\t\treturn false\n\t\t}\n", g.t(), i)
		}
		if len(n.enum) > 0 {
			g.printf("\t\tif !n[%d].inEnum(%s) {\n\t\t\treturn false\n\t\t}\n", i, g.t())
		}
		reaches = true
	}
	g.printf("\tdefault:\n\t\t%s\n\t}\n", fallback(i))
	cases := g.out.String()
	g.out = outer
	if g.usedT {
		g.printf("\tswitch t := v.(type) {\n")
	} else {
		g.printf("\tswitch v.(type) {\n")
	}
	g.out.WriteString(cases)
	if !reaches { // every case returned
		return
	}
	g.applicatorChecks(n)
	if n.ref != nil {
		g.printf("\tif !%s(n, v) {\n\t\treturn false\n\t}\n", g.call(n.ref))
	}
	for _, a := range n.allOf {
		g.printf("\tif !%s(n, v) {\n\t\treturn false\n\t}\n", g.call(a))
	}
	g.printf("\treturn true\n")
}

// stringChoice writes a string's const and enum checks (t is the string):
// compared inline when they are strings.
func (g *codegen) stringChoice(i int, n *fastSchema) {
	choices := n.enum
	if len(n.consts) > 0 {
		choices = n.consts[:1]
	}
	var quoted []string
	for _, c := range choices {
		str, ok := c.(string)
		if !ok {
			quoted = nil
			break
		}
		if q := strconv.Quote(str); !slices.Contains(quoted, q) {
			quoted = append(quoted, q)
		}
	}
	switch {
	case len(n.consts) > 0 && len(n.enum) > 0, len(choices) > 0 && len(quoted) == 0:
		if len(n.consts) > 0 {
			g.printf("\t\tif !sameJSON(%s, n[%d].consts[0]) {\n\t\t\treturn false\n\t\t}\n", g.t(), i)
		}
		if len(n.enum) > 0 {
			g.printf("\t\tif !n[%d].inEnum(%s) {\n\t\t\treturn false\n\t\t}\n", i, g.t())
		}
	case len(quoted) > 0:
		g.printf("\t\tif !(%s) {\n\t\t\treturn false\n\t\t}\n", equalsAny(g.t(), quoted))
	}
}

// t names the type switch's value in general's cases, noting it is used.
func (g *codegen) t() string {
	g.usedT = true
	return "t"
}
