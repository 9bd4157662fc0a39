package liquid

import (
	"strings"
	"testing"
)

// Studio's parser is Shopify Liquid in lax mode: its lexer skips
// whitespace between tokens, so a path broken by a space or a line break
// around a dot reads as the path. Each lenient form renders exactly what
// the tidy form renders, in every tag that takes an expression.
func TestLenientFormsRenderAsStudioDoes(t *testing.T) {
	e := New(fixedNow)
	vars := map[string]any{
		"widgets": map[string]any{
			"get_reservation": map[string]any{"parsed": map[string]any{"count": int64(1), "name": "Ann", "sites": []any{"N", "S"}}},
			"menu":            map[string]any{"Digits": "1"},
		},
	}
	tests := []struct {
		lenient, tidy string
		noted         bool // strict Liquid refuses it, so the validator warns
	}{
		{"{% if widgets. \nget_reservation.parsed.count == 1%}one{% endif %}", "{% if widgets.get_reservation.parsed.count == 1%}one{% endif %}", true},
		{"{% if false %}{% elsif widgets.get_reservation.\tparsed.count == 1 %}two{% endif %}", "{% if false %}{% elsif widgets.get_reservation.parsed.count == 1 %}two{% endif %}", true},
		{"{% unless widgets.get_reservation\n.parsed.count == 2 %}not two{% endunless %}", "{% unless widgets.get_reservation.parsed.count == 2 %}not two{% endunless %}", true},
		{"{% case widgets. menu.Digits %}{% when '1' %}sales{% endcase %}", "{% case widgets.menu.Digits %}{% when '1' %}sales{% endcase %}", true},
		{"{% case '1' %}{% when widgets.menu. Digits %}same{% endcase %}", "{% case '1' %}{% when widgets.menu.Digits %}same{% endcase %}", true},
		{"{% assign n = widgets.get_reservation. parsed.count | plus: 1 %}{{ n }}", "{% assign n = widgets.get_reservation.parsed.count | plus: 1 %}{{ n }}", true},
		{"{% for s in widgets.get_reservation.parsed. sites %}{{ s }}{% endfor %}", "{% for s in widgets.get_reservation.parsed.sites %}{{ s }}{% endfor %}", true},
		{"{{ widgets.get_reservation.parsed.\n\tname }}", "{{ widgets.get_reservation.parsed.name }}", true},
		{"{{ widgets .get_reservation . parsed.name | upcase }}", "{{ widgets.get_reservation.parsed.name | upcase }}", true},
		{"{{ widgets.get_reservation.parsed.name extra words }}", "{{ widgets.get_reservation.parsed.name }}", true},
		{"{{\n  widgets.get_reservation.parsed.name\n}}", "{{ widgets.get_reservation.parsed.name }}", false},
		{"{% echo widgets.get_reservation. parsed.name %}", "{{ widgets.get_reservation.parsed.name }}", true},
		{"{% for i in ( 1 .. widgets.get_reservation.parsed.count ) %}{{ i }}{% endfor %}", "{% for i in (1..widgets.get_reservation.parsed.count) %}{{ i }}{% endfor %}", false},
		{"{{ 'a. b' }}|{{ \"x .y\" }}", "a. b|x .y", false},
	}
	for _, tt := range tests {
		got, err := e.Render(tt.lenient, vars)
		if err != nil {
			t.Errorf("Render(%q): %v", tt.lenient, err)
			continue
		}
		want := tt.tidy
		if strings.Contains(tt.tidy, "{") {
			want = renderOK(t, e, tt.tidy, vars)
		}
		if got != want || got == "" {
			t.Errorf("Render(%q) = %q, want %q", tt.lenient, got, want)
		}
		if rep := e.Inspect(tt.lenient); rep.Err != nil || (len(rep.Lenient) > 0) != tt.noted {
			t.Errorf("Inspect(%q) = %+v, want no error and lenient notes: %v", tt.lenient, rep, tt.noted)
		}
	}
}

