package layout

import (
	"fmt"
	"maps"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/model"
)

func TestFixturesLayOutWithoutOverlapTriggerOnTop(t *testing.T) {
	for _, fx := range fixtures(t) {
		t.Run(fx.name, func(t *testing.T) {
			f := fx.flow
			pos := Layout(f, Options{})
			for _, s := range f.States() {
				if _, ok := pos[s.Name()]; !ok {
					t.Errorf("widget %s has no position", s.Name())
				}
			}
			assertNoOverlap(t, f, pos)
			trig := f.Trigger()
			tp := pos[trig.Name()]
			if tp.X < 0 || tp.Y != 0 {
				t.Errorf("trigger at %v, want it on the top row of a layout starting at 0,0", tp)
			}
			for name, p := range pos {
				if name == trig.Name() {
					continue
				}
				if p.Y < tp.Y {
					t.Errorf("%s at %v is above the trigger at %v", name, p, tp)
				}
				if reaches(f, trig.Name(), name) && p.Y <= tp.Y {
					t.Errorf("%s at %v is reachable from the trigger but not below it (%v)", name, p, tp)
				}
			}
		})
	}
}

// Every wire goes down to a later layer, except the back edges that close a
// cycle, which are the only ones allowed to point up.
func TestFixturesEdgesGoDownExceptBackEdges(t *testing.T) {
	for _, fx := range fixtures(t) {
		t.Run(fx.name, func(t *testing.T) {
			f := fx.flow
			pos := Layout(f, Options{})
			g := buildGraph(f, nil, sizer{})
			st := analyse(g)
			downs, ups := 0, 0
			for e, ed := range g.edges {
				from, to := g.names[ed.from], g.names[ed.to]
				pf, pt := pos[from], pos[to]
				if st.reversed[e] {
					ups++
					if !reaches(f, to, from) {
						t.Errorf("%s -> %s was reversed but closes no cycle", from, to)
					}
					if pt.Y >= pf.Y {
						t.Errorf("back edge %s -> %s: target at %v is not above %v", from, to, pt, pf)
					}
					continue
				}
				downs++
				if pt.Y < pf.Y+g.heights[ed.from] {
					t.Errorf("%s (%v, height %v) -> %s (%v) does not go down", from, pf, g.heights[ed.from], to, pt)
				}
			}
			if downs == 0 {
				t.Fatal("no forward wires: the fixture was not read")
			}
			t.Logf("%d wires down, %d back edges up", downs, ups)
		})
	}
}

func TestLayoutIsDeterministic(t *testing.T) {
	for _, fx := range fixtures(t) {
		first := Layout(fx.flow, Options{})
		again := Layout(fx.flow.Clone(), Options{})
		reparsed := Layout(mustParse(t, string(fx.flow.Marshal())), Options{})
		if !maps.Equal(first, again) || !maps.Equal(first, reparsed) {
			t.Errorf("%s: layouts of the same flow differ", fx.name)
		}
	}
	for name, f := range map[string]*model.Flow{"generated": generated(t, 300), "funnel": funnelFlow(t, 100), "tangled": tangledFlow(t, 300, 12, 9)} {
		if a, b := Compute(f, Options{}), Compute(f.Clone(), Options{}); !reflect.DeepEqual(a, b) {
			t.Errorf("layouts of the same %s flow differ", name)
		}
	}
}

