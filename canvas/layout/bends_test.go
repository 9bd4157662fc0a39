package layout

import (
	"testing"

	"github.com/studioflow/studioflow/model"
)

// The bends of long wires run down between the layers' widgets, never
// through one, from below the wire's widget to above its target.
func TestBendsRunBetweenWidgets(t *testing.T) {
	flows := map[string]*model.Flow{
		"funnel":    funnelFlow(t, 60),
		"generated": generated(t, 200),
		"tangled":   tangledFlow(t, 300, 12, 5),
	}
	for _, fx := range fixtures(t) {
		flows[fx.name] = fx.flow
	}
	total := 0
	for name, f := range flows {
		for _, grid := range []float64{0, 20} {
			res := Compute(f, Options{Grid: grid})
			var rects []rect
			for n, p := range res.Positions {
				rects = append(rects, placedRect(f, n, p))
			}
			for wire, points := range res.Bends {
				total++
				from := f.State(wire.From)
				to := f.State(from.Transition(wire.Transition).Next)
				src := placedRect(f, wire.From, res.Positions[wire.From])
				dst := res.Positions[to.Name()]
				if len(points) == 0 || len(points)%2 != 0 {
					t.Fatalf("%s: %v has %d bend points, want two per layer passed", name, wire, len(points))
				}
				if points[0].Y <= src.y+src.h-1 || points[len(points)-1].Y >= dst.Y {
					t.Errorf("%s: %v bends %v do not run from below %v to above %v", name, wire, points, src, dst)
				}
				for i, p := range points {
					if i > 0 && p.Y < points[i-1].Y {
						t.Errorf("%s: %v bends go up at %d: %v", name, wire, i, points)
					}
					for _, r := range rects {
						if p.X > r.x && p.X < r.x+r.w && p.Y >= r.y && p.Y <= r.y+r.h {
							t.Errorf("%s: %v bend %v is inside the widget at %v", name, wire, p, r)
						}
					}
				}
			}
		}
	}
	if total < 50 {
		t.Fatalf("only %d wires with bends checked", total)
	}
}

func TestSubsetBendsMoveWithTheSubset(t *testing.T) {
	f := funnelFlow(t, 8)
	only := map[string]bool{}
	for _, s := range f.States()[1:] {
		only[s.Name()] = true
	}
	whole, part := Compute(f, Options{}), Compute(f, Options{Only: only})
	if len(part.Bends) == 0 {
		t.Fatal("the subset has long wires but no bends")
	}
	dx, dy := part.Positions["w1"].X-whole.Positions["w1"].X, part.Positions["w1"].Y-whole.Positions["w1"].Y
	for wire, points := range part.Bends {
		if len(points) != len(whole.Bends[wire]) {
			t.Fatalf("%v: %d bends alone, %d in the whole flow", wire, len(points), len(whole.Bends[wire]))
		}
		for i, p := range points {
			if w := whole.Bends[wire][i]; p.X != w.X+dx || p.Y != w.Y+dy {
				t.Errorf("%v bend %d at %v, want %v moved by (%v,%v)", wire, i, p, w, dx, dy)
			}
		}
	}
}