// The other forms Ruby Liquid's lax parser accepts and strict Liquid
// refuses: what follows a value in a tag or output is ignored (filters
// included, where a tag takes a single value), an unknown
// filter passes the value on (Liquid renders without strict_filters), an
// empty filter is skipped. Each renders as Studio reads it and is noted for
// the validator.
func TestOtherLenientForms(t *testing.T) {
	e := New(fixedNow)
	vars := map[string]any{"a": int64(1), "name": "ann", "list": []any{"x", "y"}}
	tests := []struct{ src, want string }{
		{"{% if a == 1 junk %}yes{% endif %}", "yes"},
		{"{% if a == 2 or a == 1 trailing %}yes{% endif %}", "yes"},
		{"{{ name | shout }}", "ann"},
		{"{{ name | upcase | shout | append: '!' }}", "ANN!"},
		{"{{ name | upcase | }}", "ANN"},
		{"{% assign n = name junk | upcase %}{{ n }}", "ANN"},
		{"{% case name extra %}{% when 'ann' %}A{% endcase %}", "A"},
		{"{% for x in list extra %}{{ x }}{% endfor %}", "xy"},
		// No filters where Ruby's lax parser reads a single value: in a
		// condition, a case subject, a loop's collection.
		{"{% if name | size > 10 %}yes{% endif %}", "yes"},
		{"{% for x in list | reverse %}{{ x }}{% endfor %}", "xy"},
		{"{% case name | upcase %}{% when 'ann' %}A{% endcase %}", "A"},
		// An else with a condition is a plain else; a when reads its values
		// up to the first word that is not "or".
		{"{% if a == 2 %}two{% else if a == 1 %}else{% endif %}", "else"},
		{"{% case name %}{% when 'bob' and 'ann' %}B{% else %}other{% endcase %}", "other"},
		{"{% when_not_a_tag %}", ""},
	}
	for _, tt := range tests[:len(tests)-1] {
		got, err := e.Render(tt.src, vars)
		if err != nil || got != tt.want {
			t.Errorf("Render(%q) = %q, %v; want %q", tt.src, got, err, tt.want)
		}
		if rep := e.Inspect(tt.src); rep.Err != nil || len(rep.Lenient) == 0 {
			t.Errorf("Inspect(%q) = %+v, want a lenient note", tt.src, rep)
		}
	}
	// An unknown tag is not lenient: Studio refuses it too.
	if rep := e.Inspect(tests[len(tests)-1].src); rep.Err == nil {
		t.Errorf("unknown tag parsed")
	}
}

// Ruby Liquid's lax parser reads "a==1" as one variable name (a fragment
// runs to the first blank), so the condition is false in Studio; with a
// blank before the operator it compares. Both render as Studio does, and
// the glued form is noted so the validator can say to add spaces.
func TestOperatorWithoutSpacesReadsAsAName(t *testing.T) {
	e := New(fixedNow)
	vars := map[string]any{"a": int64(1), "s": "x"}
	tests := []struct {
		src, want string
		noted     bool
	}{
		{"{% if a==1 %}yes{% else %}no{% endif %}", "no", true},
		{"{% if a== 1 %}yes{% else %}no{% endif %}", "no", true},
		{"{% if s!='y' %}yes{% else %}no{% endif %}", "no", true},
		{"{% if a ==1 %}yes{% else %}no{% endif %}", "yes", false},
		{"{% if 'x'== s %}yes{% else %}no{% endif %}", "yes", false},
		{"{% if a == 1 %}yes{% else %}no{% endif %}", "yes", false},
	}
	for _, tt := range tests {
		got, err := e.Render(tt.src, vars)
		if err != nil || got != tt.want {
			t.Errorf("Render(%q) = %q, %v; want %q", tt.src, got, err, tt.want)
		}
		if rep := e.Inspect(tt.src); rep.Err != nil || (len(rep.Lenient) > 0) != tt.noted {
			t.Errorf("Inspect(%q) = %+v, want noted %v", tt.src, rep, tt.noted)
		}
	}
}
