package schemas

import (
	"slices"
	"testing"

	"github.com/osteele/liquid"
	"github.com/studioflow/studioflow/model"
)

func TestWidgetRefs(t *testing.T) {
	cases := map[string][]string{
		"{{widgets.gather_1.Digits}}":                          {"gather_1"},
		"Hi {{ widgets.a.x }} and {{widgets.b-2.y | upcase}}":  {"a", "b-2"},
		"{% if widgets.check.parsed.ok %}yes{% endif %}":       {"check"},
		"widgets.outside.markup {{flow.variables.widgets.x}}":  nil,
		"{{mywidgets.x}} {{ widgets. }}":                       nil,
		"{{widgets.first.x}}{% assign y = widgets.second.z %}": {"first", "second"},
		"{{widgets.unclosed.x":                                 {"unclosed"},
	}
	for s, want := range cases {
		var got []string
		widgetRefs(s, func(name string) { got = append(got, name) })
		if !slices.Equal(got, want) {
			t.Errorf("widgetRefs(%q) = %v, want %v", s, got, want)
		}
	}
}

// The fast path that skips the parser must only ever accept strings the
// parser accepts: checked on every Liquid string of the shared exports.
func TestSimpleLiquidOnlyAcceptsWhatTheParserAccepts(t *testing.T) {
	engine := liquid.NewEngine()
	seen := 0
	var visit func(v any)
	visit = func(v any) {
		switch t := v.(type) {
		case string:
			if hasLiquid(t) && simpleLiquid(t) {
				seen++
				if _, err := engine.ParseString(t); err != nil {
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
	if v := c.check("{{widgets.x.parsed. score}}"); !v.laxOnly || v.problem == "" {
		t.Errorf("space after a dot: %+v", v)
	}
	if v := c.check("{% if a %}"); v.laxOnly || v.problem == "" {
		t.Errorf("unterminated if: %+v", v)
	}
	if v := c.check("{% if a %}x{% endif %} {{ a | plus: 1 }}"); v.problem != "" {
		t.Errorf("valid template: %+v", v)
	}
	if !unclosedOutput("Hi {{name") || unclosedOutput("Hi {{name}}") || unclosedOutput("no markup") {
		t.Error("unclosedOutput")
	}
}
