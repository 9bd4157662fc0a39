package memo

import (
	"fmt"
	"sync"
	"testing"
)

func TestMapRemembersUpToItsLimitThenStartsOver(t *testing.T) {
	m := New[string, int](3)
	for i, k := range []string{"a", "b", "c"} {
		m.Put(k, i)
	}
	if v, ok := m.Get("b"); !ok || v != 1 {
		t.Fatalf("Get(b) = %d, %v; want 1, true", v, ok)
	}
	m.Put("b", 10) // a key it holds: replaced, nothing forgotten
	if n := m.Len(); n != 3 {
		t.Fatalf("after replacing b the map holds %d values, want 3", n)
	}
	m.Put("d", 3) // full and new: everything else is forgotten
	if n := m.Len(); n != 1 {
		t.Fatalf("after a fourth key the map holds %d values, want 1", n)
	}
	if _, ok := m.Get("a"); ok {
		t.Error("a is still remembered past the limit")
	}
	if v, ok := m.Get("d"); !ok || v != 3 {
		t.Errorf("Get(d) = %d, %v; want 3, true", v, ok)
	}
}

func TestMapWithALimitBelowOneHoldsOneValue(t *testing.T) {
	m := New[int, int](0)
	m.Put(1, 1)
	m.Put(2, 2)
	if n := m.Len(); n != 1 {
		t.Fatalf("holds %d values, want 1", n)
	}
}

func TestMapIsSafeForConcurrentUse(t *testing.T) {
	m := New[string, int](50)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				k := fmt.Sprint(g, i%70)
				m.Put(k, i)
				m.Get(k)
			}
		}()
	}
	wg.Wait()
	if n := m.Len(); n < 1 || n > 50 {
		t.Fatalf("holds %d values, want 1 to 50", n)
	}
}

// GetAll and PutAll answer and remember as Get and Put one by one do,
// the limit included.
func TestGetAllAndPutAllActAsGetAndPutInOrder(t *testing.T) {
	m := New[string, int](3)
	m.PutAll([]string{"a", "b"}, []int{1, 2})
	values, found := make([]int, 3), make([]bool, 3)
	m.GetAll([]string{"a", "x", "b"}, values, found)
	if values[0] != 1 || !found[0] || found[1] || values[2] != 2 || !found[2] {
		t.Fatalf("GetAll = %v %v; want [1 _ 2] [true false true]", values, found)
	}
	m.PutAll([]string{"c", "d"}, []int{3, 4}) // d finds the map full: it starts over
	if n := m.Len(); n != 1 {
		t.Fatalf("after a fourth key the map holds %d values, want 1", n)
	}
	if v, ok := m.Get("d"); !ok || v != 4 {
		t.Errorf("Get(d) = %d, %v; want 4, true", v, ok)
	}
}
