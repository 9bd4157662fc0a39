package canvas

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/internal/testflows"
	"github.com/studioflow/studioflow/model"
)

// wireCrossings lists, for every wire, the nodes other than its own two
// that a point sampled along its curves falls inside (a 2-unit margin
// forgives anti-aliasing at the edges).
func wireCrossings(g *graph) []string {
	var out []string
	for wi := range g.wires {
		w := &g.wires[wi]
		hit := map[int]bool{}
		for _, seg := range w.path {
			for s := 0; s <= 64; s++ {
				p := seg.at(float64(s) / 64)
				probe := worldRect{p.X, p.Y, p.X, p.Y}
				g.nodeIndex.query(probe, func(k int) {
					if k == w.from || k == w.to || hit[k] {
						return
					}
					if r := g.nodes[k].rect(); p.X > r.X0+2 && p.X < r.X1-2 && p.Y > r.Y0+2 && p.Y < r.Y1-2 {
						hit[k] = true
						out = append(out, g.nodes[w.from].name+"/"+g.nodes[w.from].ports[w.port].event+" → "+g.nodes[w.to].name+" crosses "+g.nodes[k].name)
					}
				})
			}
		}
	}
	return out
}

func TestAfterTidyUpNoWireCrossesAWidget(t *testing.T) {
	test.NewTempApp(t)
	bent := 0
	for _, path := range flowPaths(t) {
		name := strings.TrimSuffix(filepath.Base(path), ".json")
		t.Run(name, func(t *testing.T) {
			e, _, _ := openEditor(t, readFlow(t, path), fyne.NewSize(800, 600))
			if err := e.TidyUp(false); err != nil {
				t.Fatal(err)
			}
			for _, c := range wireCrossings(e.graph) {
				t.Error(c)
			}
			for wi := range e.graph.wires {
				if _, ok := e.graph.keptRoute(&e.graph.wires[wi]); ok {
					bent++
				}
			}
		})
	}
	if bent == 0 {
		t.Fatal("no wire of any flow follows a channel after tidy up")
	}
}

// A long wire follows its channel only while its widgets stay where the
// tidy-up put them; undo and redo take it off and back on.
func TestKeptBendsHoldUntilAnEndMoves(t *testing.T) {
	test.NewTempApp(t)
	for _, path := range flowPaths(t) {
		e, _, _ := openEditor(t, readFlow(t, path), fyne.NewSize(800, 600))
		if err := e.TidyUp(false); err != nil {
			t.Fatal(err)
		}
		long := -1
		for wi := range e.graph.wires {
			if _, ok := e.graph.keptRoute(&e.graph.wires[wi]); ok {
				long = wi
				break
			}
		}
		if long < 0 {
			continue
		}
		w := e.graph.wires[long]
		w.path = slices.Clone(w.path)
		from, to := e.graph.nodes[w.from].name, e.graph.nodes[w.to].name
		x, y := offsetOf(t, e, to)
		if err := e.doc.Apply(model.MoveWidget(to, x+2000, y)); err != nil {
			t.Fatal(err)
		}
		wi := e.graph.nodes[e.graph.byName[from]].ports[w.port].wire
		if _, ok := e.graph.keptRoute(&e.graph.wires[wi]); ok {
			t.Fatalf("%s: wire to %s keeps its channel after its target moved away", filepath.Base(path), to)
		}
		if ok, err := e.doc.Undo(); !ok || err != nil {
			t.Fatalf("undo the move: %v", err)
		}
		wi = e.graph.nodes[e.graph.byName[from]].ports[w.port].wire
		if got := e.graph.wires[wi].path; !slices.Equal(got, w.path) {
			t.Fatalf("%s: after undo the wire to %s runs %v, want its channel's %v again", filepath.Base(path), to, got, w.path)
		}
		return
	}
	t.Fatal("no flow has a long wire after tidy up")
}

// A widget dragged into a long wire's channel pushes the wire round it.
func TestAWidgetMovedIntoAChannelIsGoneRound(t *testing.T) {
	test.NewTempApp(t)
	e, _, _ := openEditor(t, readFlow(t, testflows.FollowupSurvey), fyne.NewSize(800, 600))
	if err := e.TidyUp(false); err != nil {
		t.Fatal(err)
	}
	g := e.graph
	long := -1
	for wi := range g.wires {
		if _, ok := g.keptRoute(&g.wires[wi]); ok {
			long = wi
			break
		}
	}
	if long < 0 {
		t.Fatal("no long wire after tidy up")
	}
	w := g.wires[long]
	// The middle of the wire's first drop through a layer, and a widget
	// that is neither of its ends to put there.
	lane := w.path[1].at(0.5)
	mover := ""
	for i := range g.nodes {
		if i != w.from && i != w.to {
			mover = g.nodes[i].name
			break
		}
	}
	n := nodeNamed(t, e, mover)
	if err := e.doc.Apply(model.MoveWidget(mover, lane.X-n.width/2, lane.Y-nodeHeight/2)); err != nil {
		t.Fatal(err)
	}
	if !nodeNamed(t, e, mover).rect().contains(lane) {
		t.Fatalf("%s was not moved onto the channel at %v", mover, lane)
	}
	for _, c := range wireCrossings(e.graph) {
		t.Error(c)
	}
}
