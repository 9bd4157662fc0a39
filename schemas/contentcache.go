package schemas

import (
	"hash/maphash"
	"math/bits"
	"slices"

	"github.com/studioflow/studioflow/internal/memo"
	"github.com/studioflow/studioflow/model"
)

// contentCache remembers the content rules' diagnostics for a widget by a
// hash of its JSON (the parser's hash of its text while it is unchanged
// since parsing, see model.State.ContentKey). Between two keystrokes all widgets but one are
// unchanged, and the JSON Schema layer is the costly part of validation.
//
// The hash is 64 bits over the widget's full JSON (key order and number
// literals included): maphash of every string and key, folded in order with
// a tag per kind; with the cache bounded to contentCacheLimit entries, a
// collision is about as likely as 1 in 10^11 per lookup.
type contentCache struct {
	seed maphash.Seed
	// Most widgets have no finding: their keys alone are remembered, in a
	// set of keys (keyset.go), so remembering a whole flow's first
	// validation costs little.
	clean *keySet
	found *memo.Map[uint64, []Diagnostic]
}

const contentCacheLimit = 4 * MaxWidgets

func newContentCache() *contentCache {
	return &contentCache{seed: maphash.MakeSeed(),
		clean: newKeySet(contentCacheLimit),
		found: memo.New[uint64, []Diagnostic](contentCacheLimit)}
}

// empty reports whether nothing is remembered (a first validation).
func (c *contentCache) empty() bool { return c.clean.Len() == 0 && c.found.Len() == 0 }

// findings returns compute(s), from the cache when the widget's JSON was
// seen before. The returned slice must not be modified.
func (c *contentCache) findings(s *model.State, compute func(*model.State) []Diagnostic) []Diagnostic {
	key := c.key(s)
	if c.clean.Has(key) {
		return nil
	}
	if diags, ok := c.found.Get(key); ok {
		return diags
	}
	diags := slices.Clip(compute(s))
	c.put(key, diags)
	return diags
}

func (c *contentCache) put(key uint64, diags []Diagnostic) {
	if len(diags) == 0 {
		c.clean.AddAll(key)
	} else {
		c.found.Put(key, diags)
	}
}

// getAll looks every key up: values[i] and found[i] answer keys[i]
// (values and found at least as long as keys). The clean keys are looked
// up under one lock; the few others one by one.
func (c *contentCache) getAll(keys []uint64, values [][]Diagnostic, found []bool) {
	c.clean.HasAll(keys, found)
	for i, ok := range found[:len(keys)] {
		values[i] = nil
		if !ok {
			values[i], found[i] = c.found.Get(keys[i])
		}
	}
}

// putAll remembers values[i] for each keys[i], the clean ones under one
// lock; it returns clean, scratch memory for their keys, for reuse.
func (c *contentCache) putAll(keys []uint64, values [][]Diagnostic, clean []uint64) []uint64 {
	clean = clean[:0]
	for i, d := range values {
		if len(d) == 0 {
			clean = append(clean, keys[i])
		} else {
			c.found.Put(keys[i], d)
		}
	}
	if len(clean) > 0 {
		c.clean.AddAll(clean...)
	}
	return clean
}

// key is the widget's content key. A widget unchanged since it was parsed
// has a key of its text already: no need to walk it (the first validation
// of a flow just opened).
func (c *contentCache) key(s *model.State) uint64 {
	if key, parsed := s.ContentKey(); parsed {
		return key
	}
	return hashValue(c.seed, 0x9e3779b97f4a7c15, s.Raw())
}

// mix folds x into the running hash h. Each step is a bijection of h for a
// given x and of x for a given h, so two values differing anywhere keep
// differing hashes (but for chance); strings enter as maphash's 64 bits.
func mix(h, x uint64) uint64 {
	h = (h ^ x) * 0xff51afd7ed558ccd
	return bits.RotateLeft64(h, 29) * 0xc4ceb9fe1a85ec53
}

// hashValue folds a model value into h unambiguously: a tag per kind, and a
// length before every container (strings hash with their length).
func hashValue(seed maphash.Seed, h uint64, v any) uint64 {
	switch t := v.(type) {
	case nil:
		return mix(h, 'n')
	case bool:
		if t {
			return mix(h, 't')
		}
		return mix(h, 'f')
	case string:
		return mix(mix(h, 's'), maphash.String(seed, t))
	case interface{ String() string }:
		// json.Number: keep its literal text, so 60 and 60.0 differ.
		return mix(mix(h, '#'), maphash.String(seed, t.String()))
	case []any:
		h = mix(h, '['<<32|uint64(len(t)))
		for _, e := range t {
			h = hashValue(seed, h, e)
		}
		return h
	case *model.Object:
		h = mix(h, '{'<<32|uint64(t.Len()))
		for i := 0; i < t.Len(); i++ {
			m := t.MemberAt(i)
			h = mix(h, maphash.String(seed, m.Key))
			h = hashValue(seed, h, m.Value)
		}
		return h
	}
	return mix(h, '?')
}