func TestPortOrderPutsChildrenLeftToRight(t *testing.T) {
	f := mustParse(t, `{"states": [
		{"name": "Trigger", "type": "trigger", "transitions": [{"event": "incomingMessage", "next": "split"}, {"event": "incomingCall"}], "properties": {"offset": {"x": 0, "y": 0}}},
		{"name": "zulu", "type": "send-message", "transitions": [{"event": "sent"}, {"event": "failed"}], "properties": {}},
		{"name": "split", "type": "split-based-on", "transitions": [
			{"event": "noMatch", "next": "zulu"},
			{"event": "match", "next": "alpha", "conditions": []},
			{"event": "match", "next": "mike", "conditions": []}], "properties": {}},
		{"name": "mike", "type": "send-message", "transitions": [{"event": "sent"}], "properties": {}},
		{"name": "alpha", "type": "send-message", "transitions": [{"event": "sent"}], "properties": {}}
	], "initial_state": "Trigger"}`)
	pos := Layout(f, Options{})
	if !(pos["zulu"].X < pos["alpha"].X && pos["alpha"].X < pos["mike"].X) {
		t.Errorf("children not in port order: zulu %v, alpha %v, mike %v", pos["zulu"], pos["alpha"], pos["mike"])
	}
	for _, n := range []string{"zulu", "alpha", "mike"} {
		if pos[n].Y != pos["zulu"].Y || pos[n].Y <= pos["split"].Y {
			t.Errorf("%s at %v: the split's children should share the layer below the split at %v", n, pos[n], pos["split"])
		}
	}
	split, middle := pos["split"], pos["alpha"]
	w, _ := DefaultSize(2)
	if math.Abs((split.X+DefaultNodeWidth/2)-(middle.X+w/2)) > DefaultNodeWidth/2 {
		t.Errorf("split at %v is not over its middle child at %v", split, middle)
	}
	assertNoOverlap(t, f, pos)
}

func TestUnreachableWidgetsGoBesideTheTriggersGroup(t *testing.T) {
	f := mustParse(t, `{"states": [
		{"name": "Trigger", "type": "trigger", "transitions": [{"event": "incomingMessage", "next": "a"}]},
		{"name": "orphan1", "type": "set-variables", "transitions": [{"event": "next", "next": "orphan2"}]},
		{"name": "a", "type": "send-message", "transitions": [{"event": "sent", "next": "b"}, {"event": "failed", "next": "Trigger"}]},
		{"name": "orphan2", "type": "set-variables", "transitions": [{"event": "next", "next": "a"}]},
		{"name": "b", "type": "send-message", "transitions": [{"event": "sent", "next": "a"}]},
		{"name": "lonely", "type": "say-play", "transitions": [{"event": "audioComplete"}]},
		{"name": "ring1", "type": "set-variables", "transitions": [{"event": "next", "next": "ring2"}]},
		{"name": "ring2", "type": "set-variables", "transitions": [{"event": "next", "next": "ring1"}]}
	], "initial_state": "Trigger"}`)
	pos := Layout(f, Options{})
	assertNoOverlap(t, f, pos)
	if len(pos) != f.Len() {
		t.Fatalf("got %d positions for %d widgets", len(pos), f.Len())
	}
	right := 0.0
	for _, n := range []string{"Trigger", "a", "b"} {
		right = max(right, pos[n].X+DefaultNodeWidth)
	}
	for _, n := range []string{"orphan1", "orphan2", "lonely", "ring1", "ring2"} {
		if pos[n].X < right {
			t.Errorf("unreachable %s at %v is not right of the trigger's group (ends at x=%v)", n, pos[n], right)
		}
	}
	if pos["orphan2"].Y <= pos["orphan1"].Y || pos["ring2"].Y <= pos["ring1"].Y {
		t.Errorf("chains outside the trigger's group should still go down: orphan1 %v orphan2 %v ring1 %v ring2 %v",
			pos["orphan1"], pos["orphan2"], pos["ring1"], pos["ring2"])
	}
	if pos["b"].Y <= pos["a"].Y || pos["a"].Y <= pos["Trigger"].Y {
		t.Errorf("main chain not layered: Trigger %v a %v b %v", pos["Trigger"], pos["a"], pos["b"])
	}
}

