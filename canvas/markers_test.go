package canvas

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/internal/testflows"
	"github.com/studioflow/studioflow/schemas"
)

// shapeOf is the detailed shape drawn for a node this frame.
func shapeOf(t *testing.T, e *Editor, r *editorRenderer, name string) *nodeShape {
	t.Helper()
	k := indexOf(r.visibleNodes, e.graph.byName[name])
	if k < 0 {
		t.Fatalf("%s is not in view (%d nodes in view at zoom %v, size %v)", name, len(r.visibleNodes), e.view.zoom, e.size)
	}
	return r.nodeShapes[k]
}

func hasObject(r *editorRenderer, o fyne.CanvasObject) bool {
	for _, x := range r.Objects() {
		if x == o {
			return true
		}
	}
	return false
}

func TestDiagnosticsShowACountInTheWorstColourAndMessagesOnHover(t *testing.T) {
	test.NewTempApp(t)
	e, r, w := openEditor(t, readFlow(t, ivrFlow), editorSize)
	showAll(e, w) // every widget in view, drawn in detail
	e.SetDiagnostics([]schemas.Diagnostic{
		{Severity: schemas.Warning, Widget: "error", Message: "error is never reached"},
		{Severity: schemas.Error, Widget: "order_no", Message: "timeout must be a number"},
		{Severity: schemas.Warning, Widget: "order_no", Message: "speech is not connected"},
		{Severity: schemas.Error, Message: "about the flow itself"},
	})
	s := shapeOf(t, e, r, "order_no")
	if !hasObject(r, s.badge) || s.badgeText.Text != "2" || s.badge.FillColor != errorColor {
		t.Fatalf("order_no badge: shown %v, text %q, colour %v; want 2 in the error colour", hasObject(r, s.badge), s.badgeText.Text, s.badge.FillColor)
	}
	if s := shapeOf(t, e, r, "error"); s.badgeText.Text != "1" || s.badge.FillColor != warningColor {
		t.Errorf("error badge %q %v, want 1 in the warning colour", s.badgeText.Text, s.badge.FillColor)
	}
	if s := shapeOf(t, e, r, "say_play_1"); hasObject(r, s.badge) {
		t.Error("a widget without findings shows a badge")
	}
	if hasObject(r, r.tip.back) {
		t.Fatal("messages shown before any hover or selection")
	}
	e.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: center(e, nodeNamed(t, e, "order_no"))}})
	if !hasObject(r, r.tip.back) || r.tip.lines[0].Text != "timeout must be a number" || r.tip.lines[1].Text != "speech is not connected" {
		t.Fatalf("hovering order_no shows %q / %q", r.tip.lines[0].Text, r.tip.lines[1].Text)
	}
	e.MouseOut()
	e.SetSelection([]string{"error"})
	if !hasObject(r, r.tip.back) || r.tip.lines[0].Text != "error is never reached" {
		t.Fatalf("selecting error shows %q", r.tip.lines[0].Text)
	}
}

func TestHighlightMarksTheActiveWidgetTheWaitingOneAndTakenWires(t *testing.T) {
	test.NewTempApp(t)
	e, r, w := openEditor(t, readFlow(t, ivrFlow), editorSize)
	showAll(e, w) // every widget in view, drawn in detail
	e.SetHighlight(Highlight{
		Active: "allow_list", Waiting: "order_no", WaitingFor: "keypress",
		Taken:       []WireRef{{From: "Trigger", Transition: 1}, {From: "allow_list", Transition: 0}},
		Breakpoints: []string{"order_lookup"},
	})
	if s := shapeOf(t, e, r, "allow_list"); s.body.StrokeColor != activeColor {
		t.Errorf("active widget outlined in %v", s.body.StrokeColor)
	}
	s := shapeOf(t, e, r, "order_no")
	if s.body.StrokeColor != waitingColor || !hasObject(r, s.waitText) || s.waitText.Text != "Waiting for keypress" {
		t.Errorf("waiting widget: outline %v, tag %q", s.body.StrokeColor, s.waitText.Text)
	}
	if s := shapeOf(t, e, r, "order_lookup"); !hasObject(r, s.breakpoint) {
		t.Error("no breakpoint dot on order_lookup")
	}
	taken := e.graph.nodes[e.graph.byName["Trigger"]].ports[1].wire
	other := nodeNamed(t, e, "allow_split").ports[1].wire
	if ws := r.wireShapes[indexOf(r.visibleWires, taken)]; ws.curves[0].StrokeColor != takenColor {
		t.Errorf("taken wire drawn in %v", ws.curves[0].StrokeColor)
	}
	if ws := r.wireShapes[indexOf(r.visibleWires, other)]; ws.curves[0].StrokeColor == takenColor {
		t.Error("a wire not taken is drawn as taken")
	}
	e.SetDiagnostics([]schemas.Diagnostic{{Severity: schemas.Error, Widget: "error", Message: "say: the text to say is empty"}})
	e.SetSelection([]string{"error"})
	if *saveShots {
		writeShot(t, w, "highlight-and-markers")
	}
	e.ClearHighlight()
	if s := shapeOf(t, e, r, "allow_list"); s.body.StrokeColor == activeColor {
		t.Error("highlight not cleared")
	}
}

func TestUnknownAndRetiredTypesAreMarked(t *testing.T) {
	test.NewTempApp(t)
	f := readFlow(t, testflows.ChatbotHandoff)
	e, _, _ := openEditor(t, f, editorSize)
	found := false
	for _, s := range f.States() {
		if s.Type() == "send-to-auto-pilot" {
			found = true
			if got := nodeNamed(t, e, s.Name()).title; !bytes.Contains([]byte(got), []byte("(legacy)")) && !bytes.Contains([]byte(got), []byte("(end of life)")) {
				t.Errorf("retired Autopilot widget titled %q, want it marked", got)
			}
		}
	}
	if !found {
		t.Fatal("fixture has no send-to-auto-pilot widget")
	}
}

