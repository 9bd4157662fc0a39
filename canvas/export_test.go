package canvas

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/model"
)

// expectHeaders checks that every node of g shows its header colour at the
// top of its header in img, painted from bounds b at zoom 1.
func expectHeaders(t *testing.T, img image.Image, g *graph, b worldRect) {
	t.Helper()
	for i := range g.nodes {
		n := &g.nodes[i]
		x, y := int(n.pos.X-b.X0+n.width/2), int(n.pos.Y-b.Y0+3)
		r, gr, bl, _ := img.At(x, y).RGBA()
		want := headerColor(n)
		if uint8(r>>8) != want.R || uint8(gr>>8) != want.G || uint8(bl>>8) != want.B {
			t.Errorf("%s: pixel %v,%v is %v, want its header colour %v", n.name, x, y, img.At(x, y), want)
		}
	}
}

// The image is painted on another goroutine from a snapshot while the
// editor goes on changing on its own (run with -race: they share nothing),
// and shows the flow as it was when the snapshot was taken.
func TestExportPaintsASnapshotOffTheUIGoroutine(t *testing.T) {
	test.NewTempApp(t)
	e, _, _ := openEditor(t, readFlow(t, "twilio-labs__function-templates__vaccine-standby-list_sms-studio-flow.json"), fyne.NewSize(800, 600))
	before := buildGraph(e.doc.Flow(), e.catalog, newTextMeasurer(), nil, nil)
	b := e.graph.bounds().grow(viewMargin)
	snap, err := e.ExportSnapshot()
	if err != nil {
		t.Fatal(err)
	}
	type result struct {
		data []byte
		err  error
	}
	done := make(chan result, 1)
	var progress []float64
	go func() {
		var buf bytes.Buffer
		err := snap.WritePNG(context.Background(), &buf, func(f float64) { progress = append(progress, f) })
		done <- result{buf.Bytes(), err}
	}()
	// Meanwhile the user moves every widget and retitles the flow.
	moves := map[string]model.Position{}
	for _, s := range e.doc.Flow().States() {
		x, y, _ := s.Offset()
		moves[s.Name()] = model.Position{X: x + 3000, Y: y + 500}
	}
	if err := e.doc.Apply(model.MoveWidgets(moves)); err != nil {
		t.Fatal(err)
	}
	e.Refresh()
	res := <-done
	if res.err != nil {
		t.Fatal(res.err)
	}
	img, err := png.Decode(bytes.NewReader(res.data))
	if err != nil {
		t.Fatal(err)
	}
	if w, h := snap.Size(); img.Bounds().Dx() != w || img.Bounds().Dy() != h {
		t.Fatalf("image %v, want the snapshot's %dx%d", img.Bounds(), w, h)
	}
	expectHeaders(t, img, before, b)
	if len(progress) < 2 || progress[len(progress)-1] != 1 {
		t.Errorf("progress reported %v, want steps up to 1", progress)
	}
	for i := 1; i < len(progress); i++ {
		if progress[i] < progress[i-1] {
			t.Fatalf("progress went back: %v", progress)
		}
	}
}

func TestCancellingAnExportStopsIt(t *testing.T) {
	test.NewTempApp(t)
	e, _, _ := openEditor(t, readFlow(t, "twilio-labs__function-templates__vaccine-standby-list_sms-studio-flow.json"), fyne.NewSize(800, 600))
	snap, err := e.ExportSnapshot()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var buf bytes.Buffer
	calls := 0
	err = snap.WritePNG(ctx, &buf, func(float64) {
		calls++
		cancel()
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("export cancelled at its first progress step returned %v, want context.Canceled", err)
	}
	if calls != 1 || buf.Len() != 0 {
		t.Errorf("after cancelling: %d progress calls, %d bytes written; want 1 and none", calls, buf.Len())
	}
}
