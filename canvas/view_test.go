package canvas

import (
	"flag"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
)

var saveShots = flag.Bool("shots", false, "write each shared flow's rendering to ../shots/canvas/ for a look")

var flowsDir = filepath.Join("..", "..", "shared", "flows")

func loadCatalog(t *testing.T) *schemas.Catalog { return loadCatalogB(t) }

func loadCatalogB(tb testing.TB) *schemas.Catalog {
	tb.Helper()
	cat, err := schemas.Load()
	if err != nil {
		tb.Fatalf("load catalog: %v", err)
	}
	return cat
}

func readFlow(t *testing.T, path string) *model.Flow {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := model.Parse(data)
	if err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	return f
}

func sharedFlows(t *testing.T) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(flowsDir, "*.json"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no flows in %s (%v)", flowsDir, err)
	}
	return paths
}

// showView puts a view in a test window sized to the whole flow and returns
// its renderer.
func showView(t *testing.T, v *FlowView) (*flowRenderer, fyne.Window) {
	t.Helper()
	w := test.NewTempWindow(t, v)
	w.Resize(v.ContentSize())
	return test.TempWidgetRenderer(t, v).(*flowRenderer), w
}

func TestEverySharedFlowDrawsEveryWidgetAndConnection(t *testing.T) {
	test.NewTempApp(t)
	cat := loadCatalog(t)
	for _, path := range sharedFlows(t) {
		name := strings.TrimSuffix(filepath.Base(path), ".json")
		t.Run(name, func(t *testing.T) {
			f := readFlow(t, path)
			v := NewFlowView(f, cat)
			r, w := showView(t, v)

			if len(r.nodes) != f.Len() {
				t.Fatalf("drew %d nodes for %d widgets", len(r.nodes), f.Len())
			}
			size := v.Size()
			for i, s := range f.States() {
				if got := r.nodes[i].name.Text; got != s.Name() && !strings.HasSuffix(got, "…") {
					t.Errorf("node %d is labelled %q, want %q", i, got, s.Name())
				}
				x, y, ok := s.Offset()
				if !ok {
					continue
				}
				want := v.toScreen(worldPoint{x, y}, size)
				if got := r.nodes[i].body.Position(); got != want {
					t.Errorf("%s drawn at %v, want %v", s.Name(), got, want)
				}
			}

			wantWires := 0
			for i, s := range f.States() {
				for p, tr := range s.Transitions() {
					to := f.IndexOf(tr.Next)
					if tr.Next == "" || to < 0 {
						continue
					}
					ws := r.wires[wantWires]
					wantWires++
					start := r.nodes[i].body.Position().Add(portAnchor(v.graph.nodes[i], p))
					end := r.nodes[to].body.Position().Add(inputAnchor(v.graph.nodes[to]))
					first, last := ws.curves[0], ws.curves[0]
					if ws.curves[1].Visible() {
						last = ws.curves[1]
						if !near(first.Position().Add(first.EndPoint), last.Position().Add(last.StartPoint)) {
							t.Errorf("%s/%s: the two halves of a back edge do not meet", s.Name(), tr.Event)
						}
					}
					if got := first.Position().Add(first.StartPoint); !near(got, start.AddXY(0, portDot/2)) {
						t.Errorf("%s/%s wire starts at %v, want its port at %v", s.Name(), tr.Event, got, start)
					}
					if got := last.Position().Add(last.EndPoint); !near(got, end) {
						t.Errorf("%s/%s wire ends at %v, want %s's input at %v", s.Name(), tr.Event, got, tr.Next, end)
					}
				}
			}
			if len(r.wires) != wantWires {
				t.Fatalf("drew %d wires for %d connected transitions", len(r.wires), wantWires)
			}
			if *saveShots {
				writeShot(t, w, name)
			}
		})
	}
}

func near(a, b fyne.Position) bool {
	d := a.Subtract(b)
	return d.X*d.X+d.Y*d.Y < 0.01
}

