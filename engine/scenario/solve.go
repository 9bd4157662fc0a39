package scenario

import (
	"fmt"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/studioflow/studioflow/engine/split"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
)

// A slot is something a scenario controls that a split can test: the keys
// or words of a gather, the reply to a Send & Wait, the triggering message,
// a REST parameter, or a field of an HTTP widget's JSON response.
type slot struct {
	kind   string // press, speech, reply, body, data, parsed
	widget string // for press, speech, reply, parsed
	path   string // data: the key; parsed: the dotted path in the JSON
}

func (s slot) key() string { return s.kind + ":" + s.widget + ":" + s.path }

// slotOf finds the slot a split's input template reads. It follows
// flow.variables.X to the Set Variables that set it when they all set it to
// one template. reason says why a template is not a slot. k tells what
// each widget's type does (whose response a canned one replaces, …).
func slotOf(f *model.Flow, template string, depth int, k widgetKinds) (slot, string) {
	ref, ok := singleReference(template)
	if !ok {
		return slot{}, fmt.Sprintf("the input %q is not a single {{reference}}", template)
	}
	parts := strings.Split(ref, ".")
	switch {
	case len(parts) >= 3 && parts[0] == "widgets":
		return widgetSlot(f, ref, parts[1], parts[2:], k)
	case len(parts) == 3 && parts[0] == "trigger" && parts[2] == "Body" && (parts[1] == "message" || parts[1] == "conversation"):
		return slot{kind: "body"}, ""
	case len(parts) == 3 && parts[0] == "flow" && parts[1] == "data":
		return slot{kind: "data", path: parts[2]}, ""
	case len(parts) == 3 && parts[0] == "flow" && parts[1] == "variables" && depth < 4:
		values := setterTemplates(f, parts[2], k)
		if len(values) != 1 {
			return slot{}, fmt.Sprintf("flow.variables.%s is set to %d different values", parts[2], len(values))
		}
		return slotOf(f, values[0], depth+1, k)
	}
	return slot{}, fmt.Sprintf("a scenario does not choose {{%s}}", ref)
}

// widgetSlot is the slot of widgets.NAME.REST, by the widget's type.
func widgetSlot(f *model.Flow, ref, name string, rest []string, k widgetKinds) (slot, string) {
	st := f.State(name)
	if st == nil {
		return slot{}, fmt.Sprintf("{{%s}} names %s, which is not a widget of the flow", ref, name)
	}
	field := strings.Join(rest, ".")
	input, fromContact := k.inputIn(st, field)
	switch {
	case fromContact:
		return slot{kind: inputSlot(input), widget: name}, ""
	case k.callsHTTP(st) && len(rest) >= 2 && rest[0] == "parsed":
		return slot{kind: "parsed", widget: name, path: strings.Join(rest[1:], ".")}, ""
	case k.callsHTTP(st) && field == "body":
		return slot{kind: "httpbody", widget: name}, ""
	case k.product(st):
		// A product widget: its outcome's outputs are the scenario's.
		return slot{kind: "outputs", widget: name, path: field}, ""
	}
	return slot{}, fmt.Sprintf("a scenario does not choose {{%s}}", ref)
}

// singleReference returns the variable path of a template that is exactly
// one output tag, filters ignored: "{{ widgets.menu.Digits | strip }}".
// Blanks beside a dot are left out, as Studio's lax parser reads them
// ("{{widgets.x.parsed. y}}" reads widgets.x.parsed.y; the validator warns).
func singleReference(template string) (string, bool) {
	t := strings.TrimSpace(template)
	if !strings.HasPrefix(t, "{{") || !strings.HasSuffix(t, "}}") || strings.Count(t, "{{") != 1 {
		return "", false
	}
	inner := strings.Trim(t[2:len(t)-2], "- ")
	inner, _, _ = strings.Cut(inner, "|")
	parts := strings.Split(inner, ".")
	for i, part := range parts {
		parts[i] = strings.TrimSpace(part)
	}
	inner = strings.Join(parts, ".")
	for i := 0; i < len(inner); i++ {
		if c := inner[i]; c != '.' && !model.IsNameByte(c) {
			return "", false
		}
	}
	return inner, inner != ""
}

