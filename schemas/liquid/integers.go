package liquid

import (
	"cmp"
	"fmt"
	"math"
	"math/big"
	"strings"

	"github.com/osteele/liquid/values"
)

// Ruby's integers have no size limit, and neither do Studio's: an ID of 20
// digits in a request's Parameters or a response prints as written and
// takes plus: 1 exactly. Here a whole number is an int while it fits one,
// and a *big.Int past that (never both for one value: bigInteger keeps the
// rule). A *big.Int reaching this package is never modified; arithmetic
// makes new ones.

// MaxIntegerDigits bounds the integers a render reads or builds. Ruby has
// no bound, but reading a long run of digits takes time that grows as its
// square (a million digits take seconds), and Studio's 16 KB of output
// holds no integer much longer than this anyway. Past it, reading a JSON
// number keeps its text, and arithmetic is an error (ErrIntegerTooLarge).
const MaxIntegerDigits = 1000

// ErrIntegerTooLarge is wrapped by a TemplateError when an integer read or
// built passes MaxIntegerDigits (or a decimal read from text has more
// digits than that).
var ErrIntegerTooLarge = fmt.Errorf("a number of more than %d digits, past the render's budget", MaxIntegerDigits)

// integerLimit is 10^MaxIntegerDigits: the integers allowed are below it.
var integerLimit = new(big.Int).Exp(big.NewInt(10), big.NewInt(MaxIntegerDigits), nil)

var (
	minInt = big.NewInt(math.MinInt)
	maxInt = big.NewInt(math.MaxInt)
)

// bigInteger is b as a Liquid value: an int when it fits one, else b.
func bigInteger(b *big.Int) any {
	if b.Cmp(minInt) >= 0 && b.Cmp(maxInt) <= 0 {
		return int(b.Int64())
	}
	return b
}

// withinLimit reports whether b has at most MaxIntegerDigits digits.
func withinLimit(b *big.Int) bool {
	return b.CmpAbs(integerLimit) < 0
}

// ParseInteger reads a decimal integer literal (an optional '-' and
// digits, as JSON writes integers) as a Liquid value: an int when it fits,
// else a *big.Int. ok is false for anything else, and for an integer of
// more than MaxIntegerDigits digits.
func ParseInteger(lit string) (v any, ok bool) {
	digits := strings.TrimPrefix(lit, "-")
	if !allDigits(digits) || len(strings.TrimLeft(digits, "0")) > MaxIntegerDigits {
		return nil, false
	}
	b, ok := new(big.Int).SetString(lit, 10)
	if !ok {
		return nil, false
	}
	return bigInteger(b), true
}

// bigValue is a *big.Int as the library reads a value (the library would
// take the pointer for a struct and look at its fields).
type bigValue struct{ b *big.Int }

// valueOf wraps v for the library: a *big.Int as bigValue, anything else
// as the library wraps it.
func valueOf(v any) values.Value {
	if b, ok := v.(*big.Int); ok {
		return bigValue{b}
	}
	return values.ValueOf(v)
}

func (v bigValue) Interface() any { return v.b }
func (v bigValue) Int() int {
	panic(values.TypeError(fmt.Sprintf("the integer %s is too big for an index or a count", v.b)))
}
func (v bigValue) Equal(o values.Value) bool { return rubyEqual(v.b, o.Interface()) }
func (v bigValue) Less(o values.Value) bool {
	c, ok := order(v.b, Normalize(o.Interface()))
	return ok && c < 0
}
func (v bigValue) Contains(values.Value) bool           { return false }
func (v bigValue) IndexValue(values.Value) values.Value { return values.ValueOf(nil) }
func (v bigValue) PropertyValue(values.Value) values.Value {
	return values.ValueOf(nil)
}
func (v bigValue) Test() bool { return true }

// compareNumbers compares two numbers (int, *big.Int, float64) exactly, as
// Ruby compares an Integer with a Float: 9007199254740993 is more than
// 9007199254740992.0, which float64 arithmetic would call equal. ok is
// false when either is not a number, or is NaN.
func compareNumbers(a, b any) (int, bool) {
	if x, isInt := a.(int); isInt {
		if y, isInt := b.(int); isInt {
			return cmp.Compare(x, y), true
		}
	}
	x, ok := exactFloat(a)
	if !ok {
		return 0, false
	}
	y, ok := exactFloat(b)
	if !ok {
		return 0, false
	}
	return x.Cmp(y), true
}

// exactFloat is a number as a big.Float holding it exactly (infinities
// included).
func exactFloat(v any) (*big.Float, bool) {
	switch t := v.(type) {
	case int:
		return new(big.Float).SetInt64(int64(t)), true
	case *big.Int:
		return new(big.Float).SetInt(t), true
	case float64:
		if math.IsNaN(t) {
			return nil, false
		}
		return big.NewFloat(t), true
	}
	return nil, false
}

// bigBit is Ruby's Integer#[]: bit k of b in two's complement.
func bigBit(b *big.Int, k int) int {
	if b.Sign() >= 0 {
		return int(b.Bit(k))
	}
	m := new(big.Int).Neg(b)
	m.Sub(m, big.NewInt(1))
	return 1 - int(m.Bit(k))
}