func TestExportPNGDrawsTheWholeFlow(t *testing.T) {
	test.NewTempApp(t)
	e, _, _ := openEditor(t, readFlow(t, testflows.JokeLine), fyne.NewSize(300, 200))
	e.SetDiagnostics([]schemas.Diagnostic{{Severity: schemas.Warning, Widget: e.graph.nodes[3].name, Message: "a warning"}})
	var buf bytes.Buffer
	if err := e.ExportPNG(&buf); err != nil {
		t.Fatal(err)
	}
	if *saveShots {
		if err := os.WriteFile(filepath.Join("..", "shots", "canvas", "export.png"), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	b := e.graph.bounds().grow(viewMargin)
	if got := img.Bounds().Size(); got.X != int(b.width()+0.999) || got.Y != int(b.height()+0.999) {
		t.Fatalf("image %v, want the whole flow %vx%v at zoom 1", got, b.width(), b.height())
	}
	// Every node's header colour appears where the node is.
	for i := range e.graph.nodes {
		n := &e.graph.nodes[i]
		x, y := int(n.pos.X-b.X0+n.width/2), int(n.pos.Y-b.Y0+3)
		r, g, bl, _ := img.At(x, y).RGBA()
		want := headerColor(n)
		if uint8(r>>8) != want.R || uint8(g>>8) != want.G || uint8(bl>>8) != want.B {
			t.Errorf("%s: pixel %v,%v is %v, want its header colour %v", n.name, x, y, img.At(x, y), want)
		}
	}
}

func TestDraggingInTheMinimapCentresTheViewThere(t *testing.T) {
	test.NewTempApp(t)
	e, r, _ := openEditor(t, readFlow(t, testflows.StandbyList), editorSize)
	m := e.mini
	if !hasObject(r, m.viewRect) {
		t.Fatal("no minimap drawn")
	}
	at, size := m.bounds(e.size)
	// The bottom of the minimap holds the flow's last widgets.
	p := at.AddXY(size.Width/2, size.Height-4)
	goal := m.toWorld(fyne.NewPos((p.X-at.X)/m.scaleFor(e.size), (p.Y-at.Y)/m.scaleFor(e.size)))
	drag(e, p.AddXY(0, -10), p, desktop.MouseButtonPrimary, 0)
	if c := e.ViewCenter(); !approx(c.X, goal.X) || !approx(c.Y, goal.Y) {
		t.Fatalf("view centre %v, want the minimap point %v", c, goal)
	}
	if _, ok := e.doc.CanUndo(); ok {
		t.Error("the minimap changed the document")
	}
}

func TestMessagesTooltipIsDrawnOverTheMinimap(t *testing.T) {
	test.NewTempApp(t)
	e, r, _ := openEditor(t, readFlow(t, ivrFlow), editorSize)
	e.ZoomToFit()
	e.SetDiagnostics([]schemas.Diagnostic{{Severity: schemas.Warning, Widget: "error", Message: "error is never reached"}})
	e.SetSelection([]string{"error"})
	at := func(o fyne.CanvasObject) int {
		for i, x := range r.Objects() {
			if x == o {
				return i
			}
		}
		t.Fatalf("%T is not drawn", o)
		return -1
	}
	if tip, mini := at(r.tip.back), at(e.mini.back); tip < mini {
		t.Errorf("the tooltip is drawn at %d, under the minimap at %d", tip, mini)
	}
}

func TestWaitingTagHoldsItsTextAtEveryZoom(t *testing.T) {
	test.NewTempApp(t)
	e, r, _ := openEditor(t, readFlow(t, ivrFlow), editorSize)
	e.ZoomReset()
	e.SetHighlight(Highlight{Waiting: "order_no", WaitingFor: "keys or speech"})
	for e.Zoom() >= overviewZoom {
		e.Reveal("order_no")
		s := shapeOf(t, e, r, "order_no")
		text := fyne.MeasureText(s.waitText.Text, s.waitText.TextSize, fyne.TextStyle{}).Width
		room := s.waitBack.Position().X + s.waitBack.Size().Width - s.waitText.Position().X
		if text > room {
			t.Errorf("at zoom %.2f %q is %.1f wide in a tag with %.1f for it", e.Zoom(), s.waitText.Text, text, room)
		}
		e.ZoomOut()
	}
}

// Fyne draws small text at whole pixel sizes, so a label scaled to a zoom
// between them can come out wider than its room and run into the next one.
func TestPortLabelsStayWithinTheirPortsAtEveryZoomTheyShowAt(t *testing.T) {
	test.NewTempApp(t)
	e, r, _ := openEditor(t, readFlow(t, ivrFlow), editorSize)
	for z := 1.0; (viewport{zoom: z}).detail() == detailFull; z -= 0.01 {
		e.ZoomReset()
		e.zoomBy(z)
		e.Reveal("Trigger")
		s := shapeOf(t, e, r, "Trigger")
		n := nodeNamed(t, e, "Trigger")
		for j := range n.ports {
			l := s.ports[j].label
			text := fyne.MeasureText(l.Text, l.TextSize, fyne.TextStyle{}).Width
			// Labels are fitted to their port less a gap at zoom 1, so
			// that neighbours never touch.
			if room := float32((n.ports[j].width - portGap) * e.Zoom()); text > room {
				t.Errorf("at zoom %.2f the label %q is %.1f wide with %.1f for it", e.Zoom(), l.Text, text, room)
			}
		}
	}
}