// setterTemplates lists the distinct templates Set Variables widgets give key.
func setterTemplates(f *model.Flow, key string, k widgetKinds) []string {
	var out []string
	for _, st := range f.States() {
		variables, sets := k.of(st).PropertyWithRole(schemas.FlowVariables)
		if !sets {
			continue
		}
		for _, v := range objectList(st, variables) {
			k, _ := v.String("key")
			if k != key {
				continue
			}
			value, _ := v.Get("value")
			s := fmt.Sprint(value)
			if !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

func objectList(st *model.State, prop string) []*model.Object {
	v, _ := st.Property(prop)
	list, _ := v.([]any)
	var out []*model.Object
	for _, item := range list {
		if o, ok := item.(*model.Object); ok {
			out = append(out, o)
		}
	}
	return out
}

// condition is one split condition as the solver reads it.
type condition struct {
	typ, value string
	subject    string // the template it tests
}

func conditionsOf(st *model.State, t model.Transition) []condition {
	input := st.StringProperty("input")
	var out []condition
	for _, c := range t.Conditions {
		obj, ok := c.(*model.Object)
		if !ok {
			continue
		}
		cond := condition{subject: input}
		cond.typ, _ = obj.String("type")
		v, _ := obj.Get("value")
		if v != nil {
			cond.value = fmt.Sprint(v)
		}
		if args, _ := obj.Get("arguments"); args != nil {
			if list, ok := args.([]any); ok && len(list) > 0 {
				cond.subject = fmt.Sprint(list[0])
			}
		}
		out = append(out, cond)
	}
	return out
}

// probes are texts tried where a condition must not hold.
var probes = []string{"zz", "0", "9", "99999", "-1", "", "no"}

// solve returns a text that satisfies every condition (ANDed), or why none
// was found.
func solve(conds []condition) (string, string) {
	if len(conds) == 0 {
		return "", "the transition has no condition"
	}
	var candidates []string
	for _, c := range conds {
		if strings.Contains(c.value, "{{") || strings.Contains(c.value, "{%") {
			return "", fmt.Sprintf("the value %q of %s is a template", c.value, c.typ)
		}
		cs, why := candidatesFor(c)
		if why != "" {
			return "", why
		}
		candidates = append(candidates, cs...)
	}
	if lo, hi, ok := numericBounds(conds); ok {
		candidates = append([]string{between(lo, hi)}, candidates...)
	}
	candidates = append(candidates, probes...)
	for _, s := range candidates {
		if holdsAll(conds, s) {
			return s, ""
		}
	}
	return "", "no text satisfies all of its conditions at once"
}

func holdsAll(conds []condition, s string) bool {
	for _, c := range conds {
		if ok, err := split.Match(c.typ, s, c.value); err != nil || !ok {
			return false
		}
	}
	return true
}

// failsAll returns a probe that satisfies none of the conditions.
func failsAll(conds []condition, keysOnly bool) (string, bool) {
	for _, s := range probes {
		if keysOnly && (s == "" || !isKeys(s)) {
			continue
		}
		ok := true
		for _, c := range conds {
			if m, err := split.Match(c.typ, s, c.value); err != nil || m {
				ok = false
				break
			}
		}
		if ok {
			return s, true
		}
	}
	return "", false
}

func candidatesFor(c condition) ([]string, string) {
	v := strings.TrimSpace(c.value)
	switch c.typ {
	case "equal_to", "contains", "starts_with":
		return []string{v}, ""
	case "matches_any_of":
		var out []string
		for _, e := range strings.Split(v, ",") {
			out = append(out, strings.TrimSpace(e))
		}
		return out, ""
	case "is_blank":
		return []string{""}, ""
	case "is_not_blank":
		return []string{"1", "yes"}, ""
	case "not_equal_to", "does_not_match_any_of", "does_not_contain", "does_not_start_with":
		return nil, "" // a probe
	case "regex":
		s, err := regexExample(v)
		if err != nil {
			return nil, fmt.Sprintf("no matching text can be built for the regex %q: %v", v, err)
		}
		return []string{s}, ""
	case "less_than", "greater_than":
		n, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return nil, fmt.Sprintf("%s %q is not a number", c.typ, v)
		}
		if c.typ == "less_than" {
			return []string{formatNumber(n - 1)}, ""
		}
		return []string{formatNumber(n + 1)}, ""
	case "is_before_time", "is_after_time":
		t, err := time.Parse("15:04", v)
		if err != nil {
			return nil, fmt.Sprintf("%s %q is not HH:MM", c.typ, v)
		}
		d := time.Minute
		if c.typ == "is_before_time" {
			d = -d
		}
		return []string{t.Add(d).Format("15:04")}, ""
	case "is_before_date", "is_after_date":
		t, err := time.Parse("2006-01-02", v)
		if err != nil {
			return nil, fmt.Sprintf("%s %q is not YYYY-MM-DD", c.typ, v)
		}
		days := 1
		if c.typ == "is_before_date" {
			days = -1
		}
		return []string{t.AddDate(0, 0, days).Format("2006-01-02")}, ""
	}
	return nil, fmt.Sprintf("unknown condition type %q", c.typ)
}

// numericBounds gathers less_than/greater_than bounds; ok when there is any.
func numericBounds(conds []condition) (lo, hi float64, ok bool) {
	lo, hi = -1e12, 1e12
	for _, c := range conds {
		n, err := strconv.ParseFloat(strings.TrimSpace(c.value), 64)
		if err != nil {
			continue
		}
		switch c.typ {
		case "greater_than":
			lo, ok = max(lo, n), true
		case "less_than":
			hi, ok = min(hi, n), true
		}
	}
	return lo, hi, ok && lo < hi
}

// between picks a number strictly between lo and hi, an integer when one fits.
func between(lo, hi float64) string {
	switch {
	case lo <= -1e12:
		return formatNumber(hi - 1)
	case hi >= 1e12:
		return formatNumber(lo + 1)
	}
	for n := float64(int64(lo)) + 1; n < hi; n++ {
		if n > lo {
			return formatNumber(n)
		}
	}
	return formatNumber((lo + hi) / 2)
}

func formatNumber(n float64) string { return strconv.FormatFloat(n, 'f', -1, 64) }

// regexExample builds a text the RE2 pattern matches, walking its syntax
// tree: the first alternative, the fewest repetitions, a class's first rune.
func regexExample(pattern string) (string, error) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	if err := writeExample(&b, re.Simplify()); err != nil {
		return "", err
	}
	return b.String(), nil
}

func writeExample(b *strings.Builder, re *syntax.Regexp) error {
	switch re.Op {
	case syntax.OpLiteral:
		b.WriteString(string(re.Rune))
	case syntax.OpCharClass:
		if len(re.Rune) < 2 {
			return fmt.Errorf("an empty character class")
		}
		b.WriteRune(classRune(re.Rune))
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		b.WriteByte('a')
	case syntax.OpCapture:
		return writeExample(b, re.Sub[0])
	case syntax.OpConcat:
		for _, s := range re.Sub {
			if err := writeExample(b, s); err != nil {
				return err
			}
		}
	case syntax.OpAlternate:
		return writeExample(b, re.Sub[0])
	case syntax.OpStar, syntax.OpQuest:
	case syntax.OpPlus:
		return writeExample(b, re.Sub[0])
	case syntax.OpRepeat:
		for range re.Min {
			if err := writeExample(b, re.Sub[0]); err != nil {
				return err
			}
		}
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText:
	case syntax.OpWordBoundary, syntax.OpNoWordBoundary:
	default:
		return fmt.Errorf("%v is not supported", re.Op)
	}
	return nil
}

// classRune picks a readable rune of a class (pairs of lo, hi): a digit or a
// letter when the class has one, else its first rune.
func classRune(ranges []rune) rune {
	for _, want := range []rune{'1', 'a', 'A'} {
		for i := 0; i+1 < len(ranges); i += 2 {
			if ranges[i] <= want && want <= ranges[i+1] {
				return want
			}
		}
	}
	return ranges[0]
}

func isKeys(s string) bool {
	for _, c := range s {
		if !strings.ContainsRune("0123456789*", c) {
			return false
		}
	}
	return s != ""
}