func TestFlowWithoutTriggerOrWithOnlyCycles(t *testing.T) {
	f := mustParse(t, `{"states": [
		{"name": "x", "type": "set-variables", "transitions": [{"event": "next", "next": "y"}]},
		{"name": "y", "type": "set-variables", "transitions": [{"event": "next", "next": "z"}]},
		{"name": "z", "type": "split-based-on", "transitions": [{"event": "noMatch", "next": "x"}, {"event": "match", "next": "z"}]}
	]}`)
	pos := Layout(f, Options{})
	assertNoOverlap(t, f, pos)
	if !(pos["x"].Y < pos["y"].Y && pos["y"].Y < pos["z"].Y) {
		t.Errorf("a cycle entered at its first widget should run down from it: %v", pos)
	}
}

func TestGridSnappingAndSizes(t *testing.T) {
	for _, fx := range fixtures(t) {
		sizes := func(name string) (float64, float64) {
			return 180 + float64(5*len(name)), 70 + 30*float64(fx.flow.State(name).TransitionCount())
		}
		pos := Layout(fx.flow, Options{Grid: 25, NodeSize: sizes, NodeGap: 30, LayerGap: 50})
		names := sortedNames(pos)
		for i, a := range names {
			pa := pos[a]
			if math.Mod(pa.X, 25) != 0 || math.Mod(pa.Y, 25) != 0 {
				t.Errorf("%s: %s at %v is not on the 25 grid", fx.name, a, pa)
			}
			wa, ha := sizes(a)
			for _, b := range names[i+1:] {
				wb, hb := sizes(b)
				if (rect{pa.X, pa.Y, wa, ha}).overlaps(rect{pos[b].X, pos[b].Y, wb, hb}) {
					t.Errorf("%s: with the canvas's sizes %s %v overlaps %s %v", fx.name, a, pa, b, pos[b])
				}
			}
		}
	}
}

func TestUnusableOptionsFallBackToDefaults(t *testing.T) {
	f := fixtures(t)[0].flow
	want := Layout(f, Options{})
	got := Layout(f, Options{
		NodeSize: func(string) (float64, float64) { return math.NaN(), -5 },
		PortX:    func(string, int) float64 { return math.Inf(1) },
		NodeGap:  math.Inf(1), LayerGap: -1, Grid: math.NaN(),
	})
	if !maps.Equal(want, got) {
		t.Errorf("NaN, negative and infinite options should mean the defaults:\n%v\n%v", want, got)
	}
}

func TestEmptyFlowAndSubsetOfUnknownNames(t *testing.T) {
	f := mustParse(t, `{"states": [], "initial_state": ""}`)
	if got := Layout(f, Options{}); len(got) != 0 {
		t.Errorf("empty flow laid out as %v", got)
	}
	if err := model.NewDocument(f).Apply(Op(f, Options{})); err != nil {
		t.Errorf("tidying an empty flow: %v", err)
	}
	one := fixtures(t)[0].flow
	if got := Layout(one, Options{Only: map[string]bool{"no such widget": true}}); len(got) != 0 {
		t.Errorf("subset of unknown names laid out as %v", got)
	}
}

func TestGeneratedFlowOf2000(t *testing.T) {
	f := generated(t, 2000)
	pos := Layout(f, Options{})
	if len(pos) != 2000 {
		t.Fatalf("got %d positions, want 2000", len(pos))
	}
	assertNoOverlap(t, f, pos)
	if pos["Trigger"].Y != 0 || pos["w1"].Y <= 0 {
		t.Errorf("trigger %v, w1 %v", pos["Trigger"], pos["w1"])
	}
	if NeedsLayout(withPositions(t, f, pos)) {
		t.Error("a laid out flow still needs a layout")
	}
}

