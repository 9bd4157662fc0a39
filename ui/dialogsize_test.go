package ui

import (
	"image/color"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/engine/coverage"
	"github.com/studioflow/studioflow/engine/scenario"
)

// shownDialog is the top dialog's place in the window, and closes it.
func shownDialog(t *testing.T, e *Editor, name string) fyne.CanvasObject {
	t.Helper()
	top := e.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("%s: no dialog shown", name)
	}
	e.win.Canvas().Overlays().Remove(top)
	// A dialog's overlay (Fyne's internal OverlayContainer, or a PopUp)
	// covers the window; its Content is the dialog.
	if pop, ok := top.(*widget.PopUp); ok {
		return pop.Content
	}
	v := reflect.ValueOf(top)
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if f := v.FieldByName("Content"); f.IsValid() {
		if c, ok := f.Interface().(fyne.CanvasObject); ok && c != nil {
			return c
		}
	}
	t.Fatalf("%s: the top overlay %T holds no dialog", name, top)
	return nil
}

// insideWindow fails when the dialog reaches past the window's edges.
func insideWindow(t *testing.T, name string, d fyne.CanvasObject, win fyne.Size) {
	t.Helper()
	p, s := d.Position(), d.Size()
	t.Logf("%s at %v: %v", name, win, s)
	if p.X < 0 || p.Y < 0 || p.X+s.Width > win.Width || p.Y+s.Height > win.Height {
		t.Errorf("%s at %v: the dialog (%v at %v) is cut off", name, win, s, p)
	}
}

// At 1024×700 and 1280×800 each secondary dialog opens whole, and a short
// list gets a dialog about its size, not a fixed big one.
func TestDialogsOpenWholeAndSizedForTheirContent(t *testing.T) {
	for _, win := range []fyne.Size{fyne.NewSize(1024, 700), fyne.NewSize(1280, 800)} {
		e := provenanceEditor(t)
		e.win.Resize(win)

		e.ShowShortcuts()
		d := shownDialog(t, e, "Keyboard Shortcuts")
		insideWindow(t, "Keyboard Shortcuts", d, win)
		if d.Size().Width > win.Width*0.75 {
			t.Errorf("%v: Keyboard Shortcuts is %v wide, for two columns of short text", win, d.Size().Width)
		}
		if d.Size().Height < win.Height*0.8 {
			t.Errorf("%v: Keyboard Shortcuts is %v high while its %d lines need more", win, d.Size().Height, len(e.shortcutLines()))
		}

		e.ShowFlowJSON()
		d = shownDialog(t, e, "Show Flow JSON")
		insideWindow(t, "Show Flow JSON", d, win)
		if d.Size().Width < win.Width*0.6 || d.Size().Height < win.Height*0.6 {
			t.Errorf("%v: the Flow JSON code view is only %v", win, d.Size())
		}
		e.ImportJSON()
		insideWindow(t, "Import from JSON", shownDialog(t, e, "Import"), win)

		// Find Usages of lookup: three rows.
		e.selectWidgets([]string{"lookup"})
		e.FindUsages()
		d = shownDialog(t, e, "Find Usages")
		insideWindow(t, "Find Usages", d, win)
		rows := textLinesSize([]string{usageLine(e.lastUsages[0])})
		if len(e.lastUsages) != 3 || d.Size().Height > 8*rows.Height+160 {
			t.Errorf("%v: Find Usages of %d uses is %v high (a row is %v)", win, len(e.lastUsages), d.Size().Height, rows.Height)
		}
		longest := 0
		for _, u := range e.lastUsages {
			longest = max(longest, len(usageLine(u)))
		}
		if d.Size().Width > float32(longest)*12+120 {
			t.Errorf("%v: Find Usages is %v wide for lines of %d characters", win, d.Size().Width, longest)
		}
	}
}

// The list of uncovered transitions is as tall as its rows, within the
// window.
func TestUncoveredTransitionsListIsSizedForItsRows(t *testing.T) {
	for _, win := range []fyne.Size{fyne.NewSize(1024, 700), fyne.NewSize(1280, 800)} {
		e := newTestEditor(t, test.NewTempApp(t), Options{Path: coverFixture(t)})
		e.win.Resize(win)
		set := coverage.NewSet(e.cat)
		var out strings.Builder
		scenario.RunFiles([]string{filepath.Join(filepath.Dir(e.path), "support-line.yaml")}, &out, scenario.Options{Catalog: e.cat, Coverage: set})
		profile := filepath.Join(t.TempDir(), "cover.json")
		if err := set.WriteProfile(profile); err != nil {
			t.Fatal(err)
		}
		e.loadCoverageProfile(profile)
		e.ShowUncovered()
		d := shownDialog(t, e, "Uncovered transitions")
		insideWindow(t, "Uncovered transitions", d, win)
		n := len(e.lastCoverage.NeverTaken())
		lines := make([]string, n)
		for i, b := range e.lastCoverage.NeverTaken() {
			lines[i] = b.String()
		}
		natural := textLinesSize(lines)
		if h := d.Size().Height; h < natural.Height || h > natural.Height+160 {
			t.Errorf("%v: %d uncovered transitions (%v high) in a dialog %v high", win, n, natural.Height, h)
		}
	}
}

// The pad a dialog adds around its content is read from Fyne, not written
// down: a dialog holding only a wide rectangle is as wide as it plus the
// pad, whatever the theme's sizes.
func TestDialogPadWidthIsWhatFyneAddsAroundTheContent(t *testing.T) {
	win := test.NewWindow(nil)
	defer win.Close()
	pad := dialogPadWidth(win)
	if pad <= 0 {
		t.Fatalf("dialogPadWidth = %v, want a positive width", pad)
	}
	content := canvas.NewRectangle(color.Black)
	content.SetMinSize(fyne.NewSize(700, 20))
	d := dialog.NewCustom("A title", "Close", content, win)
	if got, want := d.MinSize().Width, content.MinSize().Width+pad; got != want {
		t.Errorf("a dialog around 700 wide content is %v wide, want %v (pad %v)", got, want, pad)
	}
}
