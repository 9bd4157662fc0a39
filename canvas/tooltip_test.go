package canvas

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/schemas"
)

// A widget's messages show whole in its callout, wrapped, and the callout
// keeps clear of the minimap, wherever the widget is (zoomed to fit, the
// bottom right widgets sit by the minimap; the callout was drawn over it,
// and a long message was cut with "…").
func TestTheCalloutShowsWholeMessagesClearOfTheMinimap(t *testing.T) {
	test.NewTempApp(t)
	e, r, _ := openEditor(t, readFlow(t, ivrFlow), editorSize)
	e.ZoomToFit()
	const message = "url is empty: there is nothing to call; the widget takes fail when it runs, so every caller who reaches it hears the failure branch"
	miniAt, miniSize := e.mini.bounds(e.size)
	if !e.mini.shown(e.size) {
		t.Fatal("no minimap shown")
	}
	// A widget just above the minimap, another just left of it, another
	// half out of view under it.
	nodes := append([]node(nil), e.graph.nodes...)
	for i, p := range []fyne.Position{
		miniAt.AddXY(0, -nodeHeight-4), miniAt.AddXY(-float32(nodes[0].width)-4, 0), miniAt.AddXY(0, miniSize.Height),
	} {
		nodes[i].pos = e.view.toWorld(p)
		e.graph.nodes[e.graph.byName[nodes[i].name]].pos = nodes[i].pos
	}
	for _, n := range nodes {
		e.SetDiagnostics([]schemas.Diagnostic{{Severity: schemas.Warning, Widget: n.name, Message: message}})
		e.SetSelection([]string{n.name})
		at, size := r.tip.back.Position(), r.tip.back.Size()
		if at.X < miniAt.X+miniSize.Width && at.X+size.Width > miniAt.X && at.Y < miniAt.Y+miniSize.Height && at.Y+size.Height > miniAt.Y {
			t.Errorf("%s: the callout %v+%v covers the minimap %v+%v", n.name, at, size, miniAt, miniSize)
		}
		var words []string
		for _, l := range r.tip.lines {
			if hasObject(r, l) {
				if w := fyne.MeasureText(l.Text, l.TextSize, l.TextStyle).Width; w > size.Width {
					t.Errorf("%s: the line %q is %v wide in a %v-wide callout", n.name, l.Text, w, size.Width)
				}
				words = append(words, l.Text)
			}
		}
		if got := strings.Join(words, " "); got != message {
			t.Errorf("%s: the callout says %q, want the whole message", n.name, got)
		}
	}
}
