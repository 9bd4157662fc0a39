package liquid

import (
	"fmt"
	"math"
	"math/big"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/osteele/liquid/values"
)

// This file holds Ruby's view of values, which Studio's Liquid inherits:
// how a value prints, compares and reads as a number.

// outputString is what {{ v }} prints: nil as nothing, arrays joined
// (nested arrays flattened), everything else as Ruby's to_s.
func outputString(v any) string {
	var b strings.Builder
	writeOutput(&b, v)
	return b.String()
}

// Writing stops once the text passes MaxValueBytes: no value that long can
// be printed or kept, and the caller's cap then refuses it.
func writeOutput(b *strings.Builder, v any) {
	switch t := v.(type) {
	case []any:
		for _, e := range t {
			if b.Len() > MaxValueBytes {
				return
			}
			writeOutput(b, e)
		}
	case lazyList, lazyMap: // inside a value built from a lookup ("first" of an object)
		writeOutput(b, Normalize(t))
	case values.Range:
		if t.Len() > 0 {
			b.WriteString(fmt.Sprint(t.Index(0)) + ".." + fmt.Sprint(t.Index(t.Len()-1)))
		}
	default:
		b.WriteString(toS(v))
	}
}

// toS is Ruby's to_s: nil is "", floats keep ".0", arrays and hashes use
// their inspect form.
func toS(v any) string {
	switch t := v.(type) {
	case nil:
		return ""
	case string:
		return t
	case bool:
		return strconv.FormatBool(t)
	case int:
		return strconv.Itoa(t)
	case float64:
		return formatFloat(t)
	case []any, *Object:
		return inspect(t)
	case values.Range:
		return outputString(t)
	case values.SafeValue:
		return toS(t.Value)
	}
	n, _ := normalize(v)
	if n != v && n != nil {
		return toS(n)
	}
	return toStringFallback(v)
}

func toStringFallback(v any) string {
	if t, ok := v.(time.Time); ok {
		return t.Format("2006-01-02 15:04:05 -0700")
	}
	return fmt.Sprint(v)
}

