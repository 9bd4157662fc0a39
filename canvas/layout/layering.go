package layout

// assignLayers gives each node of a component its layer: the longest path
// to it from the component's sources once back edges are reversed, so every
// edge goes down at least one layer. A source other than the trigger then
// moves down to just above its highest successor, so that a widget nothing
// points at sits next to what it leads to. Layers start at 0.
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
	sources := len(queue)
	for i := 0; i < len(queue); i++ {
		v := queue[i]
		forEachLower(g, st, v, func(w int) {
			layer[w] = max(layer[w], layer[v]+1)
			if indeg[w]--; indeg[w] == 0 {
				queue = append(queue, w)
			}
		})
	}
	for _, v := range queue[:sources] {
		if v == g.trigger {
			continue
		}
		lowest := -1
		forEachLower(g, st, v, func(w int) {
			if lowest < 0 || layer[w] < lowest {
				lowest = layer[w]
			}
		})
		if lowest > 0 {
			layer[v] = lowest - 1
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
