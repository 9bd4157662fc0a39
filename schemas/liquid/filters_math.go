package liquid

import (
	"errors"
	"fmt"
	"math"
	"math/big"
)

// Liquid's arithmetic reads both sides with to_number; whole numbers stay
// whole, of any size (Ruby's Integer: 9223372036854775807 plus 1 is
// 9223372036854775808, never a wrapped negative), anything with a decimal
// is worked exactly (Ruby's BigDecimal) and printed as a float.

func arith(in, operand any, op func(a, b number) (number, error)) (any, error) {
	a, err := toNumber(in)
	if err != nil {
		return nil, err
	}
	b, err := toNumber(operand)
	if err != nil {
		return nil, err
	}
	n, err := op(a, b)
	if err != nil {
		return nil, err
	}
	return n.value(), nil
}

// small reports whether both are integers held in an int.
func small(a, b number) bool {
	return a.isInt && b.isInt && a.b == nil && b.b == nil
}

func addNumbers(a, b number) (number, error) {
	if small(a, b) {
		if s := a.i + b.i; (s > a.i) == (b.i > 0) { // no overflow
			return intNumber(s), nil
		}
	}
	if a.isInt && b.isInt {
		return integerNumber(new(big.Int).Add(a.bigInt(), b.bigInt()))
	}
	return number{r: new(big.Rat).Add(a.rat(), b.rat())}, nil
}

func fPlus(_ *renderState, in any, args []any, _ map[string]any) (any, error) {
	return arith(in, args[0], addNumbers)
}

func fMinus(_ *renderState, in any, args []any, _ map[string]any) (any, error) {
	return arith(in, args[0], func(a, b number) (number, error) {
		if small(a, b) {
			if s := a.i - b.i; (s < a.i) == (b.i > 0) { // no overflow
				return intNumber(s), nil
			}
		}
		if a.isInt && b.isInt {
			return integerNumber(new(big.Int).Sub(a.bigInt(), b.bigInt()))
		}
		return number{r: new(big.Rat).Sub(a.rat(), b.rat())}, nil
	})
}

func fTimes(_ *renderState, in any, args []any, _ map[string]any) (any, error) {
	return arith(in, args[0], func(a, b number) (number, error) {
		if small(a, b) {
			p := a.i * b.i
			if a.i == 0 || (p/a.i == b.i && !(a.i == -1 && b.i == math.MinInt)) { // no overflow
				return intNumber(p), nil
			}
		}
		if a.isInt && b.isInt {
			return integerNumber(new(big.Int).Mul(a.bigInt(), b.bigInt()))
		}
		return number{r: new(big.Rat).Mul(a.rat(), b.rat())}, nil
	})
}

var errDivideByZero = errors.New("divided by 0")

