package liquid

import (
	"errors"
	"math/big"
)

// Liquid's arithmetic reads both sides with to_number; whole numbers stay
// whole, anything with a decimal is worked exactly (Ruby's BigDecimal) and
// printed as a float.

func arith(in, operand any, op func(a, b number) (number, error)) (any, error) {
	n, err := op(toNumber(in), toNumber(operand))
	if err != nil {
		return nil, err
	}
	return n.value(), nil
}

func fPlus(_ *renderState, in any, args []any, _ map[string]any) (any, error) {
	return arith(in, args[0], func(a, b number) (number, error) {
		if a.isInt && b.isInt {
			return intNumber(a.i + b.i), nil
		}
		return number{r: new(big.Rat).Add(a.rat(), b.rat())}, nil
	})
}

func fMinus(_ *renderState, in any, args []any, _ map[string]any) (any, error) {
	return arith(in, args[0], func(a, b number) (number, error) {
		if a.isInt && b.isInt {
			return intNumber(a.i - b.i), nil
		}
		return number{r: new(big.Rat).Sub(a.rat(), b.rat())}, nil
	})
}

func fTimes(_ *renderState, in any, args []any, _ map[string]any) (any, error) {
	return arith(in, args[0], func(a, b number) (number, error) {
		if a.isInt && b.isInt {
			return intNumber(a.i * b.i), nil
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
		if a.isInt && b.isInt {
			return intNumber(floorDiv(a.i, b.i)), nil
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

// fModulo is Ruby's %: the result takes the divisor's sign.
func fModulo(_ *renderState, in any, args []any, _ map[string]any) (any, error) {
	return arith(in, args[0], func(a, b number) (number, error) {
		if b.rat().Sign() == 0 {
			return number{}, errDivideByZero
		}
		if a.isInt && b.isInt {
			return intNumber(a.i - b.i*floorDiv(a.i, b.i)), nil
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

func fAbs(_ *renderState, in any, _ []any, _ map[string]any) (any, error) {
	n := toNumber(in)
	if n.isInt {
		if n.i < 0 {
			return -n.i, nil
		}
		return n.i, nil
	}
	return number{r: new(big.Rat).Abs(n.rat())}.value(), nil
}

func fCeil(_ *renderState, in any, _ []any, _ map[string]any) (any, error) {
	n := toNumber(in)
	if n.isInt {
		return n.i, nil
	}
	return int(ceilRat(n.rat()).Int64()), nil
}

func fFloor(_ *renderState, in any, _ []any, _ map[string]any) (any, error) {
	n := toNumber(in)
	if n.isInt {
		return n.i, nil
	}
	return int(floorRat(n.rat()).Int64()), nil
}

// fRound rounds half away from zero to a number of decimals (0 by default,
// giving a whole number).
func fRound(_ *renderState, in any, args []any, _ map[string]any) (any, error) {
	digits := 0
	if len(args) > 0 {
		d := toNumber(args[0])
		if d.isInt {
			digits = d.i
		} else {
			digits = int(floorRat(d.rat()).Int64())
		}
	}
	n := toNumber(in)
	if n.isInt && digits >= 0 {
		return n.i, nil
	}
	scale := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(abs(digits))), nil))
	x := new(big.Rat).Set(n.rat())
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
		return int(floorRat(res).Int64()), nil
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
	a, b := toNumber(in), toNumber(args[0])
	if a.rat().Cmp(b.rat()) >= 0 {
		return a.value(), nil
	}
	return b.value(), nil
}

func fAtMost(_ *renderState, in any, args []any, _ map[string]any) (any, error) {
	a, b := toNumber(in), toNumber(args[0])
	if a.rat().Cmp(b.rat()) <= 0 {
		return a.value(), nil
	}
	return b.value(), nil
}
