package layout

// assignLayers gives each node of a component its layer: the longest path
// to it from the component's sources once back edges are reversed, so every
// edge goes down at least one layer. Then a node with more wires down than
// up (a source above all, such as a widget nothing points at) moves down to
// just above its highest successor, which shortens more wires than it
// stretches: fewer dummies, shorter wires. The trigger stays on top. Layers
// start at 0.
func assignLayers(g *graph, st *structure, comp []int, layer []int) (count int) {
	indeg := make(map[int]int, len(comp))
	for _, v := range comp {
		layer[v] = 0
		for _, e := range g.in[v] {
			if st.inside[e] && !st.reversed[e] {
				indeg[v]++
			}
		}
		for _, e := range g.out[v] {
			if st.inside[e] && st.reversed[e] {
				indeg[v]++
			}
		}
	}
	queue := make([]int, 0, len(comp))
	for _, v := range comp {
		if indeg[v] == 0 {
			queue = append(queue, v)
		}
	}
	for i := 0; i < len(queue); i++ {
		v := queue[i]
		forEachLower(g, st, v, func(w int) {
			layer[w] = max(layer[w], layer[v]+1)
			if indeg[w]--; indeg[w] == 0 {
				queue = append(queue, w)
			}
		})
	}
	// Bottom-up, so every successor has settled before its predecessors.
	for i := len(queue) - 1; i >= 0; i-- {
		if v := queue[i]; v != g.trigger {
			sinkTowardsSuccessors(g, st, v, layer)
		}
	}
	least := layer[comp[0]]
	for _, v := range comp {
		least = min(least, layer[v])
	}
	for _, v := range comp {
		layer[v] -= least
		count = max(count, layer[v]+1)
	}
	return count
}

func sinkTowardsSuccessors(g *graph, st *structure, v int, layer []int) {
	ups, downs, highest := 0, 0, -1
	forEachUpper(g, st, v, func(int) { ups++ })
	forEachLower(g, st, v, func(w int) {
		downs++
		if highest < 0 || layer[w] < highest {
			highest = layer[w]
		}
	})
	if downs > ups && highest-1 > layer[v] {
		layer[v] = highest - 1
	}
}

// forEachUpper calls fn with every node with an inside edge leading down
// to v.
func forEachUpper(g *graph, st *structure, v int, fn func(u int)) {
	for _, e := range g.in[v] {
		if st.inside[e] && !st.reversed[e] {
			fn(g.edges[e].from)
		}
	}
	for _, e := range g.out[v] {
		if st.inside[e] && st.reversed[e] {
			fn(g.edges[e].to)
		}
	}
}

// forEachLower calls fn with every node an inside edge of v leads down to.
func forEachLower(g *graph, st *structure, v int, fn func(w int)) {
	for _, e := range g.out[v] {
		if st.inside[e] && !st.reversed[e] {
			fn(g.edges[e].to)
		}
	}
	for _, e := range g.in[v] {
		if st.inside[e] && st.reversed[e] {
			fn(g.edges[e].from)
		}
	}
}