// fDividedBy divides; two whole numbers give a whole number rounded down,
// as in Ruby.
func fDividedBy(_ *renderState, in any, args []any, _ map[string]any) (any, error) {
	return arith(in, args[0], func(a, b number) (number, error) {
		if b.rat().Sign() == 0 {
			return number{}, errDivideByZero
		}
		if small(a, b) && !(a.i == math.MinInt && b.i == -1) {
			return intNumber(floorDiv(a.i, b.i)), nil
		}
		if a.isInt && b.isInt {
			return integerNumber(floorDivBig(a.bigInt(), b.bigInt()))
		}
		return number{r: new(big.Rat).Quo(a.rat(), b.rat())}, nil
	})
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// floorDivBig is floorDiv for integers of any size.
func floorDivBig(a, b *big.Int) *big.Int {
	q, m := new(big.Int).QuoRem(a, b, new(big.Int))
	if m.Sign() != 0 && (m.Sign() < 0) != (b.Sign() < 0) {
		q.Sub(q, big.NewInt(1))
	}
	return q
}

// fModulo is Ruby's %: the result takes the divisor's sign.
func fModulo(_ *renderState, in any, args []any, _ map[string]any) (any, error) {
	return arith(in, args[0], func(a, b number) (number, error) {
		if b.rat().Sign() == 0 {
			return number{}, errDivideByZero
		}
		if small(a, b) && !(a.i == math.MinInt && b.i == -1) {
			return intNumber(a.i - b.i*floorDiv(a.i, b.i)), nil
		}
		if a.isInt && b.isInt {
			x, y := a.bigInt(), b.bigInt()
			q := floorDivBig(x, y)
			return integerNumber(q.Sub(x, q.Mul(q, y)))
		}
		q := new(big.Rat).Quo(a.rat(), b.rat())
		fl := floorRat(q)
		return number{r: new(big.Rat).Sub(a.rat(), new(big.Rat).Mul(b.rat(), new(big.Rat).SetInt(fl)))}, nil
	})
}

func floorRat(r *big.Rat) *big.Int {
	q, m := new(big.Int).DivMod(r.Num(), r.Denom(), new(big.Int))
	_ = m // Euclidean division: with a positive denominator this is the floor
	return q
}

func ceilRat(r *big.Rat) *big.Int {
	f := floorRat(r)
	if new(big.Rat).SetInt(f).Cmp(r) != 0 {
		f.Add(f, big.NewInt(1))
	}
	return f
}

// integerValue is a whole number a filter made, as a Liquid value.
func integerValue(b *big.Int) (any, error) {
	n, err := integerNumber(b)
	if err != nil {
		return nil, err
	}
	return n.value(), nil
}

func fAbs(_ *renderState, in any, _ []any, _ map[string]any) (any, error) {
	n, err := toNumber(in)
	if err != nil {
		return nil, err
	}
	switch {
	case n.isInt && n.b == nil && n.i != math.MinInt:
		if n.i < 0 {
			return -n.i, nil
		}
		return n.i, nil
	case n.isInt:
		return integerValue(new(big.Int).Abs(n.bigInt()))
	}
	return number{r: new(big.Rat).Abs(n.rat())}.value(), nil
}

func fCeil(_ *renderState, in any, _ []any, _ map[string]any) (any, error) {
	n, err := toNumber(in)
	if err != nil || n.isInt {
		return n.value(), err
	}
	return integerValue(ceilRat(n.rat()))
}

func fFloor(_ *renderState, in any, _ []any, _ map[string]any) (any, error) {
	n, err := toNumber(in)
	if err != nil || n.isInt {
		return n.value(), err
	}
	return integerValue(floorRat(n.rat()))
}

// fRound rounds half away from zero to a number of decimals (0 by default,
// giving a whole number; so does a negative count, as Ruby's BigDecimal
// and Integer round give).
func fRound(_ *renderState, in any, args []any, _ map[string]any) (any, error) {
	digits := 0
	if len(args) > 0 {
		d, err := toNumber(args[0])
		if err != nil {
			return nil, err
		}
		var count *big.Int
		if d.isInt {
			count = d.bigInt()
		} else {
			count = floorRat(d.rat())
		}
		// Ruby reads the count as a C int.
		if !count.IsInt64() || count.Int64() > math.MaxInt32 || count.Int64() < math.MinInt32 {
			return nil, fmt.Errorf("integer %s too big to convert to 'int'", count)
		}
		digits = int(count.Int64())
	}
	n, err := toNumber(in)
	if err != nil {
		return nil, err
	}
	if n.isInt && digits >= 0 {
		return n.value(), nil
	}
	x := n.rat()
	switch {
	case digits > 0 && digits >= x.Denom().BitLen():
		// No more decimals than that (a denominator 2^a·5^b has at most
		// max(a, b) of them): nothing to round, and no 10^digits to make.
		return n.value(), nil
	case digits < 0 && -digits > x.Num().BitLen()+1:
		return 0, nil // |x| < 2^bits ≤ 10^bits, less than half of 10^-digits
	}
	scale := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(abs(digits))), nil))
	x = new(big.Rat).Set(x)
	if digits >= 0 {
		x.Mul(x, scale)
	} else {
		x.Quo(x, scale)
	}
	half := big.NewRat(1, 2)
	var rounded *big.Int
	if x.Sign() >= 0 {
		rounded = floorRat(new(big.Rat).Add(x, half))
	} else {
		rounded = new(big.Int).Neg(floorRat(new(big.Rat).Add(new(big.Rat).Neg(x), half)))
	}
	res := new(big.Rat).SetInt(rounded)
	if digits >= 0 {
		res.Quo(res, scale)
	} else {
		res.Mul(res, scale)
	}
	if digits <= 0 {
		return integerValue(floorRat(res))
	}
	return number{r: res}.value(), nil
}

func abs(i int) int {
	if i < 0 {
		return -i
	}
	return i
}

func fAtLeast(_ *renderState, in any, args []any, _ map[string]any) (any, error) {
	return arith(in, args[0], func(a, b number) (number, error) {
		if a.rat().Cmp(b.rat()) >= 0 {
			return a, nil
		}
		return b, nil
	})
}

func fAtMost(_ *renderState, in any, args []any, _ map[string]any) (any, error) {
	return arith(in, args[0], func(a, b number) (number, error) {
		if a.rat().Cmp(b.rat()) <= 0 {
			return a, nil
		}
		return b, nil
	})
}
