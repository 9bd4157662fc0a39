package liquid

import (
	"strings"
	"testing"
)

// The plain-path renderer must print exactly what the general renderer prints.
func TestPlainPathsRenderLikeTheLibrary(t *testing.T) {
	vars := map[string]any{
		"s": "text", "n": int64(42), "i": 7, "b": true, "f": 1.5, "nothing": nil,
		"m": map[string]any{"k": "v", "deep": map[string]any{"x": int64(-3)}, "list": []any{"a", "b"}},
	}
	templates := []string{
		"{{s}}", "a {{ s }} b", "{{n}}|{{i}}|{{b}}|{{nothing}}|{{missing}}|{{missing.deeper}}",
		"{{m.k}}{{m.deep.x}}{{m.none.x}}", "{{s.x}}", "{{f}}", "{{m.list}}", "{{m.list.size}}",
		"{{m}}", "{{m.deep}}", "no braces }} here {{s}}", "{{ s | upcase }}", "{{- s -}}",
	}
	lib := New(fixedNow)
	for _, src := range templates {
		got, err := lib.Render(src, vars)
		if err != nil {
			t.Fatalf("Render(%q): %v", src, err)
		}
		tpl, perr := parse(src)
		if perr != nil {
			t.Fatal(perr)
		}
		want, rerr := lib.renderTemplate(tpl, src, vars)
		if rerr != nil {
			t.Fatal(rerr)
		}
		if got != want {
			t.Errorf("Render(%q) = %q, the general renderer prints %q", src, got, want)
		}
	}
	if segs, ok := compilePlain("Hi {{trigger.message.Body}}, {{ flow.variables.n }}"); !ok || len(segs) != 4 {
		t.Errorf("a plain template was not taken by the fast path: %v %v", segs, ok)
	}
	for _, src := range []string{"{{ x | plus: 1 }}", "{% if x %}{% endif %}", "{{ a.size }}", "{{ a[0] }}", "{{ 'lit' }}", "{{ a. b }}"} {
		if _, ok := compilePlain(src); ok {
			t.Errorf("%q was taken by the fast path", src)
		}
	}
	if _, err := lib.Render("{{s}}", map[string]any{"s": strings.Repeat("z", MaxOutputBytes+1)}); err == nil || !strings.Contains(err.Error(), "16 KB") {
		t.Errorf("the fast path let %d bytes through: %v", MaxOutputBytes+1, err)
	}
}
