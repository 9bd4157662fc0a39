package schemas

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas/liquid"
)

// subjects is what refs read, in order ("widget gather_1", "trigger message").
func subjects(refs []Reference) []string {
	var out []string
	for _, r := range refs {
		out = append(out, string(r.Kind)+" "+r.Name)
	}
	return out
}

func TestReferencesNameWhatTemplatesRead(t *testing.T) {
	cases := map[string][]string{
		"{{widgets.gather_1.Digits}}":                          {"widget gather_1"},
		"Hi {{ widgets.a.x }} and {{widgets.b-2.y | upcase}}":  {"widget a", "widget b-2"},
		"{% if widgets.check.parsed.ok %}yes{% endif %}":       {"widget check"},
		"widgets.outside.markup {{flow.variables.widgets.x}}":  {"variable widgets"},
		"{{mywidgets.x}} {{ widgets. }} {{flow.variables}}":    nil,
		"{{widgets.first.x}}{% assign y = widgets.second.z %}": {"widget first", "widget second"},
		"{{widgets.unclosed.x":                                 {"widget unclosed"},
		"{{trigger.message.Body}} {{trigger}} {{flow.data}}":   {"trigger message", "trigger ", "data "},
		"{{flow.data.lang | default: flow.variables.lang}}":    {"data lang", "variable lang"},
		"{{flow.channel.address}} {{contact.channel.address}}": nil,
		// As the engine reads them: whitespace control is not part of a
		// name, quoted strings are literals, raw and comment blocks hold
		// no markup.
		"{{-trigger.call.From-}} {%- if flow.variables.x-%}{%-endif-%}": {"trigger call", "variable x"},
		"{{flow.variables.x-}}":                                                                          {"variable x"},
		"{% raw %}{{trigger.call.From}}{% endraw %}{{flow.data}}":                                        {"data "},
		"{%- comment -%}{{widgets.a.b}}{%- endcomment -%}x {{widgets.c}}":                                {"widget c"},
		"{% comment %}{{widgets.a.b}} never closed":                                                      nil,
		"{{ 'flow.data.x' | upcase }} {% if trigger.message.Body == \"trigger.call.From\" %}{% endif %}": {"trigger message"},
	}
	for s, want := range cases {
		if got := subjects(References(s)); !slices.Equal(got, want) {
			t.Errorf("References(%q) = %q, want %q", s, got, want)
		}
	}
}

// The fast path that skips the parser must only ever accept strings the
// parser accepts: checked on every Liquid string of the shared exports.
func TestSimpleLiquidOnlyAcceptsWhatTheParserAccepts(t *testing.T) {
	engine := liquid.New(nil)
	seen := 0
	var visit func(v any)
	visit = func(v any) {
		switch t := v.(type) {
		case string:
			if hasLiquid(t) && simpleLiquid(t) {
				seen++
				if err := engine.Check(t); err != nil {
					t := t
					panic("simpleLiquid accepted " + t + ": " + err.Error())
				}
			}
		case *model.Object:
			for _, m := range t.Members() {
				visit(m.Value)
			}
		case []any:
			for _, e := range t {
				visit(e)
			}
		}
	}
	for _, file := range flowFiles(t) {
		visit(parseFile(t, file).Root())
	}
	if seen < 100 {
		t.Errorf("only %d strings took the fast path", seen)
	}
	for _, s := range []string{"{{ a | }}", "{{}}", "{{ a.}}", "{{ .a }}", "{{a b}}", "}} {{a}}", "{{a}} }}", "{{ a.1b }}"} {
		if simpleLiquid(s) {
			t.Errorf("simpleLiquid accepted %q", s)
		}
	}
}

func TestLiquidVerdicts(t *testing.T) {
	c := newLiquidChecker()
	if v := c.check("{{widgets.x.parsed. score}}"); len(v.lenient) != 1 || v.problem != "" {
		t.Errorf("space after a dot: %+v", v)
	}
	if v := c.check("{% if a %}"); len(v.lenient) != 0 || v.problem == "" {
		t.Errorf("unterminated if: %+v", v)
	}
	if v := c.check("{% if a %}x{% endif %} {{ a | plus: 1 }}"); v.problem != "" || len(v.lenient) != 0 {
		t.Errorf("valid template: %+v", v)
	}
	if !unclosedOutput("Hi {{name") || unclosedOutput("Hi {{name}}") || unclosedOutput("no markup") {
		t.Error("unclosedOutput")
	}
}

