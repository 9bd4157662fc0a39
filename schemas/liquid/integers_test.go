package liquid

import (
	"errors"
	"math"
	"math/big"
	"strings"
	"testing"
)

// Integers are Ruby's: of any size. One past int64 prints as written,
// takes arithmetic exactly (no wrap at 64 bits, no float64 on the way),
// compares exactly, and a float keeps Ruby's Float#to_s.
func TestIntegersOfAnySize(t *testing.T) {
	e := New(fixedNow)
	parsed, err := DecodeJSON([]byte(`{"a": 12345678901234567890, "b": -98765432109876543210, "f": 1e21, "g": 20.0,
		"list": [9223372036854775807, 1], "mixed": [12345678901234567890, 1, 12345678901234567890, -98765432109876543210],
		"exact": 9007199254740993, "near": 9007199254740992.0, "s": "12345678901234567890"}`))
	if err != nil {
		t.Fatal(err)
	}
	if b, ok := mustGet(t, parsed, "a").(*big.Int); !ok || b.String() != "12345678901234567890" {
		t.Fatalf("DecodeJSON read a as %#v", mustGet(t, parsed, "a"))
	}
	vars, _ := AsMap(parsed)
	// The engine's own values: int64, *big.Int, uint64 from YAML.
	vars["go"] = map[string]any{"big": new(big.Int).SetUint64(math.MaxUint64), "u": uint64(math.MaxUint64), "i": int64(math.MaxInt64)}
	for _, tt := range []struct{ tpl, want string }{
		{"{{ a }}", "12345678901234567890"},
		{"Hi {{ a }}", "Hi 12345678901234567890"}, // the plain-text fast path
		{"{{ a | plus: 1 }}", "12345678901234567891"},
		{"{{ 9223372036854775807 | plus: 1 }}", "9223372036854775808"},
		{"{{ -9223372036854775808 | minus: 1 }}", "-9223372036854775809"},
		{"{{ -9223372036854775808 | abs }}", "9223372036854775808"},
		{"{{ -9223372036854775808 | divided_by: -1 }}", "9223372036854775808"},
		{"{{ 4611686018427387904 | times: 2 }}", "9223372036854775808"},
		{"{{ a | times: a }}", "152415787532388367501905199875019052100"},
		{"{{ a | divided_by: 7 }}", "1763668414462081127"},
		{"{{ b | divided_by: 7 }}", "-14109347444268077602"},
		{"{{ b | divided_by: -7 }}", "14109347444268077601"},
		{"{{ b | modulo: 7 }}", "4"},
		{"{{ a | modulo: -7 }}", "-6"},
		{"{{ a | minus: a }}", "0"},
		{"{{ a | plus: 0.5 }}", "1.2345678901234567e+19"}, // a decimal: BigDecimal, printed as a Float
		{"{{ b | abs }}", "98765432109876543210"},
		{"{{ a | ceil }}{{ a | floor }}{{ a | round }}", "123456789012345678901234567890123456789012345678901234567890"},
		{"{{ a | round: -5 }}", "12345678901234600000"},
		{"{{ a | at_least: 5 }} {{ a | at_most: 5 }}", "12345678901234567890 5"},
		{"{{ list | sum }}", "9223372036854775808"},
		{"{{ mixed | sort | join: ',' }}", "-98765432109876543210,1,12345678901234567890,12345678901234567890"},
		{"{{ mixed | uniq | join: ',' }}", "12345678901234567890,1,-98765432109876543210"},
		{"{{ mixed | to_json }}", "[12345678901234567890,1,12345678901234567890,-98765432109876543210]"},
		{"{{ a | size }}", "8"},
		{"{{ s | plus: 1 }}", "12345678901234567891"}, // String#to_i of any size
		{"{% if a > 12345678901234567889 and a < 12345678901234567891 %}between{% endif %}", "between"},
		{"{% if a == 12345678901234567890 %}eq{% endif %}{% case a %}{% when 12345678901234567890 %}case{% endcase %}", "eqcase"},
		{"{% if exact == near %}equal{% else %}differ{% endif %} {% if exact > near %}more{% endif %}", "differ more"},
		{"{% assign x = a | plus: 1 %}{{ x | minus: a }}", "1"},
		{"{{ mixed.first }} {{ mixed[2] | minus: 1 }}", "12345678901234567890 12345678901234567889"},
		{"{{ go.big }} {{ go.u }} {{ go.u | plus: 1 }} {{ go.i | plus: 1 }}", "18446744073709551615 18446744073709551615 18446744073709551616 9223372036854775808"},
		// Floats print as Ruby's Float#to_s does, past 1e16 with an exponent.
		{"{{ f }} {{ g }} {{ f | floor }}", "1.0e+21 20.0 1000000000000000000000"},
		// A loop bound past an int runs into Studio's loop cap, as in Studio.
		{"{% for i in (1..3) limit: 99999999999999999999 %}{{ i }}{% endfor %}", "123"},
	} {
		if got := renderOK(t, e, tt.tpl, vars); got != tt.want {
			t.Errorf("%s = %q, want %q", tt.tpl, got, tt.want)
		}
	}
	for _, tt := range []struct{ tpl, want string }{
		{"{% for i in (1..99999999999999999999) %}{{ i }}{% endfor %}", "15 iterations"},
		{"{{ 'abc' | slice: 99999999999999999999 }}", "too big"},
		{"{{ 1.5 | round: 99999999999 }}", "too big"},
	} {
		if _, err := e.Render(tt.tpl, vars); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one saying %q", tt.tpl, err, tt.want)
		}
	}
}

