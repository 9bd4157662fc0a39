package canvas

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/model"
)

// crossFlow has a widget in the middle and one on each side of it, plus
// a far one to the right that the near one must win over.
const crossFlow = `{"description":"cross","flags":{"allow_concurrent_calls":true},"initial_state":"Trigger",
"states":[
 {"name":"Trigger","type":"trigger","transitions":[],"properties":{"offset":{"x":0,"y":-600}}},
 {"name":"middle","type":"send-message","transitions":[],"properties":{"body":"m","offset":{"x":400,"y":400}}},
 {"name":"right","type":"send-message","transitions":[],"properties":{"body":"r","offset":{"x":800,"y":450}}},
 {"name":"far_right","type":"send-message","transitions":[],"properties":{"body":"f","offset":{"x":1600,"y":400}}},
 {"name":"below","type":"send-message","transitions":[],"properties":{"body":"b","offset":{"x":420,"y":800}}},
 {"name":"left","type":"send-message","transitions":[],"properties":{"body":"l","offset":{"x":0,"y":380}}}
]}`

func openCross(t *testing.T) *Editor {
	t.Helper()
	test.NewTempApp(t)
	f, err := model.Parse([]byte(crossFlow))
	if err != nil {
		t.Fatal(err)
	}
	e, _, _ := openEditor(t, f, editorSize)
	return e
}

func TestArrowsMoveTheSelectionToTheNearestWidgetThatWay(t *testing.T) {
	e := openCross(t)
	before := e.doc.Flow().Marshal()
	e.SetSelection([]string{"middle"})
	for _, c := range []struct {
		key  fyne.KeyName
		want string
	}{{fyne.KeyRight, "right"}, {fyne.KeyLeft, "middle"}, {fyne.KeyDown, "below"}, {fyne.KeyUp, "middle"}, {fyne.KeyLeft, "left"}} {
		e.TypedKey(&fyne.KeyEvent{Name: c.key})
		if got := e.Selection(); len(got) != 1 || got[0] != c.want {
			t.Fatalf("after %s: selection %v, want %s", c.key, got, c.want)
		}
	}
	if string(e.doc.Flow().Marshal()) != string(before) {
		t.Error("moving the selection changed the flow")
	}
}

// With nothing selected an arrow selects the widget nearest the middle of
// the view, whatever the arrow, and the next arrows move on from it.
func TestAnArrowWithNothingSelectedSelectsTheWidgetNearestTheMiddleOfTheView(t *testing.T) {
	e := openCross(t)
	before := e.doc.Flow().Marshal()
	for _, c := range []struct {
		centreOn string
		key      fyne.KeyName
	}{{"middle", fyne.KeyRight}, {"below", fyne.KeyUp}, {"far_right", fyne.KeyLeft}, {"Trigger", fyne.KeyDown}} {
		e.SetSelection(nil)
		i := e.graph.byName[c.centreOn]
		e.view.centerOn(e.graph.nodes[i].rect().center(), e.Size())
		// Off the middle, but nearer it than any other widget.
		e.pan(30, -20)
		e.TypedKey(&fyne.KeyEvent{Name: c.key})
		if got := e.Selection(); len(got) != 1 || got[0] != c.centreOn {
			t.Errorf("%s with nothing selected, the view on %s: selection %v", c.key, c.centreOn, got)
		}
	}
	e.SetSelection(nil)
	e.view.centerOn(e.graph.nodes[e.graph.byName["middle"]].rect().center(), e.Size())
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if got := e.Selection(); len(got) != 1 || got[0] != "below" {
		t.Errorf("↓ ↓ from nothing selected, the view on middle: selection %v, want below", got)
	}
	if string(e.doc.Flow().Marshal()) != string(before) {
		t.Error("selecting by arrows changed the flow")
	}
}

// Ctrl+arrows pan the view, with or without a selection, and leave the
// selection as it is.
func TestCtrlArrowsPanTheView(t *testing.T) {
	e := openCross(t)
	for _, sel := range [][]string{nil, {"middle"}} {
		e.SetSelection(sel)
		before := e.doc.Flow().Marshal()
		o := e.view.origin
		// The desktop driver delivers Ctrl+arrow as a shortcut.
		e.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierControl})
		// A driver without shortcuts: a key press with Ctrl held.
		e.KeyDown(&fyne.KeyEvent{Name: desktop.KeyControlLeft})
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
		e.KeyUp(&fyne.KeyEvent{Name: desktop.KeyControlLeft})
		if got := e.view.origin; got.X <= o.X || got.Y <= o.Y {
			t.Fatalf("Ctrl+→ Ctrl+↓ with %v selected: origin %v, was %v", sel, got, o)
		}
		e.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierControl})
		e.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyUp, Modifier: fyne.KeyModifierControl})
		if got := e.view.origin; got != o {
			t.Errorf("Ctrl+← Ctrl+↑ did not pan back: %v, want %v", got, o)
		}
		if got := e.Selection(); len(got) != len(sel) {
			t.Errorf("panning changed the selection from %v to %v", sel, got)
		}
		if string(e.doc.Flow().Marshal()) != string(before) {
			t.Error("panning changed the flow")
		}
	}
}

func TestAltArrowsNudgeTheSelection(t *testing.T) {
	e := openCross(t)
	e.SetSelection([]string{"middle"})
	x0, y0 := offsetOf(t, e, "middle")
	// The desktop driver delivers Alt+arrow as a shortcut.
	e.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierAlt})
	// A driver without shortcuts: a key press with Alt held.
	e.KeyDown(&fyne.KeyEvent{Name: desktop.KeyAltLeft})
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	e.KeyUp(&fyne.KeyEvent{Name: desktop.KeyAltLeft})
	if x, y := offsetOf(t, e, "middle"); x != x0+gridSize || y != y0+gridSize {
		t.Fatalf("after Alt+→ Alt+↓: %v,%v, want %v,%v", x, y, x0+gridSize, y0+gridSize)
	}
	if got := e.Selection(); len(got) != 1 || got[0] != "middle" {
		t.Errorf("nudging changed the selection to %v", got)
	}
}

func TestShiftF10AndTheMenuKeyOpenTheSelectionsContextMenu(t *testing.T) {
	e := openCross(t)
	var opened []string
	var at fyne.Position
	e.OnWidgetSecondaryTap = func(name string, p fyne.Position) { opened, at = append(opened, name), p }
	e.SetSelection(nil)
	e.TypedKey(&fyne.KeyEvent{Name: desktop.KeyMenu})
	if len(opened) != 0 {
		t.Fatalf("the Menu key with nothing selected opened %v", opened)
	}
	e.SetSelection([]string{"below"})
	e.TypedKey(&fyne.KeyEvent{Name: desktop.KeyMenu})
	e.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF10})
	e.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF10}) // F10 alone: not the context menu
	if len(opened) != 2 || opened[0] != "below" || opened[1] != "below" {
		t.Fatalf("Menu, Shift+F10, F10 opened %v, want below twice", opened)
	}
	if i := e.nodeAt(at); i < 0 || e.graph.nodes[i].name != "below" {
		t.Errorf("the menu opened at %v, not over the widget", at)
	}
}

func TestF6AsksTheWindowForTheNextPane(t *testing.T) {
	e := openCross(t)
	var got []bool
	e.OnCyclePanes = func(back bool) { got = append(got, back) }
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF6})
	e.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF6})
	e.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	if len(got) != 2 || got[0] || !got[1] {
		t.Errorf("F6, Shift+F6 asked %v, want [false true]", got)
	}
}