// Studio's parser is Shopify Liquid in lax mode, whose lexer skips
// whitespace between tokens: real exports hold paths broken by a space or a
// line break after (or before) a dot, in every tag that takes an
// expression. Studio saves and runs them, so they are warnings here, never
// errors, and each says how Studio reads it.
func TestLenientLiquidIsAWarningInEveryTag(t *testing.T) {
	c := newLiquidChecker()
	templates := []string{
		"{% if widgets. \nget_reservation.parsed.count == 1%}one{% endif %}",
		"{% if x %}{% elsif widgets.check. ok %}ok{% endif %}",
		"{% unless widgets.check\n.parsed.ok %}no{% endunless %}",
		"{% case widgets. menu.Digits %}{% when '1' %}sales{% endcase %}",
		"{% case d %}{% when widgets.menu. Digits %}same{% endcase %}",
		"{% assign n = widgets.http. parsed.count | plus: 1 %}{{ n }}",
		"{% for s in widgets.http.parsed. sites %}{{ s.name }}{% endfor %}",
		"{{ widgets.http.parsed.\n\tname }}",
		"{{ widgets .http.parsed.name | upcase }}",
		"{% echo widgets.http. parsed.name %}",
		"{% liquid\nif widgets.x. ok\necho 'y'\nendif %}",
	}
	for _, src := range templates {
		fs := findingsIn(c, "body", src)
		if len(fs) == 0 {
			t.Errorf("%q: no finding, want a warning about the lenient path", src)
		}
		for _, f := range fs {
			if f.severity != Warning {
				t.Errorf("%q: %v %q, want only warnings", src, f.severity, f.message)
			}
			if !strings.Contains(f.message, "Studio reads it as") {
				t.Errorf("%q: %q does not say how Studio reads it", src, f.message)
			}
		}
	}
}

// A template whose nested loops cannot finish within the render budget is
// flagged before it runs; three nested loops of 15 fit.
func TestNestedLoopsPastTheBudgetWarn(t *testing.T) {
	c := newLiquidChecker()
	eight := strings.Repeat("{% for a in (1..15) %}", 8) + "x" + strings.Repeat("{% endfor %}", 8)
	fs := findingsIn(c, "body", eight)
	if len(fs) != 1 || fs[0].severity != Warning || !strings.Contains(fs[0].message, "2745954240") || !strings.Contains(fs[0].message, "10000") {
		t.Fatalf("eight nested loops: %+v", fs)
	}
	unknown := "{% for a in x %}{% for b in y %}{% for c in z %}{% for d in w %}.{% endfor %}{% endfor %}{% endfor %}{% endfor %}"
	if fs := findingsIn(c, "body", unknown); len(fs) != 1 || fs[0].severity != Warning {
		t.Fatalf("four nested loops over data (up to 15 each): %+v", fs)
	}
	for _, ok := range []string{
		strings.Repeat("{% for a in (1..15) %}", 3) + "x" + strings.Repeat("{% endfor %}", 3),
		"{% for a in x limit: 2 %}{% for b in y limit: 2 %}{% for c in z %}{% for d in (1..3) %}.{% endfor %}{% endfor %}{% endfor %}{% endfor %}",
	} {
		if fs := findingsIn(c, "body", ok); len(fs) != 0 {
			t.Errorf("%q: %+v, want nothing", ok, fs)
		}
	}
}

// A flow shaped like the real exports that hold lenient Liquid: it
// validates with warnings only, at the fields that hold it.
func TestFlowWithLenientLiquidHasOnlyWarnings(t *testing.T) {
	f := applyEdits(t,
		set("/states/2/properties/input", `"{% if widgets. \nask.inbound.Body == '1'%}one{% else %}other{% endif %}"`),
		set("/states/2/transitions/1/conditions/0/arguments/0", `"{{widgets.ask.inbound. Body | strip}}"`),
		set("/states/3/properties/body", `"{% assign n = widgets.ask\n.inbound.Body | plus: 1 %}You said {{ n }}{% for w in widgets.ask.inbound.Body | split: ' ' %}{% endfor %}"`),
	)
	diags := newTestValidator(t).ValidateFlow(f)
	want := map[string]bool{
		"/states/2/properties/input": true, "/states/2/transitions/1/conditions/0/arguments/0": true, "/states/3/properties/body": true,
	}
	seen := map[string]bool{}
	for _, d := range diags {
		if d.Severity != Warning || d.Rule != RuleLiquid || !want[d.Path] {
			t.Errorf("unexpected finding %s %s %s: %s", d.Severity, d.Rule, d.Path, d.Message)
		}
		seen[d.Path] = true
		assertPlainWords(t, d.Message)
	}
	for path := range want {
		if !seen[path] {
			t.Errorf("no warning at %s", path)
		}
	}
}

