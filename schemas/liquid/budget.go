package liquid

import (
	"errors"
	"fmt"
	"math/big"
	"strings"
	"unsafe"
)

// Studio's documented caps, and the budget every render works within so
// that no template can take a process's time or memory: loops multiply
// (eight nested loops of 15 are 2.6 billion iterations) and a value can
// double on every assign without printing anything.
const (
	// MaxOutputBytes is Studio's cap on one rendered template (16 KB).
	MaxOutputBytes = 16 * 1024
	// MaxLoopIterations is Studio's cap on the iterations of one for or tablerow loop.
	MaxLoopIterations = 15
	// MaxRenderIterations bounds the iterations of all loops of one render
	// together, nested loops included: three nested loops of 15 fit
	// (3,375), four do not (50,625).
	MaxRenderIterations = 10000
	// MaxValueBytes bounds any one value a render builds (a filter's
	// result, a capture).
	MaxValueBytes = 1 << 20
	// MaxBuiltBytes bounds the bytes of all values one render builds.
	MaxBuiltBytes = 32 << 20
)

// ErrOutputTooLarge is wrapped by a TemplateError when output passes MaxOutputBytes.
var ErrOutputTooLarge = errors.New("rendered output is larger than Studio's 16 KB (16384 bytes) limit")

// ErrTooManyIterations is wrapped by a TemplateError when a loop passes MaxLoopIterations.
var ErrTooManyIterations = errors.New("loop ran more than Studio's 15 iterations")

// ErrRenderTooLong is wrapped by a TemplateError when the loops of one
// render together pass MaxRenderIterations.
var ErrRenderTooLong = fmt.Errorf("the template's loops ran more than %d iterations in all (nested loops multiply); it cannot finish within the render budget", MaxRenderIterations)

// ErrValueTooLarge is wrapped by a TemplateError when a value the template
// builds passes MaxValueBytes.
var ErrValueTooLarge = fmt.Errorf("a value the template builds grew past %d bytes (1 MiB), the render's memory budget", MaxValueBytes)

// ErrRenderTooBig is wrapped by a TemplateError when the values one render
// builds pass MaxBuiltBytes together.
var ErrRenderTooBig = fmt.Errorf("the template built more than %d bytes (32 MiB) of values in all, the render's memory budget", MaxBuiltBytes)

func isBudgetError(err error) bool {
	return errors.Is(err, ErrOutputTooLarge) || errors.Is(err, ErrTooManyIterations) ||
		errors.Is(err, ErrRenderTooLong) || errors.Is(err, ErrValueTooLarge) || errors.Is(err, ErrRenderTooBig) ||
		errors.Is(err, ErrIntegerTooLarge)
}

// writer collects output up to a limit and fails the write that would pass it.
type writer struct {
	b     strings.Builder
	limit int
	over  error
}

func (w *writer) WriteString(s string) error {
	if w.b.Len()+len(s) > w.limit {
		return w.over
	}
	w.b.WriteString(s)
	return nil
}

func (w *writer) String() string { return w.b.String() }

// newValueWriter is a writer for a value being built (capture, ifchanged).
func (r *renderState) newValueWriter() *writer {
	return &writer{limit: MaxValueBytes, over: ErrValueTooLarge}
}

// iterate counts one loop iteration: the index-th of its loop.
func (r *renderState) iterate(index, line int) error {
	if index > MaxLoopIterations {
		return &lineErr{line: line, err: ErrTooManyIterations}
	}
	r.iterations++
	if r.iterations > MaxRenderIterations {
		return &lineErr{line: line, err: ErrRenderTooLong}
	}
	return nil
}

// built counts a value the render made.
func (r *renderState) built(v any) error {
	n, ok := sizeOf(v, MaxValueBytes)
	if !ok {
		return ErrValueTooLarge
	}
	r.builtBytes += n
	if r.builtBytes > MaxBuiltBytes {
		return ErrRenderTooBig
	}
	return nil
}

// sizeOf estimates the bytes a value holds, stopping once past limit.
func sizeOf(v any, limit int) (int, bool) {
	switch t := v.(type) {
	case string:
		return len(t), len(t) <= limit
	case []any:
		n := 16 * len(t)
		if n > limit {
			return n, false
		}
		for _, e := range t {
			m, ok := sizeOf(e, limit-n)
			n += m
			if !ok || n > limit {
				return n, false
			}
		}
		return n, true
	case *Object:
		n := 32 * t.Len()
		if n > limit {
			return n, false
		}
		for _, k := range t.keys {
			m, ok := sizeOf(t.m[k], limit-n)
			n += m + len(k)
			if !ok || n > limit {
				return n, false
			}
		}
		return n, true
	case *big.Int:
		n := 8 + len(t.Bits())*8
		return n, n <= limit
	}
	return 8, limit >= 8
}

// sameValue reports whether a and b are the very same string or slice (a
// filter passing its input through builds nothing).
func sameValue(a, b any) bool {
	switch x := a.(type) {
	case string:
		y, ok := b.(string)
		return ok && len(x) == len(y) && (len(x) == 0 || unsafe.StringData(x) == unsafe.StringData(y))
	case []any:
		y, ok := b.([]any)
		return ok && len(x) == len(y) && (len(x) == 0 || &x[0] == &y[0])
	case *Object:
		y, ok := b.(*Object)
		return ok && x == y
	}
	return false
}