func TestPortXOptionDecidesChildOrder(t *testing.T) {
	f := mustParse(t, `{"states": [
		{"name": "Trigger", "type": "trigger", "transitions": [{"event": "incomingMessage", "next": "a"}, {"event": "incomingCall", "next": "b"}]},
		{"name": "a", "type": "set-variables", "transitions": [{"event": "next"}]},
		{"name": "b", "type": "set-variables", "transitions": [{"event": "next"}]}
	]}`)
	pos := Layout(f, Options{})
	if pos["a"].X >= pos["b"].X {
		t.Errorf("port 0's child a at %v is not left of port 1's child b at %v", pos["a"], pos["b"])
	}
	mirrored := Layout(f, Options{PortX: func(name string, port int) float64 {
		return DefaultNodeWidth - 40 - 140*float64(port)
	}})
	if mirrored["a"].X <= mirrored["b"].X {
		t.Errorf("with port 0 drawn right of port 1, a at %v should be right of b at %v", mirrored["a"], mirrored["b"])
	}
}

func TestRepeatedNamesAreLaidOutOnce(t *testing.T) {
	f := mustParse(t, `{"states": [
		{"name": "Trigger", "type": "trigger", "transitions": [{"event": "incomingMessage", "next": "twin"}]},
		{"name": "twin", "type": "set-variables", "transitions": [{"event": "next", "next": "end"}]},
		{"name": "twin", "type": "say-play", "transitions": [{"event": "audioComplete"}]},
		{"name": "end", "type": "set-variables", "transitions": [{"event": "next", "next": "nowhere"}]}
	]}`)
	pos := Layout(f, Options{})
	if len(pos) != 3 {
		t.Fatalf("got %v, want one position per name", pos)
	}
	if !(pos["Trigger"].Y < pos["twin"].Y && pos["twin"].Y < pos["end"].Y) {
		t.Errorf("the first twin's wires were not followed: %v", pos)
	}
	doc := model.NewDocument(f)
	if err := doc.Apply(Op(f, Options{})); err != nil {
		t.Fatalf("applying the layout of a flow with repeated names: %v", err)
	}
}

func TestFunnelSharesOneChainOfDummies(t *testing.T) {
	f := funnelFlow(t, 400)
	g := buildGraph(f, nil, sizer{})
	lg := layeredFor(g)[0]
	dummies := 0
	for _, n := range lg.node {
		if n < 0 {
			dummies++
		}
	}
	// 398 failure wires into Error, one layer deeper each: one shared chain
	// down the flow's depth rather than one per wire (about 80,000).
	if dummies > len(lg.layers) {
		t.Errorf("%d dummy vertices for %d layers", dummies, len(lg.layers))
	}
	pos := Layout(f, Options{})
	assertNoOverlap(t, f, pos)
	if pos["Error"].Y <= pos["w397"].Y {
		t.Errorf("Error at %v is not below the last widget that fails into it (%v)", pos["Error"], pos["w397"])
	}
}

func TestDummyBudgetBoundsPathologicalFlows(t *testing.T) {
	// A chain of 1,200 where each widget also jumps 600 ahead, to a target
	// of its own: 600 wires of 600 layers, far past the budget.
	var b strings.Builder
	b.WriteString(`{"states": [{"name": "Trigger", "type": "trigger", "transitions": [{"event": "incomingMessage", "next": "w0"}]}`)
	for i := range 1200 {
		fmt.Fprintf(&b, `, {"name": "w%d", "type": "split-based-on", "transitions": [{"event": "noMatch", "next": "w%d"}, {"event": "match", "next": "w%d"}]}`, i, i+1, i+600)
	}
	b.WriteString("]}")
	f := mustParse(t, b.String())
	g := buildGraph(f, nil, sizer{})
	lg := layeredFor(g)[0]
	dummies := 0
	for _, n := range lg.node {
		if n < 0 {
			dummies++
		}
	}
	if dummies > maxDummies || dummies == 0 {
		t.Errorf("%d dummy vertices, want some and at most %d", dummies, maxDummies)
	}
	pos := Layout(f, Options{})
	assertNoOverlap(t, f, pos)
	for i := range 1199 {
		if a, c := pos[fmt.Sprintf("w%d", i)], pos[fmt.Sprintf("w%d", i+1)]; c.Y <= a.Y {
			t.Fatalf("w%d at %v is not below w%d at %v", i+1, c, i, a)
		}
	}
}
