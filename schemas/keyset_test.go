package schemas

import (
	"math/rand/v2"
	"sync"
	"testing"
)

// The set answers as a map of the same keys does, whatever the keys
// (zero among them) and however often it grows.
func TestKeySetAgreesWithAMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	s := newKeySet(1 << 20)
	want := map[uint64]bool{}
	for round := range 50 {
		batch := make([]uint64, rng.IntN(300))
		for i := range batch {
			switch rng.IntN(10) {
			case 0:
				batch[i] = 0
			case 1:
				batch[i] = uint64(rng.IntN(64)) // small keys crowd the same slots
			default:
				batch[i] = rng.Uint64()
			}
			want[batch[i]] = true
		}
		if round%2 == 0 {
			s.AddAll(batch...)
		} else {
			for _, k := range batch {
				s.AddAll(k)
			}
		}
		if s.Len() != len(want) {
			t.Fatalf("round %d: Len %d, want %d", round, s.Len(), len(want))
		}
	}
	probe := make([]uint64, 0, len(want)+1000)
	for k := range want {
		probe = append(probe, k)
	}
	for range 1000 {
		probe = append(probe, rng.Uint64())
	}
	found := make([]bool, len(probe))
	s.HasAll(probe, found)
	for i, k := range probe {
		if found[i] != want[k] || s.Has(k) != want[k] {
			t.Fatalf("key %d: HasAll %v, Has %v, want %v", k, found[i], s.Has(k), want[k])
		}
	}
}

// Past its limit the set forgets every key at once, then takes the new one.
func TestKeySetForgetsAllPastItsLimit(t *testing.T) {
	s := newKeySet(3)
	s.AddAll(0, 1, 2)
	s.AddAll(2) // already there: nothing forgotten
	if s.Len() != 3 {
		t.Fatalf("Len %d, want 3", s.Len())
	}
	s.AddAll(7)
	if s.Len() != 1 || !s.Has(7) || s.Has(0) || s.Has(1) {
		t.Fatalf("after the limit: Len %d, has 7 %v, has 0 %v, has 1 %v; want only 7", s.Len(), s.Has(7), s.Has(0), s.Has(1))
	}
}

// Goroutines adding and asking at once (run with -race).
func TestKeySetConcurrentUse(t *testing.T) {
	s := newKeySet(10_000)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			keys := make([]uint64, 500)
			for i := range keys {
				keys[i] = uint64(g*1000+i) * 0x9e3779b97f4a7c15
			}
			s.AddAll(keys...)
			found := make([]bool, len(keys))
			s.HasAll(keys, found)
			for i, ok := range found {
				if !ok {
					t.Errorf("goroutine %d lost key %d", g, i)
					return
				}
			}
		}()
	}
	wg.Wait()
	if s.Len() != 2000 {
		t.Fatalf("Len %d, want 2000", s.Len())
	}
}

func TestKeySetReserveKeepsKeysAndRoom(t *testing.T) {
	s := newKeySet(1000)
	s.AddAll(1, 2, 3)
	s.Reserve(500)
	room := len(s.slots)
	if room < 2*503 {
		t.Fatalf("%d slots after reserving 500 beside 3 keys", room)
	}
	keys := make([]uint64, 500)
	for i := range keys {
		keys[i] = uint64(i + 10)
	}
	s.AddAll(keys...)
	if len(s.slots) != room {
		t.Errorf("the table grew from %d to %d slots adding what was reserved", room, len(s.slots))
	}
	for _, k := range append(keys, 1, 2, 3) {
		if !s.Has(k) {
			t.Fatalf("key %d lost", k)
		}
	}
	if s.Len() != 503 {
		t.Errorf("Len = %d, want 503", s.Len())
	}
	s.Reserve(1 << 20) // beyond the limit: room for the limit only
	if len(s.slots) > 4*1000 {
		t.Errorf("%d slots for a limit of 1000", len(s.slots))
	}
}