// liquidFinding is one finding of liquidChecker.findings, worded for field.
type liquidFinding struct {
	severity Severity
	message  string
}

func findingsIn(c *liquidChecker, field, src string) []liquidFinding {
	var out []liquidFinding
	c.findings(src, func(sev Severity, msg func(string) string) { out = append(out, liquidFinding{sev, msg(field)}) })
	return out
}

// Every short variable-like markup the fast path accepts gets the parser's
// empty verdict (no error, nothing lenient): all strings of up to five
// characters over the characters that matter, inside {{ }}.
func TestSimpleLiquidAgreesWithTheParserExhaustively(t *testing.T) {
	c := newLiquidChecker()
	alphabet := []byte("a1_-. ")
	accepted := 0
	var grow func(prefix []byte)
	grow = func(prefix []byte) {
		s := "{{" + string(prefix) + "}}"
		if simpleLiquid(s) {
			accepted++
			rep := c.engine.Inspect(s)
			if rep.Err != nil || len(rep.Lenient) != 0 || rep.MaxIterations != 0 {
				t.Errorf("simpleLiquid accepted %q, but the parser says %v %v", s, rep.Err, rep.Lenient)
			}
		}
		if len(prefix) == 5 {
			return
		}
		for _, b := range alphabet {
			grow(append(prefix, b))
		}
	}
	grow(nil)
	if accepted < 100 {
		t.Errorf("only %d strings took the fast path", accepted)
	}
}

// The verdict cache's key (variable-path outputs written {{v}}) gets the
// parser's very verdict: on every Liquid string of the golden flows, and
// on templates whose problems come after such outputs.
func TestVerdictKeyKeepsTheVerdict(t *testing.T) {
	c := newLiquidChecker()
	strs := []string{
		"{{widgets.a.b}} {% if x %}",
		"{{ widgets.a-b.c }}\n{{widgets.x. y}}\n{% for i in (1..20) %}{% for j in (1..20) %}{% for k in (1..20) %}{% for l in (1..20) %}{{i}}{% endfor %}{% endfor %}{% endfor %}{% endfor %}",
		"{% raw %}{{a.b}}{% endraw %}{{c.d}}{% if %}",
		"{% assign a = \"{{x.y}}\" %}{{a}}{{ b | nofilter }}",
		"{{\nwidgets.a.b\n}}\n{% endif %}",
		"{{a.b}}{{",
	}
	var visit func(v any)
	visit = func(v any) {
		switch t := v.(type) {
		case string:
			if hasLiquid(t) {
				strs = append(strs, t)
			}
		case *model.Object:
			for _, m := range t.Members() {
				visit(m.Value)
			}
		case []any:
			for _, e := range t {
				visit(e)
			}
		}
	}
	for _, f := range goldenFlows(t) {
		visit(f.Root())
	}
	changed := 0
	for _, s := range strs {
		key := verdictKey(s)
		if key != s {
			changed++
		}
		if a, b := c.inspect(s), c.inspect(key); !reflect.DeepEqual(a, b) {
			t.Errorf("%q: %+v, but its key %q: %+v", s, a, key, b)
		}
	}
	if changed < 10 {
		t.Errorf("only %d strings got another key", changed)
	}
}

// On a simple string, checkString trusts simpleRefs for everything: it
// must find the references References finds, and findings must have
// nothing to say. Checked on strings built from pieces that matter to both.
func TestSimpleRefsAgreesWithReferencesAndFindings(t *testing.T) {
	c := newLiquidChecker()
	pieces := []string{"{{widgets.a.b}}", "{{ widgets.x-1.y }}", "{{flow.widgets.z}}", "{{mywidgets.q}}", "{{widgets.w}}",
		"{{ trigger.message.Body }}", "{{flow.variables.k}}", "{{flow.data}}", "widgets.out.side", " {{", "}}", "{% if a %}", "{{a | plus: 1}}", "text"}
	simple := 0
	var grow func(s string, n int)
	grow = func(s string, n int) {
		var buf [2]Reference
		refs, ok := simpleRefs(s, buf[:0])
		if ok != simpleLiquid(s) {
			t.Errorf("simpleRefs(%q) says %v, simpleLiquid %v", s, ok, !ok)
		}
		if ok {
			simple++
			if got, want := subjects(refs), subjects(References(s)); !slices.Equal(got, want) {
				t.Errorf("simpleRefs(%q) = %q, References %q", s, got, want)
			}
			c.findings(s, func(sev Severity, msg func(string) string) {
				t.Errorf("simple %q has a finding: %s", s, msg("it"))
			})
		}
		if n == 3 {
			return
		}
		for _, p := range pieces {
			grow(s+p, n+1)
		}
	}
	grow("", 0)
	if simple < 100 {
		t.Errorf("only %d simple strings", simple)
	}
}

