package canvas

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/model"
)

func TestFreeSpotKeepsAFreeWishAndOtherwiseTakesTheNearestFreeSpot(t *testing.T) {
	const w, h, gap = 200, 100, 30
	occupied := []worldRect{{0, 0, 300, 120}}
	if got := freeSpot(occupied, w, h, worldPoint{0, 400}, gap); got != (worldPoint{0, 400}) {
		t.Errorf("a free wish moved to %v", got)
	}
	got := freeSpot(occupied, w, h, worldPoint{50, 10}, gap)
	placed := rectAt(got, w, h)
	for _, o := range occupied {
		if placed.grow(gap - 1).intersects(o) {
			t.Fatalf("placed at %v, over %v", placed, o)
		}
	}
	// The nearest free spot from (50,10) is straight below the widget.
	if got.X != 50 || got.Y > 120+gap+placementStep {
		t.Errorf("placed at %v, want just below the widget in the way", got)
	}
	// Surrounded: still somewhere free.
	var wall []worldRect
	for x := -3000.0; x < 3000; x += 250 {
		for y := -3000.0; y < 3000; y += 150 {
			wall = append(wall, worldRect{x, y, x + 240, y + 140})
		}
	}
	got = freeSpot(wall, w, h, worldPoint{0, 0}, gap)
	for _, o := range wall {
		if rectAt(got, w, h).intersects(o) {
			t.Fatalf("in a crowd, placed at %v over %v", got, o)
		}
	}
}

func overlapsAnother(e *Editor, name string) string {
	i := e.graph.byName[name]
	r := e.graph.nodes[i].rect()
	for j := range e.graph.nodes {
		if j != i && r.intersects(e.graph.nodes[j].rect()) {
			return e.graph.nodes[j].name
		}
	}
	return ""
}

func TestAddedWidgetsLandInFreeSpaceNearTheSelectionOrTheViewCentre(t *testing.T) {
	test.NewTempApp(t)
	e, _, _ := openEditor(t, model.NewBlankFlow(), editorSize)
	// On a blank flow the view is centred on the Trigger: the first widget
	// must not cover it.
	first, err := e.AddWidget("say-play")
	if err != nil {
		t.Fatal(err)
	}
	if other := overlapsAnother(e, first); other != "" {
		t.Fatalf("%s covers %s", first, other)
	}
	var names []string
	for range 6 {
		n, err := e.AddWidget("send-message")
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, n)
		if other := overlapsAnother(e, n); other != "" {
			t.Fatalf("%s covers %s", n, other)
		}
		if sel := e.Selection(); len(sel) != 1 || sel[0] != n {
			t.Fatalf("selection %v after adding %s", sel, n)
		}
	}
	// Each lands near the one selected before it: below it.
	for k := 1; k < len(names); k++ {
		a, b := nodeNamed(t, e, names[k-1]), nodeNamed(t, e, names[k])
		if b.pos.Y <= a.pos.Y || b.pos.Y-a.pos.Y > 3*nodeHeight {
			t.Errorf("%s at %v is not just below %s at %v", names[k], b.pos, names[k-1], a.pos)
		}
	}
	if ok, err := e.doc.Undo(); !ok || err != nil {
		t.Fatalf("undo: %v %v", ok, err)
	}
	if e.doc.Flow().State(names[len(names)-1]) != nil {
		t.Error("one undo did not remove the last widget added")
	}
}
