package layout

import (
	"bytes"
	"maps"
	"math"
	"testing"

	"github.com/studioflow/studioflow/model"
)

// offsets reads every widget's stored offset.
func offsets(t *testing.T, f *model.Flow) map[string]model.Position {
	t.Helper()
	out := map[string]model.Position{}
	for _, s := range f.States() {
		if x, y, ok := s.Offset(); ok {
			out[s.Name()] = model.Position{X: x, Y: y}
		}
	}
	return out
}

func TestOpAppliesTheLayoutAndUndoesExactly(t *testing.T) {
	for _, fx := range fixtures(t) {
		t.Run(fx.name, func(t *testing.T) {
			want := Layout(fx.flow, Options{Grid: 10})
			doc := model.NewDocument(fx.flow.Clone())
			before := doc.Flow().Marshal()
			if err := doc.Apply(Op(doc.Flow(), Options{Grid: 10})); err != nil {
				t.Fatalf("applying the layout: %v", err)
			}
			if label, _ := doc.CanUndo(); label != "Tidy up" {
				t.Errorf("undo step is %q, want \"Tidy up\"", label)
			}
			after := doc.Flow().Marshal()
			if got := offsets(t, doc.Flow()); !maps.Equal(got, want) {
				t.Errorf("offsets after the op\n%v\nwant the layout\n%v", got, want)
			}
			if ok, err := doc.Undo(); !ok || err != nil {
				t.Fatalf("undo: %v %v", ok, err)
			}
			if !bytes.Equal(doc.Flow().Marshal(), before) {
				t.Error("one undo did not restore the flow byte for byte")
			}
			if _, more := doc.CanUndo(); more {
				t.Error("the layout took more than one undo step")
			}
			if ok, err := doc.Redo(); !ok || err != nil {
				t.Fatalf("redo: %v %v", ok, err)
			}
			if !bytes.Equal(doc.Flow().Marshal(), after) {
				t.Error("redo did not bring the layout back")
			}
		})
	}
}

func TestSubsetLayoutMovesOnlyTheSubset(t *testing.T) {
	for _, fx := range fixtures(t) {
		states := fx.flow.States()
		if len(states) < 4 {
			continue
		}
		t.Run(fx.name, func(t *testing.T) {
			only := map[string]bool{}
			for _, s := range states[len(states)/2:] {
				only[s.Name()] = true
			}
			old := offsets(t, fx.flow)
			pos := Layout(fx.flow, Options{Only: only})
			if len(pos) != len(only) {
				t.Fatalf("got positions for %d widgets, want the %d selected", len(pos), len(only))
			}
			for n := range pos {
				if !only[n] {
					t.Errorf("%s is not selected but was placed", n)
				}
			}
			assertNoOverlap(t, fx.flow, pos)
			oldBox, newBox := newBox(), newBox()
			for n := range only {
				w, h := DefaultSize(fx.flow.State(n).TransitionCount())
				oldBox.add(old[n].X, old[n].Y, w, h)
				newBox.add(pos[n].X, pos[n].Y, w, h)
			}
			dx, dy := newBox.x0-oldBox.x0, newBox.y0-oldBox.y0
			atOldCorner := map[string]model.Position{}
			for n, p := range pos {
				atOldCorner[n] = model.Position{X: p.X - dx, Y: p.Y - dy}
			}
			free := !coversOthers(fx.flow, only, atOldCorner, old)
			switch {
			case free && (dx != 0 || dy != 0):
				t.Errorf("the old corner (%v,%v) was free, but the subset went to (%v,%v)", oldBox.x0, oldBox.y0, newBox.x0, newBox.y0)
			case coversOthers(fx.flow, only, pos, old):
				t.Errorf("the subset at (%v,%v) covers widgets outside it", newBox.x0, newBox.y0)
			case math.Abs(dx) > searchRings*2*DefaultNodeGap || math.Abs(dy) > searchRings*DefaultLayerGap:
				t.Errorf("the subset moved by (%v,%v), away from its region", dx, dy)
			}
			t.Logf("subset moved by (%v,%v) from its old corner", dx, dy)

			doc := model.NewDocument(fx.flow.Clone())
			before := doc.Flow().Marshal()
			if err := doc.Apply(Op(doc.Flow(), Options{Only: only})); err != nil {
				t.Fatalf("applying the subset layout: %v", err)
			}
			for n, p := range offsets(t, doc.Flow()) {
				want := old[n]
				if only[n] {
					want = pos[n]
				}
				if p != want {
					t.Errorf("%s at %v, want %v (selected: %v)", n, p, want, only[n])
				}
			}
			if _, err := doc.Undo(); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(doc.Flow().Marshal(), before) {
				t.Error("undo of the subset layout did not restore the flow byte for byte")
			}
		})
	}
}

