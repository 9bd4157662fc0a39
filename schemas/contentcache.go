package schemas

import (
	"hash/maphash"
	"slices"
	"sync"

	"github.com/studioflow/studioflow/model"
)

// contentCache remembers the content rules' diagnostics for a widget by a
// hash of its JSON. Between two keystrokes all widgets but one are
// unchanged, and the JSON Schema layer is the costly part of validation.
//
// The hash is 64 bits of maphash over the widget's full JSON (key order and
// number literals included); with the cache bounded to contentCacheLimit
// entries, a collision is about as likely as 1 in 10^11 per lookup.
type contentCache struct {
	seed    maphash.Seed
	mu      sync.Mutex
	entries map[uint64][]Diagnostic
}

const contentCacheLimit = 4 * MaxWidgets

func newContentCache() *contentCache {
	return &contentCache{seed: maphash.MakeSeed(), entries: map[uint64][]Diagnostic{}}
}

// findings returns compute(s), from the cache when the widget's JSON was
// seen before. The returned slice must not be modified.
func (c *contentCache) findings(s *model.State, compute func(*model.State) []Diagnostic) []Diagnostic {
	var h maphash.Hash
	h.SetSeed(c.seed)
	hashValue(&h, s.Raw())
	key := h.Sum64()
	c.mu.Lock()
	diags, ok := c.entries[key]
	c.mu.Unlock()
	if ok {
		return diags
	}
	diags = slices.Clip(compute(s))
	c.mu.Lock()
	if len(c.entries) >= contentCacheLimit {
		clear(c.entries)
	}
	c.entries[key] = diags
	c.mu.Unlock()
	return diags
}

// hashValue feeds a model value to h unambiguously: a tag per kind, and a
// length before every string and container.
func hashValue(h *maphash.Hash, v any) {
	switch t := v.(type) {
	case nil:
		h.WriteByte('n')
	case bool:
		if t {
			h.WriteByte('t')
		} else {
			h.WriteByte('f')
		}
	case string:
		h.WriteByte('s')
		hashString(h, t)
	case interface{ String() string }:
		// json.Number: keep its literal text, so 60 and 60.0 differ.
		h.WriteByte('#')
		hashString(h, t.String())
	case []any:
		h.WriteByte('[')
		hashLen(h, len(t))
		for _, e := range t {
			hashValue(h, e)
		}
	case *model.Object:
		h.WriteByte('{')
		hashLen(h, t.Len())
		for i := 0; i < t.Len(); i++ {
			m := t.MemberAt(i)
			hashString(h, m.Key)
			hashValue(h, m.Value)
		}
	}
}

func hashString(h *maphash.Hash, s string) {
	hashLen(h, len(s))
	h.WriteString(s)
}

func hashLen(h *maphash.Hash, n int) {
	var b [4]byte
	b[0], b[1], b[2], b[3] = byte(n), byte(n>>8), byte(n>>16), byte(n>>24)
	h.Write(b[:])
}