func writeShot(t *testing.T, w fyne.Window, name string) {
	t.Helper()
	dir := filepath.Join("..", "shots", "canvas")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	out, err := os.Create(filepath.Join(dir, name+".png"))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	if err := png.Encode(out, w.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}

func TestWireEntersTargetFromAboveAndCurveBoxHoldsItsPoints(t *testing.T) {
	test.NewTempApp(t)
	v := NewFlowView(readFlow(t, filepath.Join(flowsDir, "mgmuscari__accfb-foodnow__studio_fallback_flow.json")), loadCatalog(t))
	r, _ := showView(t, v)
	if len(r.wires) == 0 {
		t.Fatal("no wires drawn")
	}
	for i, ws := range r.wires {
		c := ws.curves[0]
		if ws.curves[1].Visible() {
			c = ws.curves[1]
		}
		for _, p := range append([]fyne.Position{c.StartPoint, c.EndPoint}, c.ControlPoints...) {
			if p.X < 0 || p.Y < 0 || p.X > c.Size().Width+0.01 || p.Y > c.Size().Height+0.01 {
				t.Errorf("wire %d: point %v outside its curve's box %v", i, p, c.Size())
			}
		}
		if len(c.ControlPoints) != 2 || c.ControlPoints[1].Y >= c.EndPoint.Y {
			t.Errorf("wire %d: last control point %v should sit above the end %v", i, c.ControlPoints, c.EndPoint)
		}
	}
}

func TestWidgetsWithoutOffsetAreLinedUpBelowTheOthers(t *testing.T) {
	test.NewTempApp(t)
	f, err := model.Parse([]byte(`{"description":"d","initial_state":"Trigger","flags":{"allow_concurrent_calls":true},
	  "states":[
	    {"name":"Trigger","type":"trigger","transitions":[{"event":"incomingMessage","next":"a"}],"properties":{"offset":{"x":0,"y":0}}},
	    {"name":"a","type":"send-message","transitions":[{"event":"sent","next":"b"}],"properties":{}},
	    {"name":"b","type":"no-such-widget","transitions":[],"properties":{}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	v := NewFlowView(f, loadCatalog(t))
	r, _ := showView(t, v)
	trigger, a, b := r.nodes[0].body, r.nodes[1].body, r.nodes[2].body
	if a.Position().Y < trigger.Position().Y+trigger.Size().Height {
		t.Errorf("unplaced widget a at %v overlaps the trigger ending at y=%v", a.Position(), trigger.Position().Y+trigger.Size().Height)
	}
	if b.Position().Y != a.Position().Y || b.Position().X < a.Position().X+a.Size().Width {
		t.Errorf("unplaced widgets a %v and b %v should sit side by side", a.Position(), b.Position())
	}
	if got := r.nodes[2].title.Text; got != "no-such-widget (unknown type)" {
		t.Errorf("unknown type titled %q", got)
	}
	if got := r.nodes[1].title.Text; got != "Send Message" {
		t.Errorf("send-message titled %q, want the catalog's title", got)
	}
	if len(r.wires) != 2 {
		t.Errorf("drew %d wires, want 2", len(r.wires))
	}
}

func TestSetFlowRebuildsTheDrawing(t *testing.T) {
	test.NewTempApp(t)
	cat := loadCatalog(t)
	v := NewFlowView(readFlow(t, filepath.Join(flowsDir, "twilio-demos__dtolb-gd-poc__studio-flow.json")), cat)
	r, _ := showView(t, v)
	if len(r.nodes) != 3 {
		t.Fatalf("first flow: %d nodes, want 3", len(r.nodes))
	}
	v.SetFlow(readFlow(t, filepath.Join(flowsDir, "mbarry-owl__OrderLookupIVR__studio_flow.json")))
	if len(r.nodes) != 8 {
		t.Fatalf("after SetFlow: %d nodes, want 8", len(r.nodes))
	}
	if got := len(r.Objects()); got < 8*4 {
		t.Fatalf("after SetFlow the renderer holds %d objects, too few for 8 nodes", got)
	}
}

func TestLegacyTypeIsMarked(t *testing.T) {
	test.NewTempApp(t)
	f := readFlow(t, filepath.Join(flowsDir, "twilio-labs__function-templates__volunteer-communication-center_Chatbot-Integration_flow.json"))
	v := NewFlowView(f, loadCatalog(t))
	r, _ := showView(t, v)
	found := false
	for i, s := range f.States() {
		if s.Type() == "send-to-auto-pilot" {
			found = true
			if got := r.nodes[i].title.Text; !strings.Contains(got, "Autopilot") || !strings.Contains(got, "(legacy)") && !strings.Contains(got, "(end of life)") {
				t.Errorf("retired Autopilot widget titled %q, want it marked", got)
			}
		}
	}
	if !found {
		t.Fatal("fixture has no send-to-auto-pilot widget")
	}
}
