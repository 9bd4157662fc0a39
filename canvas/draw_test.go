package canvas

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestEveryFlowDrawsEveryWidgetAndConnection(t *testing.T) {
	test.NewTempApp(t)
	for _, path := range flowPaths(t) {
		name := strings.TrimSuffix(filepath.Base(path), ".json")
		t.Run(name, func(t *testing.T) {
			f := readFlow(t, path)
			e, r, w := openEditor(t, f, fyne.NewSize(800, 600))
			showAll(e, w)

			if len(r.visibleNodes) != f.Len() {
				t.Fatalf("drew %d nodes for %d widgets", len(r.visibleNodes), f.Len())
			}
			for k, i := range r.visibleNodes {
				s, n, shape := f.StateAt(i), &e.graph.nodes[i], r.nodeShapes[k]
				if got := shape.name.Text; got != s.Name() && !strings.HasSuffix(got, "…") {
					t.Errorf("node %d is labelled %q, want %q", i, got, s.Name())
				}
				if x, y, ok := s.Offset(); ok && shape.body.Position() != screenOf(e, worldPoint{x, y}) {
					t.Errorf("%s drawn at %v, want its offset %v,%v on screen", s.Name(), shape.body.Position(), x, y)
				}
				want := s.TransitionCount()
				if n.trigger {
					// All five entry points, listed in the file or not.
					want = max(want, 5)
				}
				if len(n.ports) != want {
					t.Errorf("%s: %d ports for %d transitions", s.Name(), len(n.ports), s.TransitionCount())
				}
			}

			want := 0
			for i, s := range f.States() {
				for p, tr := range s.Transitions() {
					to := f.IndexOf(tr.Next)
					if tr.Next == "" || to < 0 {
						continue
					}
					want++
					p := e.graph.nodes[i].portOf(p)
					wi := e.graph.nodes[i].ports[p].wire
					if wi < 0 {
						t.Errorf("%s/%s → %s has no wire", s.Name(), tr.Event, tr.Next)
						continue
					}
					k := indexOf(r.visibleWires, wi)
					if k < 0 {
						t.Errorf("%s/%s → %s is not drawn", s.Name(), tr.Event, tr.Next)
						continue
					}
					ws := r.wireShapes[k]
					segments := len(e.graph.wires[wi].path)
					first, last := ws.curves[0], ws.curves[segments-1]
					for k := 1; k < segments; k++ {
						a, b := ws.curves[k-1], ws.curves[k]
						if !near(a.Position().Add(a.EndPoint), b.Position().Add(b.StartPoint)) {
							t.Errorf("%s/%s: segments %d and %d of the wire do not meet", s.Name(), tr.Event, k-1, k)
						}
					}
					start := screenOf(e, e.graph.nodes[i].portAnchor(p))
					if got := first.Position().Add(first.StartPoint); !near(got, start) {
						t.Errorf("%s/%s wire starts at %v, want its port at %v", s.Name(), tr.Event, got, start)
					}
					target := &e.graph.nodes[to]
					end := last.Position().Add(last.EndPoint)
					if !near(fyne.NewPos(0, end.Y), fyne.NewPos(0, screenOf(e, target.pos).Y)) || end.X < screenOf(e, target.pos).X || end.X > screenOf(e, target.pos).X+float32(target.width) {
						t.Errorf("%s/%s wire ends at %v, not on %s's top edge", s.Name(), tr.Event, end, tr.Next)
					}
				}
			}
			if len(r.visibleWires) != want || len(e.graph.wires) != want {
				t.Fatalf("drew %d wires (graph has %d) for %d connected transitions", len(r.visibleWires), len(e.graph.wires), want)
			}
			if *saveShots {
				writeShot(t, w, name)
			}
		})
	}
}

func indexOf(list []int, v int) int {
	for k, x := range list {
		if x == v {
			return k
		}
	}
	return -1
}

func near(a, b fyne.Position) bool {
	d := a.Subtract(b)
	return d.X*d.X+d.Y*d.Y < 0.01
}
