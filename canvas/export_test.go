package canvas

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/internal/testflows"
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
	e, _, _ := openEditor(t, readFlow(t, testflows.StandbyList), fyne.NewSize(800, 600))
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
	e, _, _ := openEditor(t, readFlow(t, testflows.StandbyList), fyne.NewSize(800, 600))
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

// After widgets move (here a tidy-up), the image is cut to where they are
// now, not to where they were.
func TestExportFitsTheFlowAfterItMoved(t *testing.T) {
	test.NewTempApp(t)
	e, _, _ := openEditor(t, readFlow(t, testflows.FollowupSurvey), fyne.NewSize(800, 600))
	moves := map[string]model.Position{}
	for _, s := range e.doc.Flow().States() {
		moves[s.Name()] = model.Position{X: -5000, Y: -5000}
	}
	if err := e.doc.Apply(model.MoveWidgets(moves)); err != nil {
		t.Fatal(err)
	}
	if err := e.TidyUp(false); err != nil {
		t.Fatal(err)
	}
	snap, err := e.ExportSnapshot()
	if err != nil {
		t.Fatal(err)
	}
	tight := emptyRect()
	for i := range e.graph.nodes {
		tight = tight.union(e.graph.nodes[i].rect())
	}
	for i := range e.graph.wires {
		tight = tight.union(e.graph.wires[i].box)
	}
	tight = tight.grow(viewMargin)
	if w, h := snap.Size(); w != int(math.Ceil(tight.width())) || h != int(math.Ceil(tight.height())) {
		t.Fatalf("image %dx%d, want the flow where it is now: %vx%v", w, h, tight.width(), tight.height())
	}
	var buf bytes.Buffer
	if err := snap.WritePNG(context.Background(), &buf, nil); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	expectHeaders(t, img, e.graph, tight)
}
