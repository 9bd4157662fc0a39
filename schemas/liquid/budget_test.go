package liquid

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// Every render works within a budget of loop iterations (all loops
// together, nested included) and of memory (any value built, and all of
// them together), enforced while it renders: hostile templates stop with an
// error naming what was exceeded, long before they could hold a process.
func TestRenderBudget(t *testing.T) {
	e := New(fixedNow)
	big := strings.Repeat("y", 600*1024)
	tests := []struct {
		name, template string
		vars           map[string]any
		is             error
		reason         string
	}{
		{"eight nested loops", strings.Repeat("{% for a in (1..15) %}", 8) + "{% endfor %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}",
			nil, ErrRenderTooLong, "10000 iterations"},
		{"nested loops that print nothing", strings.Repeat("{%- for a in (1..15) -%}", 4) + strings.Repeat("{%- endfor -%}", 4),
			nil, ErrRenderTooLong, "nested loops multiply"},
		{"doubling append", "{% assign s = 'ab' %}{% for i in (1..15) %}{% for j in (1..15) %}{% assign s = s | append: s %}{% endfor %}{% endfor %}{{ s | size }}",
			nil, ErrValueTooLarge, "1 MiB"},
		{"doubling capture", "{% assign s = 'ab' %}{% for i in (1..15) %}{% for j in (1..15) %}{% capture s %}{{ s }}{{ s }}{% endcapture %}{% endfor %}{% endfor %}",
			nil, ErrValueTooLarge, "1 MiB"},
		{"doubling array", "{% assign a = 'x,y' | split: ',' %}{% for i in (1..15) %}{% for j in (1..15) %}{% assign a = a | concat: a %}{% endfor %}{% endfor %}",
			nil, ErrValueTooLarge, "1 MiB"},
		{"many large values", "{% for i in (1..15) %}{% for j in (1..15) %}{% assign t = big | append: 'x' %}{% endfor %}{% endfor %}",
			map[string]any{"big": big}, ErrRenderTooBig, "32 MiB"},
		{"a replacement that would square the input", "{{ big | replace: 'y', big }}",
			map[string]any{"big": big}, ErrValueTooLarge, "1 MiB"},
		{"an empty pattern between every character", "{{ big | replace: '', 'abc' }}",
			map[string]any{"big": big}, ErrValueTooLarge, "1 MiB"},
		{"a huge range joined", "{{ (1..100000000) | join: ',' }}", nil, ErrValueTooLarge, "1 MiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := e.Render(tt.template, tt.vars)
			// Generous: each case stops within milliseconds; unbounded it would run for minutes or exhaust memory.
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("took %v to stop", d)
			}
			var te *TemplateError
			if !errors.As(err, &te) || !errors.Is(err, tt.is) {
				t.Fatalf("err = %v, want a TemplateError wrapping %v", err, tt.is)
			}
			if !strings.Contains(te.Reason, tt.reason) {
				t.Errorf("reason %q does not mention %q", te.Reason, tt.reason)
			}
			if !IsBudgetError(err) {
				t.Errorf("IsBudgetError(%v) = false", err)
			}
		})
	}
}

// Three nested loops of Studio's 15 fit the budget.
func TestRenderBudgetAllowsNestedLoopsWithinIt(t *testing.T) {
	e := New(fixedNow)
	out, err := e.Render("{% assign n = 0 %}{% for a in (1..15) %}{% for b in (1..15) %}{% for c in (1..15) %}{% assign n = n | plus: 1 %}{% endfor %}{% endfor %}{% endfor %}{{ n }}", nil)
	if err != nil || out != "3375" {
		t.Fatalf("= %q, %v; want 3375", out, err)
	}
}
