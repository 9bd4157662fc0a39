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
	seed    maphash.Seed
	entries *memo.Map[uint64, []Diagnostic]
}

const contentCacheLimit = 4 * MaxWidgets

func newContentCache() *contentCache {
	return &contentCache{seed: maphash.MakeSeed(), entries: memo.NewSized[uint64, []Diagnostic](contentCacheLimit, 2*MaxWidgets)}
}

// findings returns compute(s), from the cache when the widget's JSON was
// seen before. The returned slice must not be modified.
func (c *contentCache) findings(s *model.State, compute func(*model.State) []Diagnostic) []Diagnostic {
	key := c.key(s)
	if diags, ok := c.entries.Get(key); ok {
		return diags
	}
	diags := slices.Clip(compute(s))
	c.entries.Put(key, diags)
	return diags
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
