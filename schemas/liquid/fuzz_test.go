package liquid

import (
	"errors"
	"strings"
	"testing"
)

func hasLiquidMarkup(s string) bool { return strings.Contains(s, "{{") || strings.Contains(s, "{%") }

// FuzzRender checks that no template, however broken, panics or escapes the
// caps: it renders within 16 KB or fails with a TemplateError; and that
// what the validator's Inspect accepts never fails to parse when rendered.
func FuzzRender(f *testing.F) {
	for _, seed := range []string{
		"Hi {{flow.data.name}}",
		"{% for i in (1..20) %}{{i}}{% endfor %}",
		"{%- for x in a -%}{{x}}{%- endfor -%}",
		"{{ a. b }}{{ 'x. y' }}",
		"{% raw %}{% for %}{% endraw %}",
		"{% if %}",
		"{% capture c %}{{ c }}{{ c }}{% endcapture %}",
		"{{ 'now' | date: '%s' }}{{ x | to_json }}",
		"{% tablerow i in (1..3) cols:2 %}{{i}}{% endtablerow %}",
		"{% cycle 'a', 'b' %}",
		"{% if a and b or c %}{% elsif x == empty %}{% else %}{% endif %}",
		"{% case x %}{% when 1, 'a' or b %}{% else %}{% endcase %}",
		"{% liquid\nfor i in (1..3)\necho i\nendfor %}{%# note %}",
		"{% for i in (1..x.k) reversed limit: 2 offset: continue %}{{ forloop.parentloop }}{% endfor %}",
		"{% increment n %}{% decrement n %}{% ifchanged %}{{ n }}{% endifchanged %}",
		"{{ a. b | split: ' ' | first | append: 1.5 | times: 2 | default: x, allow_false: true }}",
		"{{ [x] }}{{ (1 .. 3) | join }}{% assign s = s | append: s %}",
		"{{ 99999999999999999999 | plus: 1 | times: -99999999999999999999 | divided_by: 7 | round: -3 }}{% if 99999999999999999999 > 1.5 %}{% endif %}",
	} {
		f.Add(seed)
	}
	e := New(fixedNow)
	vars := map[string]any{"a": []any{1, 2}, "x": map[string]any{"k": "v"}, "flow": map[string]any{"data": map[string]any{"name": "Zeke"}}}
	f.Fuzz(func(t *testing.T, src string) {
		rep := e.Inspect(src)
		out, err := e.Render(src, vars)
		if err != nil {
			var te *TemplateError
			if !errors.As(err, &te) {
				t.Fatalf("error %T is not a TemplateError: %v", err, err)
			}
			if rep.Err == nil && (hasLiquidMarkup(src)) && strings.HasPrefix(te.Reason, "syntax error") {
				t.Fatalf("Inspect accepted %q, Render calls it a syntax error: %v", src, err)
			}
			return
		}
		if len(out) > MaxOutputBytes {
			t.Fatalf("output of %d bytes passed the cap", len(out))
		}
	})
}
