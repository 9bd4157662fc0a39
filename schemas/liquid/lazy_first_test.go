package liquid

import "testing"

// TestFirstOfGoValuesPrints: "first" of an object or a list the engine
// passes as Go values renders as it does for the same JSON decoded,
// nested objects and lists included (the lookup's result holds the lazy
// wrappers the library reads Go values through).
func TestFirstOfGoValuesPrints(t *testing.T) {
	const data = `{"m":{"k":{"z":1}},"o":{"a":[1,{"b":2}]},"l":[{"x":[3]},{"y":4}]}`
	decoded, err := DecodeJSON([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	jsonVars, _ := AsMap(decoded)
	goVars := map[string]any{
		"m": map[string]any{"k": map[string]any{"z": 1}},
		"o": map[string]any{"a": []any{1, map[string]any{"b": 2}}},
		"l": []any{map[string]any{"x": []any{3}}, map[string]any{"y": 4}},
	}
	e := New(nil)
	for _, tpl := range []string{
		"{{ m.first }}", "{{ m.first | to_json }}", "{{ o.first }}", "{{ o.first | to_json }}",
		"{{ l.first }}", "{{ l.last | to_json }}", "{{ l.first.x | to_json }}",
		"{% if m.first == m.first %}same{% endif %}", "{{ m.first | size }}",
	} {
		want, err := e.Render(tpl, jsonVars)
		if err != nil {
			t.Fatalf("%s with decoded JSON: %v", tpl, err)
		}
		got, err := e.Render(tpl, goVars)
		if err != nil {
			t.Errorf("%s with Go values: %v", tpl, err)
			continue
		}
		if got != want {
			t.Errorf("%s: %q with Go values, %q with decoded JSON", tpl, got, want)
		}
	}
}
