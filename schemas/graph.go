package schemas

import "github.com/studioflow/studioflow/model"

// graph is the transition graph of a flow over widget indices. An edge
// exists for every transition whose next names an existing widget. succ[i]
// are sub-slices of one shared array.
type graph struct {
	succ [][]int32
	// targets[i][j] is where widget i's transition j leads: a widget
	// index, noTarget when it is not connected, or unknownTarget when its
	// next names no widget. Every rule reads the wiring from here, so each
	// name is looked up once per validation.
	targets [][]int32
	// scratch is memory the searches over the graph reuse (nil: they
	// make their own).
	scratch *flowScratch
	// types[i] is widget i's catalog entry, nil for an unknown type; nil
	// as a whole until the flow rules look them up (withTypes).
	types []*WidgetType
}

// withTypes is g with every widget's type looked up once, for the flow
// rules that walk the graph (a widget is reached from several entries).
func (g graph) withTypes(cat *Catalog, f *model.Flow) graph {
	if g.scratch != nil {
		g.scratch.graphTypes = sized(g.scratch.graphTypes, f.Len())
		g.types = g.scratch.graphTypes
	} else {
		g.types = make([]*WidgetType, f.Len())
	}
	for i := range g.types {
		g.types[i], _ = cat.typeOf(f.StateAt(i).Type())
	}
	return g
}

// typeAt is widget i's catalog entry (nil when its type is unknown).
func (g graph) typeAt(cat *Catalog, f *model.Flow, i int) *WidgetType {
	if g.types != nil {
		return g.types[i]
	}
	w, _ := cat.typeOf(f.StateAt(i).Type())
	return w
}

// Values of graph.targets that are not a widget index.
const (
	noTarget      = -1
	unknownTarget = -2
)

func newGraph(f *model.Flow) graph { return newGraphIn(f, nil) }

// newGraphIn is newGraph with its tables, and the searches' over it, in
// sc's memory (nil: their own).
func newGraphIn(f *model.Flow, sc *flowScratch) graph {
	n := f.Len()
	edges := 0
	for i := 0; i < n; i++ {
		edges += f.StateAt(i).TransitionCount()
	}
	g := graph{scratch: sc}
	if sc == nil {
		sc = &flowScratch{}
	}
	sc.edges, sc.targets, sc.lists = sized(sc.edges, edges), sized(sc.targets, edges), sized(sc.lists, 2*n)
	all, targets, lists := sc.edges[:0], sc.targets, sc.lists
	g.succ, g.targets = lists[:n:n], lists[n:]
	at := 0
	for i := 0; i < n; i++ {
		s := f.StateAt(i)
		start := len(all)
		row := targets[at : at+s.TransitionCount() : at+s.TransitionCount()]
		at += len(row)
		for j := range row {
			row[j] = noTarget
			if next := s.Transition(j).Next; next != "" {
				row[j] = unknownTarget
				if k := f.IndexOf(next); k >= 0 {
					row[j] = int32(k)
					all = append(all, int32(k))
				}
			}
		}
		g.succ[i] = all[start:len(all):len(all)]
		g.targets[i] = row
	}
	return g
}

// reach marks every widget reachable from the starts (the starts included).
func (g graph) reach(starts ...int) []bool {
	seen := make([]bool, len(g.succ))
	stack := make([]int32, 0, 64)
	for _, s := range starts {
		if s >= 0 && !seen[s] {
			seen[s] = true
			stack = append(stack, int32(s))
		}
	}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, m := range g.succ[n] {
			if !seen[m] {
				seen[m] = true
				stack = append(stack, m)
			}
		}
	}
	return seen
}

// ancestors marks every widget from which some path of at least one
// transition leads to w (w itself only when it is on a cycle).
func (g graph) ancestors(w int) []bool {
	n := len(g.succ)
	// predecessor lists, packed: pred[m] = all[start[m]:start[m+1]]
	start := make([]int32, n+1)
	for _, list := range g.succ {
		for _, m := range list {
			start[m+1]++
		}
	}
	for i := 0; i < n; i++ {
		start[i+1] += start[i]
	}
	all := make([]int32, start[n])
	fill := append([]int32(nil), start[:n]...)
	for i, list := range g.succ {
		for _, m := range list {
			all[fill[m]] = int32(i)
			fill[m]++
		}
	}
	pred := func(m int32) []int32 { return all[start[m]:start[m+1]] }
	seen := make([]bool, n)
	stack := append([]int32(nil), pred(int32(w))...)
	for _, p := range stack {
		seen[p] = true
	}
	for len(stack) > 0 {
		top := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, p := range pred(top) {
			if !seen[p] {
				seen[p] = true
				stack = append(stack, p)
			}
		}
	}
	return seen
}

