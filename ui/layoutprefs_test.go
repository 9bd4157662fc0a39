package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/assets"
	"github.com/studioflow/studioflow/canvas/uiloop"
	"github.com/studioflow/studioflow/internal/prefstore"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
)

func exampleFlow(tb testing.TB) *model.Flow {
	tb.Helper()
	f, err := model.Parse(assets.ExampleFlow())
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

// An editor window opens at the size and pane widths the last one closed
// with, and with the minimap as it was left.
func TestWindowAndPaneSizesAreRemembered(t *testing.T) {
	a := test.NewTempApp(t)
	prefs := prefstore.InMemory()
	e := newTestEditor(t, a, Options{Flow: exampleFlow(t), Prefs: prefs})
	if !e.MinimapShown() {
		t.Fatal("first window: no minimap")
	}
	e.win.Resize(fyne.NewSize(1100, 720))
	e.mainSplit.SetOffset(0.12)
	e.center.SetOffset(0.8)
	e.dock.split.SetOffset(0.66)
	e.SetMinimapShown(false)
	e.closeNow()

	opts := Options{Flow: exampleFlow(t), Prefs: prefs, RecoveryDir: t.TempDir(), syncValidation: true, post: uiloop.NewQueue()}
	next, err := NewEditor(a, loadCatalog(t), opts)
	if err != nil {
		t.Fatal(err)
	}
	if got := next.win.Canvas().Size(); got != fyne.NewSize(1100, 720) {
		t.Errorf("window reopened at %v, want 1100×720", got)
	}
	for name, c := range map[string]struct{ got, want float64 }{
		"library": {next.mainSplit.Offset, 0.12}, "canvas": {next.center.Offset, 0.8}, "problems": {next.dock.split.Offset, 0.66},
	} {
		if c.got != c.want {
			t.Errorf("%s share %v, want %v", name, c.got, c.want)
		}
	}
	if next.MinimapShown() {
		t.Error("the minimap was hidden but shows again")
	}
	for _, it := range menuItems(next, "View") {
		if it.Label == "Show Minimap" && it.Checked {
			t.Error("View ▸ Show Minimap is checked while hidden")
		}
	}
}

func menuItems(e *Editor, menu string) []*fyne.MenuItem {
	for _, m := range e.win.MainMenu().Items {
		if m.Label == menu {
			return m.Items
		}
	}
	return nil
}

// With no problems the Problems pane is one status line; it opens when the
// flow has problems and folds back when they are fixed.
func TestProblemsPaneOpensOnlyWhenSomethingIsWrong(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{Flow: exampleFlow(t)})
	e.diagnosticsChanged(nil)
	if e.dock.Open() {
		t.Fatal("the Problems pane is open with nothing to say")
	}
	canvasH := e.canvas.Object().Size().Height
	bad := []schemas.Diagnostic{{Severity: schemas.Error, Widget: "say_play_1", Message: "Say or Play needs something to say"}}
	e.diagnosticsChanged(bad)
	if !e.dock.Open() {
		t.Fatal("the Problems pane stays folded with an error")
	}
	if h := e.canvas.Object().Size().Height; h >= canvasH {
		t.Errorf("canvas %v high with the pane open, %v folded", h, canvasH)
	}
	e.dock.setOpen(false)
	if !e.dock.show.Visible() || e.dock.Open() {
		t.Error("folding the pane by hand leaves no way back")
	}
	e.diagnosticsChanged(bad)
	if e.dock.Open() {
		t.Error("the same problems reopened a pane the user folded")
	}
	e.diagnosticsChanged(nil)
	if e.dock.Open() || e.dock.show.Visible() {
		t.Error("no problems, yet the pane is open or offers to show")
	}
}

// At 1024×700 as at 1280×800 the library opens wide enough for its names.
func TestSidePanelsOpenAtTheirContentsWidthAtEverySize(t *testing.T) {
	for _, size := range []fyne.Size{{Width: 1280, Height: 800}, {Width: 1024, Height: 700}} {
		a := test.NewTempApp(t)
		prefs := prefstore.InMemory()
		prefs.SetFloat(prefWindowWidth, float64(size.Width))
		prefs.SetFloat(prefWindowHeight, float64(size.Height))
		e := newTestEditor(t, a, Options{Flow: exampleFlow(t), Prefs: prefs})
		e.win.Resize(size)
		if w := e.leftTabs.Size().Width; w < libraryWidth-10 {
			t.Errorf("%v: library %v wide", size, w)
		}
		if w := e.center.Trailing.Size().Width; w < inspectorWidth-10 {
			t.Errorf("%v: inspector %v wide", size, w)
		}
		if w := e.canvas.Object().Size().Width; w < size.Width/2 {
			t.Errorf("%v: canvas only %v wide", size, w)
		}
	}
}

