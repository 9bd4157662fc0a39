// Package memo is a bounded map for caches that goroutines share: it
// remembers values by key and, once full, forgets them all at once before
// remembering the next, so a cache fed by every keystroke of an edit
// cannot grow without bound.
package memo

import "sync"

// Map remembers at most its limit of values. It is safe for concurrent use;
// the zero value is not ready, use New.
type Map[K comparable, V any] struct {
	mu     sync.RWMutex
	limit  int
	values map[K]V
}

// New returns an empty Map that holds at most limit values (at least one).
func New[K comparable, V any](limit int) *Map[K, V] {
	return &Map[K, V]{limit: max(limit, 1), values: make(map[K]V)}
}

// Get returns the value remembered for key.
func (m *Map[K, V]) Get(key K) (V, bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	v, ok := m.values[key]
	return v, ok
}

// Put remembers v for key, forgetting everything first when the map is
// full and key is new.
func (m *Map[K, V]) Put(key K, v V) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.values[key]; !ok && len(m.values) >= m.limit {
		clear(m.values)
	}
	m.values[key] = v
}

// GetAll looks up every key under one lock (for callers with many keys
// at once): values[i] and found[i] answer keys[i]. values and found must
// be at least as long as keys.
func (m *Map[K, V]) GetAll(keys []K, values []V, found []bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	for i, k := range keys {
		values[i], found[i] = m.values[k]
	}
}

// PutAll is Put of values[i] for each keys[i], in order, under one lock.
func (m *Map[K, V]) PutAll(keys []K, values []V) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for i, k := range keys {
		if _, ok := m.values[k]; !ok && len(m.values) >= m.limit {
			clear(m.values)
		}
		m.values[k] = values[i]
	}
}

// Len is how many values the map holds.
func (m *Map[K, V]) Len() int {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return len(m.values)
}
