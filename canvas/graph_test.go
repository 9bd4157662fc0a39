package canvas

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	fynecanvas "fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/model/modeltest"
)

func parseFlow(t *testing.T, states string) *model.Flow {
	t.Helper()
	f, err := model.Parse([]byte(`{"description":"d","initial_state":"Trigger","flags":{"allow_concurrent_calls":true},"states":[` + states + `]}`))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestBackEdgesSelfLoopsAndWiresIntoOneNodeStayApart(t *testing.T) {
	test.NewTempApp(t)
	f := parseFlow(t, `
	  {"name":"Trigger","type":"trigger","transitions":[{"event":"incomingMessage","next":"a"},{"event":"incomingCall","next":"b"}],"properties":{"offset":{"x":0,"y":0}}},
	  {"name":"a","type":"send-message","transitions":[{"event":"sent","next":"b"},{"event":"failed","next":"a"}],"properties":{"offset":{"x":0,"y":200}}},
	  {"name":"b","type":"say-play","transitions":[{"event":"audioComplete","next":"Trigger"},{"event":"hangup","next":"x"}],"properties":{"offset":{"x":0,"y":400}}}`)
	g := buildGraph(f, loadCatalog(t), newTextMeasurer(), nil, nil)
	wireOf := func(from string, port int) *wire {
		w := g.nodes[g.byName[from]].ports[port].wire
		if w < 0 {
			t.Fatalf("%s/%d has no wire", from, port)
		}
		return &g.wires[w]
	}
	self := wireOf("a", 1)
	a := g.nodes[g.byName["a"]]
	if !self.back || self.aside <= a.pos.X+a.width {
		t.Errorf("self-loop: back %v aside %v, want it around the right of a (ends at %v)", self.back, self.aside, a.pos.X+a.width)
	}
	up := wireOf("b", 0)
	if !up.back || up.aside <= a.pos.X+a.width {
		t.Errorf("b → Trigger climbs at %v, not right of a in between", up.aside)
	}
	if up.path[0].start != g.nodes[g.byName["b"]].portAnchor(0) || up.path[len(up.path)-1].end.Y != 0 {
		t.Errorf("back edge runs %v … %v", up.path[0].start, up.path[len(up.path)-1].end)
	}
	// Trigger/incomingCall and a/sent both enter b: at different points.
	one, two := wireOf("Trigger", 1), wireOf("a", 0)
	if one.arrive == two.arrive {
		t.Errorf("two wires enter b at the same x %v", one.arrive)
	}
	if p := g.nodes[g.byName["b"]].ports[1]; !p.dangling || p.wire >= 0 {
		t.Error("a transition to a missing widget should be marked dangling with no wire")
	}
}

func TestOnlyWhatIsInViewIsInTheRenderersObjects(t *testing.T) {
	test.NewTempApp(t)
	e, r, _ := openEditor(t, modeltest.GenerateFlow(2000), fyne.NewSize(1280, 800))
	e.ZoomReset()
	if n := len(r.visibleNodes); n == 0 || n > 60 {
		t.Fatalf("%d of 2000 nodes bound at zoom 1 in a 1280×800 view", n)
	}
	if n := len(r.Objects()); n > 1500 {
		t.Fatalf("%d canvas objects for %d nodes in view", n, len(r.visibleNodes))
	}
	vis := e.view.visible(e.size)
	for _, i := range r.visibleNodes {
		if !e.graph.nodes[i].rect().intersects(vis.grow(arrowWidth)) {
			t.Errorf("%s is bound but out of view", e.graph.nodes[i].name)
		}
	}

	// Zoomed out: plain boxes and lines, no text.
	e.view.zoom = overviewZoom * 1.5
	e.Refresh()
	if len(r.visibleNodes) < 100 {
		t.Fatalf("zoomed out to %v, only %d nodes in view", e.view.zoom, len(r.visibleNodes))
	}
	for _, o := range r.Objects() {
		if _, ok := o.(*fynecanvas.Text); ok {
			t.Fatal("text drawn when zoomed out")
		}
		if _, ok := o.(*fynecanvas.BezierCurve); ok {
			t.Fatal("curves drawn when zoomed out")
		}
	}
	// The whole flow: one picture.
	e.ZoomToFit()
	if n := len(r.Objects()); n > 10 || !hasObject(r, r.overview.raster) {
		t.Fatalf("the whole flow in view takes %d objects, want the overview picture", n)
	}
	img := r.overview.render(int(e.size.Width), int(e.size.Height))
	for _, name := range []string{"Trigger", "w1000", "w1999"} {
		n := nodeNamed(t, e, name)
		p := screenOf(e, n.pos.add(n.width/2, nodeHeight/2))
		got := img.At(int(p.X), int(p.Y)).(color.NRGBA)
		if got != headerColor(n) {
			t.Errorf("overview shows %v at %s, want its colour %v", got, name, headerColor(n))
		}
	}

	// Pools are reused: zooming back in allocates no new node shapes.
	e.ZoomReset()
	shapes := len(r.nodeShapes)
	e.ZoomIn()
	e.ZoomOut()
	if len(r.nodeShapes) > shapes+len(r.visibleNodes) {
		t.Errorf("node shape pool grew from %d to %d", shapes, len(r.nodeShapes))
	}
}
