package schemas

import (
	"math/rand/v2"
	"testing"
)

// The SCC-and-bitset index must answer exactly what a search from each
// widget answers, on graphs with cycles, self-loops and isolated widgets.
func TestUpstreamIndexMatchesSearch(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for round := 0; round < 50; round++ {
		n := 1 + r.IntN(150)
		g := graph{succ: make([][]int32, n)}
		edges := r.IntN(3 * n)
		for e := 0; e < edges; e++ {
			a, b := r.IntN(n), r.IntN(n)
			g.succ[a] = append(g.succ[a], int32(b))
		}
		idx := newUpstreamIndex(g)
		ancestors := make([][]bool, n)
		for b := 0; b < n; b++ {
			ancestors[b] = g.ancestors(b)
		}
		for a := 0; a < n; a++ {
			// widgets reachable from a by at least one transition
			below := make([]bool, n)
			stack := append([]int32(nil), g.succ[a]...)
			for _, s := range stack {
				below[s] = true
			}
			for len(stack) > 0 {
				x := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				for _, y := range g.succ[x] {
					if !below[y] {
						below[y] = true
						stack = append(stack, y)
					}
				}
			}
			for b := 0; b < n; b++ {
				if got := idx.leadsTo(a, b); got != below[b] {
					t.Fatalf("round %d: leadsTo(%d, %d) = %v, search says %v", round, a, b, got, below[b])
				}
				if ancestors[b][a] != below[b] {
					t.Fatalf("round %d: ancestors(%d)[%d] = %v, search says %v", round, b, a, ancestors[b][a], below[b])
				}
			}
		}
	}
}

// A 20,000-widget chain must not overflow the stack.
func TestUpstreamIndexOnALongChain(t *testing.T) {
	n := 20000
	g := graph{succ: make([][]int32, n)}
	for i := 0; i+1 < n; i++ {
		g.succ[i] = []int32{int32(i + 1)}
	}
	idx := newUpstreamIndex(g)
	if !idx.leadsTo(0, n-1) || idx.leadsTo(n-1, 0) || idx.leadsTo(5, 5) {
		t.Error("wrong answers on a chain")
	}
}