// formatFloat is Ruby's Float#to_s: 20.0, 0.1, 1.0e+20, 1.0e-05.
func formatFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	abs := math.Abs(f)
	if abs >= 1e16 || (abs < 1e-4 && abs != 0) {
		s := strconv.FormatFloat(f, 'e', -1, 64)
		mant, exp, _ := strings.Cut(s, "e")
		if !strings.Contains(mant, ".") {
			mant += ".0"
		}
		return mant + "e" + exp
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// inspect is Ruby's inspect, used when arrays and hashes turn into text.
func inspect(v any) string {
	var b strings.Builder
	writeInspect(&b, v)
	return b.String()
}

func writeInspect(b *strings.Builder, v any) {
	switch t := v.(type) {
	case nil:
		b.WriteString("nil")
	case string:
		b.WriteString(strconv.Quote(t))
	case []any:
		b.WriteByte('[')
		for i, e := range t {
			if b.Len() > MaxValueBytes {
				return
			}
			if i > 0 {
				b.WriteString(", ")
			}
			writeInspect(b, e)
		}
		b.WriteByte(']')
	case *Object:
		b.WriteByte('{')
		for i, k := range t.keys {
			if b.Len() > MaxValueBytes {
				return
			}
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(strconv.Quote(k))
			b.WriteString("=>")
			writeInspect(b, t.m[k])
		}
		b.WriteByte('}')
	default:
		b.WriteString(toS(v))
	}
}

// truthy: only nil and false are false in Liquid.
func truthy(v any) bool {
	return v != nil && v != false
}

// isEmpty is Ruby's empty? for the values that have it.
func isEmpty(v any) (empty, has bool) {
	switch t := v.(type) {
	case string:
		return t == "", true
	case []any:
		return len(t) == 0, true
	case *Object:
		return t.Len() == 0, true
	case values.Range:
		return t.Len() <= 0, true
	}
	return false, false
}

// isBlank is Liquid's blank?: nil, false, and empty strings, arrays and hashes.
func isBlank(v any) bool {
	if v == nil || v == false {
		return true
	}
	if e, ok := isEmpty(v); ok {
		return e
	}
	return false
}

// rubyEqual is Ruby's ==: numbers compare by value across int and float,
// arrays and hashes compare member by member.
func rubyEqual(a, b any) bool {
	a, b = Normalize(a), Normalize(b)
	if r, ok := a.(values.Range); ok {
		a = r.AsArray()
	}
	if r, ok := b.(values.Range); ok {
		b = r.AsArray()
	}
	switch x := a.(type) {
	case nil:
		return b == nil
	case int:
		switch y := b.(type) {
		case int:
			return x == y
		case float64:
			return float64(x) == y
		}
		return false
	case float64:
		switch y := b.(type) {
		case int:
			return x == float64(y)
		case float64:
			return x == y
		}
		return false
	case string:
		y, ok := b.(string)
		return ok && x == y
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !rubyEqual(x[i], y[i]) {
				return false
			}
		}
		return true
	case *Object:
		y, ok := b.(*Object)
		if !ok || x.Len() != y.Len() {
			return false
		}
		for _, k := range x.keys {
			yv, has := y.m[k]
			if !has || !rubyEqual(x.m[k], yv) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(a, b)
}

// number is a Liquid number: an int, or an exact decimal standing for a
// Ruby Float or BigDecimal (Liquid's arithmetic filters work in BigDecimal,
// so 19.99 times 100 is 1999.0, not 1998.9999999999998).
type number struct {
	isInt bool
	i     int
	r     *big.Rat
}

func intNumber(i int) number { return number{isInt: true, i: i} }

func floatNumber(f float64) number {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return number{r: nil, i: 0}
	}
	r, ok := new(big.Rat).SetString(strconv.FormatFloat(f, 'g', -1, 64))
	if !ok {
		r = new(big.Rat)
	}
	return number{r: r}
}

func (n number) rat() *big.Rat {
	if n.isInt {
		return new(big.Rat).SetInt64(int64(n.i))
	}
	if n.r == nil {
		return new(big.Rat)
	}
	return n.r
}

// value is the number as a Liquid value: int, or float64.
func (n number) value() any {
	if n.isInt {
		return n.i
	}
	f, _ := n.rat().Float64()
	return f
}

// toNumber is Liquid's Utils.to_number: numbers as they are, strings that
// look like decimals as decimals, other strings by their leading integer
// ("1 " is 1, "two" is 0), anything else 0.
func toNumber(v any) number {
	switch t := Normalize(v).(type) {
	case int:
		return intNumber(t)
	case float64:
		return floatNumber(t)
	case string:
		s := strings.TrimSpace(t)
		if isDecimal(s) {
			if r, ok := new(big.Rat).SetString(s); ok {
				return number{r: r}
			}
		}
		return intNumber(leadingInt(t))
	}
	return intNumber(0)
}

// isDecimal matches Ruby Liquid's /\A-?\d+\.\d+\z/.
func isDecimal(s string) bool {
	s = strings.TrimPrefix(s, "-")
	whole, frac, ok := strings.Cut(s, ".")
	return ok && allDigits(whole) && allDigits(frac)
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// leadingInt is Ruby's String#to_i: optional blanks, a sign, digits
// (underscores between digits allowed); 0 when there are none.
func leadingInt(s string) int {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '_' && i > 0 && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' {
			continue
		}
		if c < '0' || c > '9' {
			break
		}
		if n > (math.MaxInt-9)/10 {
			break
		}
		n = n*10 + int(c-'0')
	}
	if neg {
		return -n
	}
	return n
}

// strictInteger is Liquid's Utils.to_integer for filter arguments: an
// integer, or a string holding one; anything else (nil, 2.5) is an error.
func strictInteger(v any) (int, error) {
	switch t := Normalize(v).(type) {
	case int:
		return t, nil
	case string:
		if i, err := strconv.Atoi(strings.TrimSpace(t)); err == nil {
			return i, nil
		}
	}
	return 0, fmt.Errorf("invalid integer %s", inspect(Normalize(v)))
}

// toInteger is Liquid's Utils.to_integer, used for loop limits, offsets,
// ranges and filter arguments: numbers truncated, strings by their integer
// value; ok is false for what Ruby would refuse.
func toInteger(v any) (int, bool) {
	switch t := Normalize(v).(type) {
	case int:
		return t, true
	case float64:
		if math.IsNaN(t) || math.IsInf(t, 0) {
			return 0, false
		}
		return int(t), true
	case string:
		s := strings.TrimSpace(t)
		if i, err := strconv.Atoi(s); err == nil {
			return i, true
		}
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return int(f), true
		}
		return leadingInt(t), false
	case nil:
		return 0, true
	}
	return 0, false
}
