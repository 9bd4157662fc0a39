package layout

import "slices"

// structure is how the graph is split and oriented before layering.
type structure struct {
	// comps holds each component's nodes in file order: first the widgets
	// reachable from the trigger (when there is one), then each weakly
	// connected group of the rest, by their first widget in file order.
	comps  [][]int
	compOf []int
	// inside marks edges whose two ends are in the same component; the
	// others (from an unreachable widget into the trigger's component) take
	// no part in the layout.
	inside []bool
	// reversed marks the back edges that point upwards once laid out.
	reversed []bool
	// rank is each node's depth-first preorder, which follows transition
	// order: the starting order of the layers.
	rank []int
}

func analyse(g *graph) *structure {
	n := g.len()
	st := &structure{compOf: make([]int, n), inside: make([]bool, len(g.edges)), reversed: make([]bool, len(g.edges)), rank: make([]int, n)}
	for v := range st.compOf {
		st.compOf[v] = -1
	}
	if g.trigger >= 0 {
		st.comps = append(st.comps, st.collect(g, g.trigger, 0, false))
	}
	for v := range n {
		if st.compOf[v] < 0 {
			st.comps = append(st.comps, st.collect(g, v, len(st.comps), true))
		}
	}
	for e, ed := range g.edges {
		st.inside[e] = st.compOf[ed.from] == st.compOf[ed.to]
	}
	next := 0
	state := make([]int8, n)
	for c, comp := range st.comps {
		for _, r := range st.roots(g, c, comp) {
			if state[r] == unvisited {
				next = st.depthFirst(g, r, state, next)
			}
		}
	}
	return st
}

// collect gives every node not yet in a component that can be reached from
// start (following edges forwards, or both ways when weak) to component c,
// and returns them in file order.
func (st *structure) collect(g *graph, start, c int, weak bool) []int {
	st.compOf[start] = c
	members := []int{start}
	for i := 0; i < len(members); i++ {
		v := members[i]
		visit := func(w int) {
			if st.compOf[w] < 0 {
				st.compOf[w] = c
				members = append(members, w)
			}
		}
		for _, e := range g.out[v] {
			visit(g.edges[e].to)
		}
		if weak {
			for _, e := range g.in[v] {
				visit(g.edges[e].from)
			}
		}
	}
	slices.Sort(members)
	return members
}

// roots are where the depth-first search of a component starts: the
// trigger; otherwise the widgets nothing in the component points at, then
// (for a component that is all cycles) its first widget.
func (st *structure) roots(g *graph, c int, comp []int) []int {
	if g.trigger >= 0 && st.compOf[g.trigger] == c {
		return []int{g.trigger}
	}
	var roots []int
	for _, v := range comp {
		entered := false
		for _, e := range g.in[v] {
			if st.inside[e] {
				entered = true
				break
			}
		}
		if !entered {
			roots = append(roots, v)
		}
	}
	return append(roots, comp...)
}

const (
	unvisited int8 = iota
	onPath
	finished
)

// depthFirst walks from root in transition order, marking edges to a node
// still on the path as reversed, and numbering nodes from next in preorder.
// It is iterative: a 2,000-widget chain would otherwise recurse as deep.
func (st *structure) depthFirst(g *graph, root int, state []int8, next int) int {
	type frame struct{ v, edge int }
	state[root] = onPath
	st.rank[root] = next
	next++
	stack := []frame{{v: root}}
	for len(stack) > 0 {
		top := len(stack) - 1
		v := stack[top].v
		if stack[top].edge == len(g.out[v]) {
			state[v] = finished
			stack = stack[:top]
			continue
		}
		e := g.out[v][stack[top].edge]
		stack[top].edge++
		if !st.inside[e] {
			continue
		}
		switch w := g.edges[e].to; state[w] {
		case unvisited:
			state[w] = onPath
			st.rank[w] = next
			next++
			stack = append(stack, frame{v: w})
		case onPath:
			st.reversed[e] = true
		}
	}
	return next
}