// findingsSaying are the findings on src (in a body) whose message holds words.
func findingsSaying(c *liquidChecker, src, words string) []liquidFinding {
	var out []liquidFinding
	for _, f := range findingsIn(c, "body", src) {
		if strings.Contains(f.message, words) {
			out = append(out, f)
		}
	}
	return out
}

// A loop over a literal range longer than Studio's 15 iterations (after a
// literal offset and limit, with no break inside) fails whenever it
// renders: the validator says so, and the engine agrees on each template
// both ways.
func TestLoopsPastTheCapAreReported(t *testing.T) {
	c := newLiquidChecker()
	engine := liquid.New(nil)
	for _, tt := range []struct {
		src      string
		reported bool
	}{
		{"{% for i in (1..20) %}{{i}}{% endfor %}", true},
		{"Hi\n{% for i in (0..15) %}{% if i > 3 %}{{i}}{% endif %}{% endfor %}", true},
		{"{% if true %}{% for i in (1..30) offset: 5 %}{{i}}{% endfor %}{% endif %}", true},
		{"{% tablerow i in (1..16) %}{{i}}{% endtablerow %}", true},
		{"{% for i in (1..15) %}{{i}}{% endfor %}", false},
		{"{% for i in (1..20) limit: 15 %}{{i}}{% endfor %}", false},
		{"{% for i in (1..20) offset: 5 %}{{i}}{% endfor %}", false},
		{"{% for i in (1..20) %}{% if i == 3 %}{% break %}{% endif %}{{i}}{% endfor %}", false},
		{"{% for i in (1..n) %}{{i}}{% endfor %}", false},
	} {
		over := findingsSaying(c, tt.src, "more than the 15 iterations Studio lets one loop run")
		if (len(over) > 0) != tt.reported {
			t.Errorf("%q: reported %v, want %v", tt.src, over, tt.reported)
		}
		_, err := engine.Render(tt.src, map[string]any{"n": 3})
		if fails := errors.Is(err, liquid.ErrTooManyIterations); fails != tt.reported {
			t.Errorf("%q: the engine's render fails with the loop cap: %v (%v), the validator says %v", tt.src, fails, err, tt.reported)
		}
	}
	if fs := findingsIn(c, "body", "Hi\n{% for i in (1..20) %}{{i}}{% endfor %}"); len(fs) != 1 || !strings.Contains(fs[0].message, "body has a loop (line 2) over 20 items") || fs[0].severity != Warning {
		t.Errorf("findings = %+v", fs)
	}
}

// divided_by and modulo by a literal zero fail whenever they render,
// whatever they divide: the validator says so, and the engine agrees.
func TestDivisionByALiteralZeroIsReported(t *testing.T) {
	c := newLiquidChecker()
	engine := liquid.New(nil)
	for _, tt := range []struct {
		src      string
		reported bool
	}{
		{"{{ 10 | divided_by: 0 }}", true},
		{"{{ widgets.count.value | divided_by: 0 }}", true},
		{"{{ x | modulo: 0 }}", true},
		{"{% assign y = x | plus: 1 | divided_by: 0.0 %}{{ y }}", true},
		{"{% if x %}{{ x | divided_by: 0 }}{% endif %}", true},
		{"{{ x | divided_by: \"0\" }}", true},
		{"{{ 10 | divided_by: 3 }}", false},
		{"{{ 10 | divided_by: n }}", false},
		{"{{ 10 | modulo: 2 }}", false},
	} {
		zero := findingsSaying(c, tt.src, "divides by zero")
		if (len(zero) > 0) != tt.reported {
			t.Errorf("%q: reported %v, want %v", tt.src, zero, tt.reported)
		}
		_, err := engine.Render(tt.src, map[string]any{"x": 7, "n": 2, "widgets": map[string]any{"count": map[string]any{"value": 4}}})
		if fails := err != nil && strings.Contains(err.Error(), "divided by 0"); fails != tt.reported {
			t.Errorf("%q: the engine's render fails dividing by zero: %v (%v), the validator says %v", tt.src, fails, err, tt.reported)
		}
	}
}
