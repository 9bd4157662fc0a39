package canvas

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/assets"
	"github.com/studioflow/studioflow/canvas/uiloop"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
)

// A flow that fits across but not down at the smallest readable zoom opens
// at that zoom with every widget across in view, not cut at one side around
// the trigger.
func TestInitialViewShowsTheWholeWidthWhenItFits(t *testing.T) {
	test.NewTempApp(t)
	f, err := model.Parse(assets.ExampleFlow())
	if err != nil {
		t.Fatal(err)
	}
	cat, err := schemas.Load()
	if err != nil {
		t.Fatal(err)
	}
	e := NewEditor(model.NewDocument(f), cat, uiloop.NewQueue())
	w := test.NewTempWindow(t, e)
	b := e.graph.bounds()
	w.Resize(fyne.NewSize(float32(b.width()*readableZoom)+20, float32(b.height()*readableZoom)/2))
	if e.view.zoom != readableZoom {
		t.Fatalf("zoom %v; this check wants a flow that does not fit whole at a readable zoom", e.view.zoom)
	}
	vis := e.view.visible(e.size)
	for _, n := range e.graph.nodes {
		r := n.rect()
		if r.X0 < vis.X0 || r.X1 > vis.X1 {
			t.Errorf("%s spans x %.0f..%.0f, outside the view's %.0f..%.0f", n.name, r.X0, r.X1, vis.X0, vis.X1)
		}
	}
}
