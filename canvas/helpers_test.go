package canvas

import (
	"flag"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/canvas/uiloop"
	"github.com/studioflow/studioflow/internal/corpus"
	"github.com/studioflow/studioflow/internal/testflows"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
)

var saveShots = flag.Bool("shots", false, "write renderings to ../shots/canvas/ for a look")

func loadCatalog(tb testing.TB) *schemas.Catalog {
	tb.Helper()
	cat, err := schemas.Load()
	if err != nil {
		tb.Fatalf("load catalog: %v", err)
	}
	return cat
}

func readFlow(tb testing.TB, name string) *model.Flow {
	tb.Helper()
	path := name
	if filepath.Dir(name) == "." {
		path = testflows.Path(name)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	f, err := model.Parse(data)
	if err != nil {
		tb.Fatalf("parse %s: %v", path, err)
	}
	return f
}

// flowPaths returns the project's fixtures and, when they sit beside the
// checkout, the real exports too.
func flowPaths(t *testing.T) []string {
	t.Helper()
	real, _ := filepath.Glob(filepath.Join(corpus.FlowsDir(), "*.json"))
	return append(testflows.Paths(), real...)
}

// openEditor shows an editor of f in a test window of the given size and
// returns it with its renderer.
func openEditor(tb testing.TB, f *model.Flow, size fyne.Size) (*Editor, *editorRenderer, fyne.Window) {
	tb.Helper()
	// The test driver runs fyne.Do at once on the calling goroutine: the
	// auto-scrolling ticker posts its steps to a queue instead, which tests
	// run on their own goroutine (uiQueue), and stops with the test.
	e := NewEditor(model.NewDocument(f), loadCatalog(tb), uiloop.NewQueue())
	tb.Cleanup(e.stopAutoPan)
	w := test.NewTempWindow(tb, e)
	w.SetPadded(false)
	w.Resize(size)
	return e, test.WidgetRenderer(e).(*editorRenderer), w
}

// uiQueue is the queue an editor of openEditor posts its background updates to.
func uiQueue(e *Editor) *uiloop.Queue { return e.post.(*uiloop.Queue) }

// showAll places the view so that the whole flow is in view at zoom 1.
func showAll(e *Editor, w fyne.Window) {
	b := e.graph.bounds().grow(viewMargin)
	w.Resize(fyne.NewSize(float32(b.width()), float32(b.height())))
	e.view = viewport{origin: worldPoint{b.X0, b.Y0}, zoom: 1}
	e.viewTouched = true
	e.changed()
}

// drag sends the events a real mouse drag gives: a press with the
// button and modifiers, moves in steps (each Dragged carries the position
// reached and the step), the release.
func drag(e *Editor, from, to fyne.Position, button desktop.MouseButton, mods fyne.KeyModifier) {
	e.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}, Button: button, Modifier: mods})
	const steps = 5
	prev := from
	for s := 1; s <= steps; s++ {
		t := float32(s) / steps
		cur := fyne.NewPos(from.X+(to.X-from.X)*t, from.Y+(to.Y-from.Y)*t)
		e.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: cur}, Dragged: fyne.NewDelta(cur.X-prev.X, cur.Y-prev.Y)})
		prev = cur
	}
	e.DragEnd()
	e.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: to}, Button: button, Modifier: mods})
}

// screenOf is where world point p is in the editor.
func screenOf(e *Editor, p worldPoint) fyne.Position { return e.view.toScreen(p) }

func nodeNamed(tb testing.TB, e *Editor, name string) *node {
	tb.Helper()
	i, ok := e.graph.byName[name]
	if !ok {
		tb.Fatalf("no node %q", name)
	}
	return &e.graph.nodes[i]
}

func offsetOf(tb testing.TB, e *Editor, name string) (float64, float64) {
	tb.Helper()
	s := e.doc.Flow().State(name)
	if s == nil {
		tb.Fatalf("no widget %q in the document", name)
	}
	x, y, ok := s.Offset()
	if !ok {
		tb.Fatalf("widget %q has no offset", name)
	}
	return x, y
}

func writeShot(tb testing.TB, w fyne.Window, name string) {
	tb.Helper()
	dir := filepath.Join("..", "shots", "canvas")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	out, err := os.Create(filepath.Join(dir, name+".png"))
	if err != nil {
		tb.Fatal(err)
	}
	defer out.Close()
	if err := png.Encode(out, w.Canvas().Capture()); err != nil {
		tb.Fatal(err)
	}
}
