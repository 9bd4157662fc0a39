package liquid

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

func fixedNow() time.Time { return time.Date(2024, 7, 4, 18, 30, 0, 0, time.UTC) }

func TestRenderStudioDialect(t *testing.T) {
	vars := map[string]any{
		"flow": map[string]any{
			"variables": map[string]any{"count": 2, "name": "Ann"},
			"data":      map[string]any{},
		},
		"widgets": map[string]any{
			"http_1": map[string]any{
				"parsed": map[string]any{"ok": true, "sites": []any{
					map[string]any{"site_name": "North"}, map[string]any{"site_name": "South"},
				}},
			},
		},
	}
	counter := "{% if flow.variables.count %}{{flow.variables.count | plus: 1}}{% else %}1{% endif %}"
	tests := []struct {
		name, template, want string
	}{
		{"plain text passes through", "Hello world", "Hello world"},
		{"variable", "Hi {{flow.variables.name}}", "Hi Ann"},
		{"undefined renders empty", "[{{flow.variables.missing}}]", "[]"},
		{"undefined widget renders empty", "[{{widgets.nobody.parsed.x}}]", "[]"},
		{"counter idiom with a value", counter, "3"},
		{"counter idiom undefined is falsy", strings.ReplaceAll(counter, "count", "other"), "1"},
		{"to_json object", "{{widgets.http_1.parsed | to_json}}", `{"ok":true,"sites":[{"site_name":"North"},{"site_name":"South"}]}`},
		{"to_json string", `{{ 'a"b' | to_json }}`, `"a\"b"`},
		// Ruby Liquid reads no escapes in quoted strings: "\n" is a
		// backslash and an n, in a chain and in what the library reads.
		{"a backslash in double quotes is a backslash", `{{ "a\nb" | size }} {{ 'a\nb' | size }} {{ "a\nb" }}`, `4 4 a\nb`},
		{"replace finds a backslash n, not a line break", "{% assign t = 'x\\ny' %}{{ t | replace: \"\\n\", \"+\" }}", `x+y`},
		{"the library's expressions too", `{{ "a\nb" == 'a\nb' }}`, `true`},
		{"to_json undefined", "{{ flow.nothing | to_json }}", "null"},
		{"index with assigned variable", "{% assign idx = 1 %}{{widgets.http_1.parsed.sites[idx].site_name}}", "South"},
		{"standard filters", "{{ '  YES ' | strip | downcase }}-{{ 5 | minus: 2 }}", "yes-3"},
		{"case when", "{% case flow.variables.name %}{% when 'Ann' %}A{% else %}B{% endcase %}", "A"},
		{"loop of 15 is allowed", "{% for i in (1..15) %}{{i}},{% endfor %}", "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,"},
		{"loop with whitespace control", "{%- for s in widgets.http_1.parsed.sites -%}\n  {{ s.site_name }}\n{%- endfor -%}", "NorthSouth"},
		{"loop that breaks early over a long range", "{% for i in (1..100) %}{% if i > 3 %}{% break %}{% endif %}{{i}}{% endfor %}", "123"},
		{"raw region is untouched", "{% raw %}{% for x in y %}{% endraw %}", "{% for x in y %}"},
		{"date in Pacific time", "{{ 'now' | date: '%Y-%m-%d %H:%M %Z' }}", "2024-07-04 11:30 PDT"},
		{"zone-less date read as Pacific", "{{ '2024-01-15 09:00' | date: '%H:%M %z' }}", "09:00 -0800"},
		{"space after a path dot, as in real exports", "{{widgets.http_1.parsed. ok}}|{{ 'a. b' }}", "true|a. b"},
		{"unix seconds shown in Pacific", "{{ 0 | date: '%Y-%m-%d %H' }}", "1969-12-31 16"},
	}
	e := New(fixedNow)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := e.Render(tt.template, vars)
			if err != nil {
				t.Fatalf("Render(%q): %v", tt.template, err)
			}
			if got != tt.want {
				t.Errorf("Render(%q) = %q, want %q", tt.template, got, tt.want)
			}
		})
	}
}