// Rounding to a count of digits far past the number's own never builds
// 10^count (a count of a billion took the process's memory).
func TestRoundToHugeCountsIsImmediate(t *testing.T) {
	e := New(fixedNow)
	for tpl, want := range map[string]string{
		"{{ 1.25 | round: 1000000000 }}":    "1.25",
		"{{ 1234 | round: -1000000000 }}":   "0",
		"{{ 1234.5 | round: -1000000000 }}": "0",
		"{{ 1.25 | round: 1 }}":             "1.3",
	} {
		if got := renderOK(t, e, tpl, nil); got != want {
			t.Errorf("%s = %q, want %q", tpl, got, want)
		}
	}
}

// The integers a render reads and builds stop at MaxIntegerDigits: reading
// a run of digits takes time growing as its square.
func TestIntegersStopAtTheBudget(t *testing.T) {
	e := New(fixedNow)
	long := "1" + strings.Repeat("0", MaxIntegerDigits) // one digit too many
	vars := map[string]any{"long": long, "max": strings.Repeat("9", MaxIntegerDigits)}
	if got := renderOK(t, e, "{{ max | plus: 0 | size }}", vars); got != "416" { // 1000 digits take 416 bytes
		t.Errorf("1000 digits: size %s", got)
	}
	vars["decimal"] = "0." + long
	for _, tpl := range []string{"{{ long | plus: 0 }}", "{{ max | plus: 1 }}", "{{ max | times: max }}", "{{ long | abs }}", "{{ decimal | round: 2 }}"} {
		_, err := e.Render(tpl, vars)
		if !errors.Is(err, ErrIntegerTooLarge) || !IsBudgetError(err) {
			t.Errorf("%s: %v, want ErrIntegerTooLarge, a budget error", tpl, err)
		}
	}
	// A JSON number past the budget keeps its text, as 1e400 does.
	v, err := DecodeJSON([]byte(`[` + long + `, 1e400]`))
	if err != nil {
		t.Fatal(err)
	}
	if list := v.([]any); list[0] != long || list[1] != "1e400" {
		t.Errorf("DecodeJSON = %#v", v)
	}
}

func TestParseInteger(t *testing.T) {
	for lit, want := range map[string]any{
		"0": 0, "-5": -5, "9223372036854775807": math.MaxInt, "-9223372036854775808": math.MinInt,
	} {
		if got, ok := ParseInteger(lit); !ok || got != want {
			t.Errorf("ParseInteger(%s) = %#v, %v", lit, got, ok)
		}
	}
	if got, ok := ParseInteger("-9223372036854775809"); !ok || got.(*big.Int).String() != "-9223372036854775809" {
		t.Errorf("past int64: %#v, %v", got, ok)
	}
	for _, lit := range []string{"", "-", "1.0", "1e3", "+1", " 1", "0x10", "1" + strings.Repeat("0", MaxIntegerDigits)} {
		if got, ok := ParseInteger(lit); ok {
			t.Errorf("ParseInteger(%.20q) = %#v", lit, got)
		}
	}
	// Normalize keeps the rule: an int when it fits, a *big.Int past it.
	if got := Normalize(big.NewInt(7)); got != 7 {
		t.Errorf("Normalize(big 7) = %#v", got)
	}
	if got, ok := Normalize(uint64(math.MaxUint64)).(*big.Int); !ok || got.String() != "18446744073709551615" {
		t.Errorf("Normalize(MaxUint64) = %#v (it wrapped to -1)", Normalize(uint64(math.MaxUint64)))
	}
}

func mustGet(t *testing.T, v any, key string) any {
	t.Helper()
	m, ok := AsMap(v)
	if !ok {
		t.Fatalf("%#v is not an object", v)
	}
	return m[key]
}

// A Go map's first member, a *big.Int, prints as its digits.
func TestBigIntegerInsideLazyValues(t *testing.T) {
	e := New(fixedNow)
	vars := map[string]any{"m": map[string]any{"k": new(big.Int).SetUint64(math.MaxUint64)}, "l": []any{new(big.Int).SetUint64(math.MaxUint64)}}
	for tpl, want := range map[string]string{
		"{{ m.first }}": "k18446744073709551615", "{{ m | to_json }}": `{"k":18446744073709551615}`,
		"{% for x in l %}{{ x | plus: 1 }}{% endfor %}": "18446744073709551616", "{{ l.first }}": "18446744073709551615",
	} {
		if got := renderOK(t, e, tpl, vars); got != want {
			t.Errorf("%s = %q, want %q", tpl, got, want)
		}
	}
}
