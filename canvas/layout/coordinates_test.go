package layout

import (
	"testing"
)

// Coordinates keep every layer's order and at least the separation between
// neighbours, on the fixtures and on a tangled generated flow.
func TestPlacementKeepsOrderAndGaps(t *testing.T) {
	graphs := []*graph{buildGraph(tangledFlow(t, 400, 15, 3), nil, sizer{})}
	for _, fx := range fixtures(t) {
		graphs = append(graphs, buildGraph(fx.flow, nil, sizer{}))
	}
	sp := spacing{nodeGap: DefaultNodeGap, layerGap: DefaultLayerGap, grid: 1}
	checked := 0
	for _, g := range graphs {
		for _, lg := range layeredFor(g) {
			lg.minimiseCrossings()
			x := lg.place(g, sp)
			width := func(v int) float64 {
				if n := lg.node[v]; n >= 0 {
					return g.widths[n]
				}
				return 0
			}
			for _, vs := range lg.layers {
				for i := 1; i < len(vs); i++ {
					a, b := vs[i-1], vs[i]
					if need := lg.separation(a, b, width, sp.nodeGap); x[b]-x[a] < need-1e-6 {
						t.Errorf("neighbours %d and %d are %v apart, need %v", a, b, x[b]-x[a], need)
					}
					checked++
				}
			}
		}
	}
	if checked < 100 {
		t.Fatalf("only %d neighbour pairs checked", checked)
	}
}

// A parent with one child sits right above it; one with several is centred
// over them.
func TestPlacementCentresParentsOverChildren(t *testing.T) {
	f := mustParse(t, `{"states": [
		{"name": "Trigger", "type": "trigger", "transitions": [{"event": "incomingMessage", "next": "one"}]},
		{"name": "one", "type": "split-based-on", "transitions": [{"event": "noMatch", "next": "l"}, {"event": "match", "next": "m"}, {"event": "match", "next": "r"}]},
		{"name": "l", "type": "set-variables", "transitions": [{"event": "next"}]},
		{"name": "m", "type": "set-variables", "transitions": [{"event": "next"}]},
		{"name": "r", "type": "set-variables", "transitions": [{"event": "next"}]}
	]}`)
	pos := Layout(f, Options{})
	centre := func(n string) float64 { return pos[n].X + DefaultNodeWidth/2 }
	if centre("Trigger") != centre("one") {
		t.Errorf("trigger centred at %v, its only child at %v", centre("Trigger"), centre("one"))
	}
	if mid := (centre("l") + centre("r")) / 2; centre("one") < mid-1 || centre("one") > mid+1 {
		t.Errorf("split centred at %v, its children span %v..%v", centre("one"), centre("l"), centre("r"))
	}
}