func TestRenderErrors(t *testing.T) {
	tests := []struct {
		name, template string
		line           int
		reason         string
		is             error
	}{
		{"unclosed tag", "Hello\n{% if x %}yes", 2, "syntax error", nil},
		{"a value that is not a number divided by 0", "{{ 'a' | divided_by: 0 }}", 1, "divided by 0", nil},
		{"unknown tag", "line1\nline2\n{% bogus %}", 3, "syntax error", nil},
		{"include is not Studio", "{% include 'x.liquid' %}", 1, "syntax error", nil},
		{"loop of 16 passes the cap", "{% for i in (1..16) %}{{i}}{% endfor %}", 1, "15 iterations", ErrTooManyIterations},
		{"silent loop still capped", "{%- for i in (1..1000) -%}{%- endfor -%}", 1, "15 iterations", ErrTooManyIterations},
		{"nested loops each capped", "{% for i in (1..2) %}\n{% for j in (1..20) %}{% endfor %}{% endfor %}", 2, "15 iterations", ErrTooManyIterations},
		{"output over 16 KB", "{% capture x %}" + strings.Repeat("a", 9000) + "{% endcapture %}{{x}}{{x}}", 0, "16 KB", ErrOutputTooLarge},
	}
	e := New(fixedNow)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := e.Render(tt.template, map[string]any{})
			var te *TemplateError
			if !errors.As(err, &te) {
				t.Fatalf("Render(%q) error = %v, want a *TemplateError", tt.template, err)
			}
			if te.Template != tt.template {
				t.Errorf("TemplateError.Template = %q, want the source", te.Template)
			}
			if te.Line != tt.line {
				t.Errorf("TemplateError.Line = %d, want %d (%v)", te.Line, tt.line, err)
			}
			if !strings.Contains(te.Reason, tt.reason) {
				t.Errorf("TemplateError.Reason = %q, want it to mention %q", te.Reason, tt.reason)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %v does not wrap %v", err, tt.is)
			}
		})
	}
}

func TestTablerowPastTheCapFailsWithoutPanicking(t *testing.T) {
	e := New(fixedNow)
	_, err := e.Render("{% tablerow i in (1..10) %}{{ big }}{% endtablerow %}", map[string]any{"big": strings.Repeat("t", 2000)})
	var te *TemplateError
	if !errors.As(err, &te) || !strings.Contains(te.Reason, "16 KB") {
		t.Fatalf("err = %v, want a TemplateError about the 16 KB cap", err)
	}
}

func TestOutputExactlyAtCapIsAllowed(t *testing.T) {
	e := New(fixedNow)
	src := "{{ x }}"
	got, err := e.Render(src, map[string]any{"x": strings.Repeat("b", MaxOutputBytes)})
	if err != nil {
		t.Fatalf("16384 bytes should render: %v", err)
	}
	if len(got) != MaxOutputBytes {
		t.Fatalf("len = %d, want %d", len(got), MaxOutputBytes)
	}
	if _, err := e.Render(src+".", map[string]any{"x": strings.Repeat("b", MaxOutputBytes)}); !errors.Is(err, ErrOutputTooLarge) {
		t.Fatalf("16385 bytes: err = %v, want ErrOutputTooLarge", err)
	}
}

func TestTemplatesAreParsedOnceAndShared(t *testing.T) {
	e := New(fixedNow)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				src := fmt.Sprintf("{{ n | plus: %d }}", i%5)
				got, err := e.Render(src, map[string]any{"n": g})
				if err != nil || got != fmt.Sprint(g+i%5) {
					t.Errorf("Render(%q) = %q, %v", src, got, err)
					return
				}
			}
		}(g)
	}
	wg.Wait()
	if n := e.CachedTemplates(); n != 5 {
		t.Fatalf("cached %d templates, want 5 distinct", n)
	}
	if _, err := e.Render("{% if %}", nil); err == nil {
		t.Fatal("broken template rendered")
	}
	if err := e.Check("{% if %}"); err == nil {
		t.Fatal("Check accepted a broken template")
	}
}

func BenchmarkRenderCached(b *testing.B) {
	e := New(nil)
	src := "Hi {{flow.data.name}}, you are caller {% if flow.variables.count %}{{flow.variables.count | plus: 1}}{% else %}1{% endif %} ({{ trigger.call.From | remove: '+' }})"
	vars := map[string]any{
		"flow":    map[string]any{"data": map[string]any{"name": "Zeke"}, "variables": map[string]any{"count": 4}},
		"trigger": map[string]any{"call": map[string]any{"From": "+15551234567"}},
	}
	if _, err := e.Render(src, vars); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := e.Render(src, vars); err != nil {
			b.Fatal(err)
		}
	}
}

func TestCacheIsBounded(t *testing.T) {
	e := New(fixedNow)
	for i := 0; i < MaxCachedTemplates+5; i++ {
		if _, err := e.Render(fmt.Sprintf("{{ %d }}", i), nil); err != nil {
			t.Fatal(err)
		}
	}
	if n := e.CachedTemplates(); n > MaxCachedTemplates || n == 0 {
		t.Fatalf("cache holds %d templates, bound is %d", n, MaxCachedTemplates)
	}
}
