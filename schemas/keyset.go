package schemas

import "sync"

// keySet is a bounded set of 64-bit content keys (contentCache's widgets
// without findings), safe for concurrent use: an open-addressed table of
// the keys themselves, which are hashes already, so a lookup or an insert
// is a multiply, a shift and a probe or two. A first validation remembers
// every widget of the flow, a chunk of them at a time; a Go map took a
// twentieth of that validation's time to do it. Once full, it forgets
// every key at once before taking the next, as memo.Map does.
type keySet struct {
	mu    sync.RWMutex
	limit int
	slots []uint64 // 0 marks an empty slot; key 0 is kept in hasZero
	count int      // keys in slots, hasZero aside
	shift uint8    // 64 - log2(len(slots))
	// hasZero: the key 0 is in the set.
	hasZero bool
}

// minKeySlots is the smallest table (it grows by doubling).
const minKeySlots = 64

func newKeySet(limit int) *keySet { return &keySet{limit: max(limit, 1)} }

// Len is how many keys the set holds.
func (s *keySet) Len() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.size()
}

func (s *keySet) size() int {
	if s.hasZero {
		return s.count + 1
	}
	return s.count
}

// Has reports whether key is in the set.
func (s *keySet) Has(key uint64) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.has(key)
}

// HasAll sets found[i] to whether keys[i] is in the set, under one lock
// (found at least as long as keys).
func (s *keySet) HasAll(keys []uint64, found []bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for i, k := range keys {
		found[i] = s.has(k)
	}
}

// Reserve makes room for n keys more, so that adding them does not grow
// the table step by step.
func (s *keySet) Reserve(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if want := min(s.count+n, s.limit); 2*want > len(s.slots) {
		s.growTo(2 * want)
	}
}

// Add puts key in the set.
func (s *keySet) Add(key uint64) { s.AddAll(key) }

// AddAll puts every key in the set under one lock.
func (s *keySet) AddAll(keys ...uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if want := min(s.count+len(keys), s.limit); 2*want > len(s.slots) {
		s.growTo(2 * want) // once, not doubling key by key
	}
	for _, k := range keys {
		s.add(k)
	}
}

func (s *keySet) has(key uint64) bool {
	if key == 0 {
		return s.hasZero
	}
	if s.count == 0 {
		return false
	}
	mask := uint64(len(s.slots) - 1)
	for i := s.home(key); ; i = (i + 1) & mask {
		switch s.slots[i] {
		case key:
			return true
		case 0:
			return false
		}
	}
}

func (s *keySet) add(key uint64) {
	if s.has(key) {
		return
	}
	if s.size()+1 > s.limit {
		s.reset()
	}
	if key == 0 {
		s.hasZero = true
		return
	}
	if 2*(s.count+1) > len(s.slots) {
		s.growTo(2 * len(s.slots))
	}
	s.insert(key)
}

func (s *keySet) reset() {
	clear(s.slots)
	s.count, s.hasZero = 0, false
}

// home is key's first slot: the high bits of a multiplicative hash.
func (s *keySet) home(key uint64) uint64 { return (key * 0x9e3779b97f4a7c15) >> s.shift }

// insert puts a key known to be absent and non-zero into a table with room.
func (s *keySet) insert(key uint64) {
	mask := uint64(len(s.slots) - 1)
	i := s.home(key)
	for s.slots[i] != 0 {
		i = (i + 1) & mask
	}
	s.slots[i] = key
	s.count++
}

// growTo makes the table at least size slots (a power of two, at least
// minKeySlots) and puts the keys back.
func (s *keySet) growTo(size int) {
	old := s.slots
	bits := uint8(0)
	for 1<<bits < max(size, minKeySlots) {
		bits++
	}
	s.slots, s.shift, s.count = make([]uint64, 1<<bits), 64-bits, 0
	for _, k := range old {
		if k != 0 {
			s.insert(k)
		}
	}
}
