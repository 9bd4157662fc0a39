package layout

import (
	"github.com/studioflow/studioflow/model"
)

// graph is the part of a flow being laid out: its widgets as nodes (in file
// order) and its connected transitions as edges.
type graph struct {
	names   []string
	widths  []float64
	heights []float64
	// portFrac places each node's ports: portFrac[v][k] is how far across
	// the node (0 left edge, 1 right edge) transition k leaves it.
	portFrac [][]float64
	edges    []edge
	out, in  [][]int // edge indices per node, out in transition order
	trigger  int     // node index of the trigger, or -1
}

// edge is transition number port of node from, pointing at node to.
type edge struct{ from, port, to int }

// buildGraph reads the widgets that are laid out (all, or those in only).
// A widget whose name repeats an earlier one is skipped: positions are keyed
// by name, and the model moves the first widget of a name. Transitions to
// widgets outside the graph, to missing widgets, and to the widget itself
// take no part in the layout.
func buildGraph(f *model.Flow, only map[string]bool, sizes sizer) *graph {
	g := &graph{trigger: -1}
	index := make(map[string]int, f.Len())
	var states []*model.State
	for i := range f.Len() {
		s := f.StateAt(i)
		if only != nil && !only[s.Name()] {
			continue
		}
		if _, dup := index[s.Name()]; dup {
			continue
		}
		index[s.Name()] = len(states)
		states = append(states, s)
	}
	n := len(states)
	g.names = make([]string, n)
	g.widths = make([]float64, n)
	g.heights = make([]float64, n)
	g.portFrac = make([][]float64, n)
	g.out = make([][]int, n)
	g.in = make([][]int, n)
	for v, s := range states {
		g.names[v] = s.Name()
		g.widths[v], g.heights[v] = sizes.size(s)
		g.portFrac[v] = sizes.ports(s, g.widths[v])
		if g.trigger < 0 && s.IsTrigger() {
			g.trigger = v
		}
	}
	for v, s := range states {
		for k := range s.TransitionCount() {
			to, ok := index[s.Transition(k).Next]
			if !ok || to == v {
				continue
			}
			e := len(g.edges)
			g.edges = append(g.edges, edge{from: v, port: k, to: to})
			g.out[v] = append(g.out[v], e)
			g.in[to] = append(g.in[to], e)
		}
	}
	return g
}

func (g *graph) len() int { return len(g.names) }
