package prefstore

import (
	"errors"
	"fmt"
	"math"
	"slices"
)

// The typed getters and setters of fyne.Preferences. Values are kept as
// the file holds them (JSON): an int is a float64, a list of ints a
// []float64. A key holding a value of another type reads as missing.

// Bool returns key's boolean, false if none.
func (s *Store) Bool(key string) bool { return s.BoolWithFallback(key, false) }

// BoolWithFallback returns key's boolean, fallback if none.
func (s *Store) BoolWithFallback(key string, fallback bool) bool {
	return typed(s, key, fallback)
}

// SetBool remembers a boolean.
func (s *Store) SetBool(key string, value bool) { s.set(key, value) }

// BoolList returns key's list of booleans, an empty one if none.
func (s *Store) BoolList(key string) []bool { return s.BoolListWithFallback(key, []bool{}) }

// BoolListWithFallback returns key's list of booleans, fallback if none.
func (s *Store) BoolListWithFallback(key string, fallback []bool) []bool {
	return list(s, key, fallback)
}

// SetBoolList remembers a list of booleans.
func (s *Store) SetBoolList(key string, value []bool) { s.set(key, cloneList(value)) }

// Float returns key's number, 0 if none.
func (s *Store) Float(key string) float64 { return s.FloatWithFallback(key, 0) }

// FloatWithFallback returns key's number, fallback if none.
func (s *Store) FloatWithFallback(key string, fallback float64) float64 {
	return typed(s, key, fallback)
}

// SetFloat remembers a number; one JSON cannot hold (NaN, ±Inf) is
// reported and not remembered.
func (s *Store) SetFloat(key string, value float64) {
	if s.finite(key, value) {
		s.set(key, value)
	}
}

// FloatList returns key's list of numbers, an empty one if none.
func (s *Store) FloatList(key string) []float64 { return s.FloatListWithFallback(key, []float64{}) }

// FloatListWithFallback returns key's list of numbers, fallback if none.
func (s *Store) FloatListWithFallback(key string, fallback []float64) []float64 {
	return list(s, key, fallback)
}

// SetFloatList remembers a list of numbers (see SetFloat).
func (s *Store) SetFloatList(key string, value []float64) {
	if s.finite(key, value...) {
		s.set(key, cloneList(value))
	}
}

// Int returns key's integer, 0 if none.
func (s *Store) Int(key string) int { return s.IntWithFallback(key, 0) }

// IntWithFallback returns key's integer, fallback if none.
func (s *Store) IntWithFallback(key string, fallback int) int {
	return int(s.FloatWithFallback(key, float64(fallback)))
}

// SetInt remembers an integer.
func (s *Store) SetInt(key string, value int) { s.set(key, float64(value)) }

// IntList returns key's list of integers, an empty one if none.
func (s *Store) IntList(key string) []int { return s.IntListWithFallback(key, []int{}) }

// IntListWithFallback returns key's list of integers, fallback if none.
func (s *Store) IntListWithFallback(key string, fallback []int) []int {
	floats := s.FloatListWithFallback(key, nil)
	if floats == nil {
		return fallback
	}
	ints := make([]int, len(floats))
	for i, f := range floats {
		ints[i] = int(f)
	}
	return ints
}

// SetIntList remembers a list of integers.
func (s *Store) SetIntList(key string, value []int) {
	floats := make([]float64, len(value))
	for i, v := range value {
		floats[i] = float64(v)
	}
	s.set(key, floats)
}

// String returns key's string, "" if none.
func (s *Store) String(key string) string { return s.StringWithFallback(key, "") }

// StringWithFallback returns key's string, fallback if none.
func (s *Store) StringWithFallback(key, fallback string) string {
	return typed(s, key, fallback)
}

// SetString remembers a string.
func (s *Store) SetString(key string, value string) { s.set(key, value) }

// StringList returns key's list of strings, an empty one if none.
func (s *Store) StringList(key string) []string { return s.StringListWithFallback(key, []string{}) }

// StringListWithFallback returns key's list of strings, fallback if none.
func (s *Store) StringListWithFallback(key string, fallback []string) []string {
	return list(s, key, fallback)
}

// SetStringList remembers a list of strings.
func (s *Store) SetStringList(key string, value []string) { s.set(key, cloneList(value)) }

func typed[T any](s *Store, key string, fallback T) T {
	v, ok := s.get(key)
	if !ok {
		return fallback
	}
	if t, ok := v.(T); ok {
		return t
	}
	return fallback
}

// list returns a copy of key's list; an empty JSON list reads as an empty
// list of any type.
func list[T any](s *Store, key string, fallback []T) []T {
	v, ok := s.get(key)
	if !ok {
		return fallback
	}
	switch l := v.(type) {
	case []T:
		return slices.Clone(l)
	case []any:
		if len(l) == 0 {
			return []T{}
		}
	}
	return fallback
}

// cloneList copies a list given to a setter; nil becomes an empty list
// (which the file holds as [], not null).
func cloneList[T any](l []T) []T { return append([]T{}, l...) }

func (s *Store) finite(key string, values ...float64) bool {
	for _, v := range values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			s.mu.Lock()
			s.tell(fmt.Errorf("preference %s: %w", key, errNotFinite))
			s.mu.Unlock()
			return false
		}
	}
	return true
}

var errNotFinite = errors.New("a number that is not finite cannot be remembered")