// upstreamIndex answers "does some path lead from widget a to widget b?" for
// all pairs at once: strongly connected components (Tarjan), then for each
// component the set of components below it, as bitsets.
type upstreamIndex struct {
	comp   []int32    // component of each widget
	cyclic []bool     // component has a cycle (size > 1 or a self-loop)
	below  [][]uint64 // components reachable from each component by ≥1 edge
}

// newUpstreamIndex builds the index in the graph's scratch memory, when it
// has some (the index then holds it until the validation gives it back).
func newUpstreamIndex(g graph) *upstreamIndex {
	sc := g.scratch
	if sc == nil {
		sc = &flowScratch{}
	}
	n := len(g.succ)
	// Sized for the worst case (every widget its own component, one chain),
	// so that nothing grows while the search runs.
	sc.index, sc.low, sc.onStack, sc.comp = sized(sc.index, n), sized(sc.low, n), sized(sc.onStack, n), sized(sc.comp, n)
	sc.flat, sc.stack, sc.members, sc.call = sized(sc.flat, n), sized(sc.stack, n), sized(sc.members, n), sized(sc.call, n)
	t := tarjan{g: g, index: sc.index, low: sc.low, onStack: sc.onStack, comp: sc.comp, flat: sc.flat[:0],
		stack: sc.stack[:0], members: sc.members[:0], call: sc.call[:0]}
	for i := range t.index {
		t.index[i] = -1
	}
	for i := 0; i < n; i++ {
		if t.index[i] < 0 {
			t.visit(int32(i))
		}
	}
	nc := len(t.members)
	words := (nc + 63) / 64
	sc.cyclic, sc.below, sc.bitsets = sized(sc.cyclic, nc), sized(sc.below, nc), sized(sc.bitsets, nc*words)
	idx := &upstreamIndex{comp: t.comp, cyclic: sc.cyclic, below: sc.below}
	backing := sc.bitsets
	// Tarjan emits components sinks first, so every successor component of
	// c is complete by the time c is processed.
	for c := 0; c < nc; c++ {
		row := backing[c*words : (c+1)*words]
		idx.below[c] = row
		members := t.flat[t.members[c].from:t.members[c].to]
		if len(members) > 1 {
			idx.cyclic[c] = true
		}
		for _, m := range members {
			for _, s := range g.succ[m] {
				d := t.comp[s]
				if int(d) == c {
					idx.cyclic[c] = true
					continue
				}
				row[d/64] |= 1 << (uint(d) % 64)
				for k, w := range idx.below[d] {
					row[k] |= w
				}
			}
		}
	}
	return idx
}

// leadsTo reports whether a path of at least one transition leads from a to b.
func (u *upstreamIndex) leadsTo(a, b int) bool {
	ca, cb := u.comp[a], u.comp[b]
	if ca == cb {
		return u.cyclic[ca]
	}
	return u.below[ca][cb/64]&(1<<(uint(cb)%64)) != 0
}

type tarjan struct {
	g       graph
	counter int32
	index   []int32
	low     []int32
	onStack []bool
	stack   []int32
	comp    []int32
	// members[c] is component c's widgets, flat[from:to].
	members []span
	flat    []int32
	call    []tarjanFrame // visit's stack of calls, reused from root to root
}

type tarjanFrame struct {
	node int32
	edge int
}

type span struct{ from, to int32 }

// visit is Tarjan's algorithm with an explicit stack, so 20,000-widget
// chains do not recurse 20,000 deep.
func (t *tarjan) visit(root int32) {
	call := append(t.call[:0], tarjanFrame{node: root})
	defer func() { t.call = call[:0] }()
	t.open(root)
	for len(call) > 0 {
		top := &call[len(call)-1]
		v := top.node
		if top.edge < len(t.g.succ[v]) {
			w := t.g.succ[v][top.edge]
			top.edge++
			if t.index[w] < 0 {
				t.open(w)
				call = append(call, tarjanFrame{node: w})
			} else if t.onStack[w] && t.index[w] < t.low[v] {
				t.low[v] = t.index[w]
			}
			continue
		}
		call = call[:len(call)-1]
		if len(call) > 0 {
			parent := call[len(call)-1].node
			if t.low[v] < t.low[parent] {
				t.low[parent] = t.low[v]
			}
		}
		if t.low[v] == t.index[v] {
			c := int32(len(t.members))
			first := len(t.flat)
			for {
				w := t.stack[len(t.stack)-1]
				t.stack = t.stack[:len(t.stack)-1]
				t.onStack[w] = false
				t.comp[w] = c
				t.flat = append(t.flat, w)
				if w == v {
					break
				}
			}
			t.members = append(t.members, span{int32(first), int32(len(t.flat))})
		}
	}
}

func (t *tarjan) open(v int32) {
	t.index[v] = t.counter
	t.low[v] = t.counter
	t.counter++
	t.stack = append(t.stack, v)
	t.onStack[v] = true
}