func TestSecondaryWindowsFitTheEditorWindow(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{Flow: exampleFlow(t)})
	e.win.Resize(fyne.NewSize(1024, 700))
	if got := secondarySize(e.win, fyne.NewSize(1100, 720)); got.Width > 1024 || got.Height > 700 {
		t.Errorf("a 1100×720 window opens at %v from a 1024×700 editor", got)
	}
	if got := secondarySize(e.win, fyne.NewSize(480, 240)); got != fyne.NewSize(480, 240) {
		t.Errorf("a small window grows to %v", got)
	}
}

// The layout is saved as it changes, on the autosave tick, not only on a
// clean close: a killed process still reopens at the size it had.
func TestLayoutIsSavedWhileTheWindowIsOpen(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{Flow: exampleFlow(t)})
	e.win.Resize(fyne.NewSize(1010, 690))
	e.center.SetOffset(0.7)
	e.onTick()

	p := e.prefs
	if w, h := p.Float(prefWindowWidth), p.Float(prefWindowHeight); w != 1010 || h != 690 {
		t.Errorf("after a tick the saved size is %v×%v, want 1010×690", w, h)
	}
	if got := p.Float(prefCanvasShare); got != 0.7 {
		t.Errorf("after a tick the saved canvas share is %v, want 0.7", got)
	}
}

// Two windows open at once (two processes on one preferences file) save
// only the layout their own window changed: the one nobody touches does
// not write its layout over the other's on each tick, and the next window
// opens like the one changed last.
func TestTwoWindowsSaveOnlyTheLayoutTheyChanged(t *testing.T) {
	dir := t.TempDir()
	store := func() *prefstore.Store {
		s, err := prefstore.Open(dir, prefstore.Options{Report: func(err error) { t.Error(err) }})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	one := newTestEditor(t, test.NewTempApp(t), Options{Flow: exampleFlow(t), Prefs: store()})
	two := newTestEditor(t, test.NewTempApp(t), Options{Flow: exampleFlow(t), Prefs: store()})
	width := func() float64 { return store().Float(prefWindowWidth) }
	one.onTick() // the first ticks save the layouts the windows opened with
	two.onTick()

	one.win.Resize(fyne.NewSize(1100, 720))
	one.onTick()
	two.onTick()
	if got := width(); got != 1100 {
		t.Fatalf("after one was resized and both ticked the saved width is %v, want one's 1100", got)
	}
	two.win.Resize(fyne.NewSize(1000, 700))
	two.center.SetOffset(0.6)
	two.onTick()
	one.onTick()
	one.closeNow()
	if got, share := width(), store().Float(prefCanvasShare); got != 1000 || share != 0.6 {
		t.Errorf("after two was changed and one ticked and closed the saved width is %v and canvas share %v, want two's 1000 and 0.6", got, share)
	}
}

// A preferences file that cannot be read is kept aside, and the window
// says so once (besides the line on stderr): settings lost do not pass
// unnoticed.
func TestAnUnreadablePreferencesFileIsShownOnce(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, prefstore.FileName), []byte(`{"theme": "da`), 0o600); err != nil {
		t.Fatal(err)
	}
	prefs, err := prefstore.Open(dir, prefstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	e := newTestEditor(t, test.NewTempApp(t), Options{Flow: exampleFlow(t), Prefs: prefs})
	e.onTick()
	shown := dialogText(e.win)
	if !strings.Contains(shown, prefstore.FileName) || !strings.Contains(shown, ".bad-") {
		t.Fatalf("the window shows %q, want the file and where it is kept", shown)
	}
	for _, ov := range e.win.Canvas().Overlays().List() {
		e.win.Canvas().Overlays().Remove(ov)
	}
	e.onTick()
	if shown := dialogText(e.win); shown != "" {
		t.Errorf("the next tick showed %q again", shown)
	}
}
