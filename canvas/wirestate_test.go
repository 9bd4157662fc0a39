package canvas

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/assets"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
)

// Wires show their state: plain, touching the selection, invalid, taken by
// a run; each thicker than a hairline.
func TestWiresShowSelectedInvalidAndRunState(t *testing.T) {
	test.NewTempApp(t)
	f, err := model.Parse(assets.ExampleFlow())
	if err != nil {
		t.Fatal(err)
	}
	e, r, w := openEditor(t, f, fyne.NewSize(735, 545))
	showAll(e, w)
	look := func() (color.Color, float32) {
		for k, wi := range r.visibleWires {
			if wr := &e.graph.wires[wi]; e.graph.nodes[wr.from].name == "call_user_1" && wr.port == 0 {
				c := r.wireShapes[k].curves[0]
				return c.StrokeColor, c.StrokeWidth
			}
		}
		t.Fatal("call_user_1's Answered wire is not drawn")
		return nil, 0
	}
	plainColor, plain := look()
	if plainColor != r.pal.wire || plain < minWireStroke {
		t.Errorf("plain wire %v at %.1f px", plainColor, plain)
	}
	e.SetSelection([]string{"say_play_1"})
	if c, wd := look(); c != r.pal.primary || wd <= plain {
		t.Errorf("wire into the selected widget: %v at %.1f px", c, wd)
	}
	e.SetSelection(nil)
	e.SetDiagnostics([]schemas.Diagnostic{{Severity: schemas.Error, Widget: "call_user_1", Path: "/states/3/transitions/0/next", Message: "bad"}})
	if c, _ := look(); c != errorColor {
		t.Errorf("invalid wire drawn in %v", c)
	}
	e.SetHighlight(Highlight{Taken: []WireRef{{From: "call_user_1", Transition: 0}}})
	if c, wd := look(); c != takenColor || wd <= plain {
		t.Errorf("wire taken by a run: %v at %.1f px", c, wd)
	}
}
