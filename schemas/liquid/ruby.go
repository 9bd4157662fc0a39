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
	case *big.Int:
		return t.String()
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

// rubyEqual is Ruby's ==: numbers compare by value across int and float
// (exactly: 9007199254740993 is not 9007199254740992.0), arrays and hashes
// compare member by member.
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
	case int, *big.Int, float64:
		c, ok := compareNumbers(x, b)
		return ok && c == 0
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

// number is a Liquid number: an integer of any size (an int, or a
// *big.Int past an int), or an exact decimal standing for a Ruby Float or
// BigDecimal (Liquid's arithmetic filters work in BigDecimal, so 19.99
// times 100 is 1999.0, not 1998.9999999999998).
type number struct {
	isInt bool
	i     int
	b     *big.Int // the integer instead of i when it does not fit an int
	r     *big.Rat
}

func intNumber(i int) number { return number{isInt: true, i: i} }

// integerNumber is b as a number; past MaxIntegerDigits it is an error.
func integerNumber(b *big.Int) (number, error) {
	if !withinLimit(b) {
		return number{}, ErrIntegerTooLarge
	}
	if i, ok := bigInteger(b).(int); ok {
		return intNumber(i), nil
	}
	return number{isInt: true, b: b}, nil
}

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

// bigInt is an integer number as a *big.Int (a new one for an int).
func (n number) bigInt() *big.Int {
	if n.b != nil {
		return n.b
	}
	return big.NewInt(int64(n.i))
}

func (n number) rat() *big.Rat {
	if n.isInt {
		if n.b != nil {
			return new(big.Rat).SetInt(n.b)
		}
		return new(big.Rat).SetInt64(int64(n.i))
	}
	if n.r == nil {
		return new(big.Rat)
	}
	return n.r
}

// value is the number as a Liquid value: int, *big.Int, or float64.
func (n number) value() any {
	if n.isInt {
		if n.b != nil {
			return n.b
		}
		return n.i
	}
	f, _ := n.rat().Float64()
	return f
}

// toNumber is Liquid's Utils.to_number: numbers as they are, strings that
// look like decimals as decimals, other strings by their leading integer
// ("1 " is 1, "two" is 0, "12345678901234567890" that integer exactly),
// anything else 0. The only error is a number past MaxIntegerDigits.
func toNumber(v any) (number, error) {
	switch t := Normalize(v).(type) {
	case int:
		return intNumber(t), nil
	case *big.Int:
		return integerNumber(t)
	case float64:
		return floatNumber(t), nil
	case string:
		s := strings.TrimSpace(t)
		if isDecimal(s) {
			if len(s) > MaxIntegerDigits+2 { // a sign, a point and the digits
				return number{}, ErrIntegerTooLarge
			}
			if r, ok := new(big.Rat).SetString(s); ok {
				return number{r: r}, nil
			}
		}
		return leadingInteger(t)
	}
	return intNumber(0), nil
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

// leadingDigits reads what Ruby's String#to_i reads: optional blanks, a
// sign, digits (underscores between digits allowed). It returns the sign
// and the digits without underscores or leading zeros.
func leadingDigits(s string) (neg bool, digits string) {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	end := 0
	underscores := false
	for end < len(s) {
		c := s[end]
		if c == '_' && end > 0 && end+1 < len(s) && s[end+1] >= '0' && s[end+1] <= '9' {
			underscores = true
			end++
			continue
		}
		if c < '0' || c > '9' {
			break
		}
		end++
	}
	digits = s[:end]
	if underscores {
		digits = strings.ReplaceAll(digits, "_", "")
	}
	return neg, strings.TrimLeft(digits, "0")
}

// leadingInteger is Ruby's String#to_i as a number, of any size up to
// MaxIntegerDigits; 0 when there are no digits.
func leadingInteger(s string) (number, error) {
	neg, digits := leadingDigits(s)
	if len(digits) > MaxIntegerDigits {
		return number{}, ErrIntegerTooLarge
	}
	if len(digits) <= 18 { // fits an int64 whatever the digits
		n := 0
		for i := 0; i < len(digits); i++ {
			n = n*10 + int(digits[i]-'0')
		}
		if neg {
			n = -n
		}
		return intNumber(n), nil
	}
	b, _ := new(big.Int).SetString(digits, 10)
	if neg {
		b.Neg(b)
	}
	return integerNumber(b)
}

// leadingInt is Ruby's String#to_i as a count: an integer past an int
// stops at the largest (or smallest) int.
func leadingInt(s string) int {
	neg, digits := leadingDigits(s)
	n := 0
	for i := 0; i < len(digits); i++ {
		if n > (math.MaxInt-9)/10 {
			n = math.MaxInt
			break
		}
		n = n*10 + int(digits[i]-'0')
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
	case *big.Int:
		return 0, fmt.Errorf("integer %s too big to convert to an index or a count", t)
	case string:
		s := strings.TrimSpace(t)
		if i, err := strconv.Atoi(s); err == nil {
			return i, nil
		}
		if _, ok := ParseInteger(s); ok {
			return 0, fmt.Errorf("integer %s too big to convert to an index or a count", s)
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
	case *big.Int:
		return saturatedInt(t.Sign()), true
	case float64:
		return floatToInt(t)
	case string:
		s := strings.TrimSpace(t)
		if i, err := strconv.Atoi(s); err == nil {
			return i, true
		}
		if allDigits(strings.TrimPrefix(s, "-")) { // past an int: Atoi failed
			if strings.HasPrefix(s, "-") {
				return math.MinInt, true
			}
			return math.MaxInt, true
		}
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return floatToInt(f)
		}
		return leadingInt(t), false
	case nil:
		return 0, true
	}
	return 0, false
}

// saturatedInt is the int farthest from 0 on the side of sign: where a
// count or a bound past an int stops (a loop stops long before).
func saturatedInt(sign int) int {
	if sign < 0 {
		return math.MinInt
	}
	return math.MaxInt
}

// floatToInt truncates f to an int, stopping at the largest or smallest
// int (Go's conversion of a float past an int is undefined); NaN and the
// infinities are not integers.
func floatToInt(f float64) (int, bool) {
	switch {
	case math.IsNaN(f) || math.IsInf(f, 0):
		return 0, false
	case f >= math.MaxInt:
		return math.MaxInt, true
	case f <= math.MinInt:
		return math.MinInt, true
	}
	return int(f), true
}
