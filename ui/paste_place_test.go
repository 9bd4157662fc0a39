package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

// shownWidgets is where each widget in view is drawn on the canvas: its
// top-left and bottom-right corners.
func shownWidgets(e *Editor) map[string][2]fyne.Position {
	out := map[string][2]fyne.Position{}
	for _, p := range e.canvas.(editorCanvas).AccessibleParts() {
		_, quoted, ok := strings.Cut(p.Label, " widget “")
		if name, _, closed := strings.Cut(quoted, "”"); ok && closed {
			out[name] = [2]fyne.Position{p.Pos, p.Pos.Add(p.Size)}
		}
	}
	return out
}

// assertInViewCoveringNothing fails unless the named widgets are in view
// and none covers another widget.
func assertInViewCoveringNothing(t *testing.T, e *Editor, names []string) {
	t.Helper()
	rects := shownWidgets(e)
	for _, n := range names {
		r, ok := rects[n]
		if !ok {
			t.Errorf("%s is not in view", n)
			continue
		}
		for other, o := range rects {
			if other != n && r[0].X < o[1].X && o[0].X < r[1].X && r[0].Y < o[1].Y && o[0].Y < r[1].Y {
				t.Errorf("%s at %v covers %s at %v", n, r, other, o)
			}
		}
	}
}

func TestPasteLandsBesideTheOriginalNotOnItAndAgainBesideThat(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{Flow: readShared(t, astrology)})
	// As a person does: click the widget, Ctrl+C, Ctrl+V, the pointer
	// still over it.
	at := shownWidgets(e)["ask_sign"][0].AddXY(60, 30)
	e.canvas.Object().(desktop.Hoverable).MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: at}})
	e.selectWidgets([]string{"ask_sign"})
	e.Copy()
	e.Paste()
	first := e.canvas.Selection()
	assertInViewCoveringNothing(t, e, first)
	e.Paste()
	second := e.canvas.Selection()
	assertInViewCoveringNothing(t, e, second)
	if len(first) != 1 || len(second) != 1 || first[0] == second[0] {
		t.Fatalf("pasted %v, then %v", first, second)
	}
	e.Undo()
	if e.doc.Flow().State(second[0]) != nil || e.doc.Flow().State(first[0]) == nil {
		t.Error("one undo did not take back just the second paste")
	}
}

func TestDuplicatePlacesItsCopyAsPasteDoes(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{Flow: readShared(t, astrology)})
	e.selectWidgets([]string{"ask_sign"})
	e.Copy()
	e.Paste()
	pasted := e.doc.Flow().State(e.canvas.Selection()[0])
	e.Undo()
	e.selectWidgets([]string{"ask_sign"})
	e.Duplicate()
	dup := e.doc.Flow().State(e.canvas.Selection()[0])
	px, py, _ := pasted.Offset()
	dx, dy, _ := dup.Offset()
	if px != dx || py != dy {
		t.Errorf("Duplicate placed its copy at %v,%v and Paste at %v,%v", dx, dy, px, py)
	}
	assertInViewCoveringNothing(t, e, []string{dup.Name()})
}

func TestPastedWidgetsKeepTheirLayout(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{Flow: readShared(t, astrology)})
	e.selectWidgets([]string{"ask_sign", "split_sign"})
	e.Copy()
	e.Paste()
	f := e.doc.Flow()
	var ask, split string
	for _, n := range e.canvas.Selection() {
		if f.State(n).Type() == "split-based-on" {
			split = n
		} else {
			ask = n
		}
	}
	ax, ay, _ := f.State("ask_sign").Offset()
	sx, sy, _ := f.State("split_sign").Offset()
	cax, cay, _ := f.State(ask).Offset()
	csx, csy, _ := f.State(split).Offset()
	if csx-cax != sx-ax || csy-cay != sy-ay {
		t.Errorf("the copies sit %v,%v apart, the originals %v,%v", csx-cax, csy-cay, sx-ax, sy-ay)
	}
	if cax == ax && cay == ay {
		t.Error("the copies sit on the originals")
	}
	assertInViewCoveringNothing(t, e, []string{ask, split})
}

func TestPasteOfWidgetsCopiedOutOfViewLandsInView(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{Flow: readShared(t, astrology)})
	e.selectWidgets([]string{"ask_sign"})
	e.Copy()
	e.canvas.Reveal("send_lbp_info") // far below: ask_sign is out of view
	if _, shown := shownWidgets(e)["ask_sign"]; shown {
		t.Fatal("ask_sign still in view")
	}
	e.Paste()
	assertInViewCoveringNothing(t, e, e.canvas.Selection())
}