// coversOthers reports, by brute force, whether a subset at pos overlaps a
// widget outside it at its old offset.
func coversOthers(f *model.Flow, only map[string]bool, pos, old map[string]model.Position) bool {
	for n, p := range pos {
		for m, q := range old {
			if !only[m] && placedRect(f, n, p).overlaps(placedRect(f, m, q)) {
				return true
			}
		}
	}
	return false
}

func TestSubsetLayoutAvoidsTheOtherWidgets(t *testing.T) {
	// a and b sat cramped on top of each other, with c right below them:
	// laid out, a and b stack and would cover c at the old corner.
	f := mustParse(t, `{"states": [
		{"name": "Trigger", "type": "trigger", "transitions": [{"event": "incomingMessage", "next": "a"}], "properties": {"offset": {"x": 0, "y": 0}}},
		{"name": "a", "type": "set-variables", "transitions": [{"event": "next", "next": "b"}], "properties": {"offset": {"x": 0, "y": 200}}},
		{"name": "b", "type": "set-variables", "transitions": [{"event": "next", "next": "c"}], "properties": {"offset": {"x": 0, "y": 210}}},
		{"name": "c", "type": "set-variables", "transitions": [{"event": "next"}], "properties": {"offset": {"x": 0, "y": 300}}}
	]}`)
	only := map[string]bool{"a": true, "b": true}
	pos := Layout(f, Options{Only: only})
	old := offsets(t, f)
	if coversOthers(f, only, pos, old) {
		t.Errorf("subset at %v covers the trigger or c", pos)
	}
	if pos["b"].Y <= pos["a"].Y {
		t.Errorf("b at %v is not below a at %v", pos["b"], pos["a"])
	}
	if d := math.Hypot(pos["a"].X, pos["a"].Y-200); d > 3*2*DefaultNodeGap {
		t.Errorf("a went to %v, %v away from where it was", pos["a"], d)
	}
}

func TestSubsetLayoutFollowsWiresInsideTheSubsetOnly(t *testing.T) {
	f := mustParse(t, `{"states": [
		{"name": "Trigger", "type": "trigger", "transitions": [{"event": "incomingMessage", "next": "a"}], "properties": {"offset": {"x": 0, "y": 0}}},
		{"name": "a", "type": "set-variables", "transitions": [{"event": "next", "next": "b"}], "properties": {"offset": {"x": 500, "y": 400}}},
		{"name": "b", "type": "set-variables", "transitions": [{"event": "next", "next": "c"}], "properties": {"offset": {"x": 500, "y": 400}}},
		{"name": "c", "type": "set-variables", "transitions": [{"event": "next"}], "properties": {"offset": {"x": 900, "y": 300}}}
	]}`)
	pos := Layout(f, Options{Only: map[string]bool{"b": true, "c": true, "a": true}})
	if pos["a"] != (model.Position{X: 500, Y: 300}) {
		t.Errorf("the head of the selection went to %v, want the selection's old top-left corner (500,300)", pos["a"])
	}
	if !(pos["a"].Y < pos["b"].Y && pos["b"].Y < pos["c"].Y) {
		t.Errorf("selection not laid out along its wires: %v", pos)
	}
}

func TestSubsetWithoutOffsetsGoesBelowTheRest(t *testing.T) {
	f := mustParse(t, `{"states": [
		{"name": "Trigger", "type": "trigger", "transitions": [{"event": "incomingMessage", "next": "a"}], "properties": {"offset": {"x": 100, "y": 50}}},
		{"name": "a", "type": "set-variables", "transitions": [{"event": "next"}], "properties": {}}
	]}`)
	pos := Layout(f, Options{Only: map[string]bool{"a": true}})
	_, th := DefaultSize(1)
	if p := pos["a"]; p.X != 100 || p.Y <= 50+th {
		t.Errorf("unplaced selection at %v, want it below the trigger (x=100, y>%v)", p, 50+th)
	}
}
