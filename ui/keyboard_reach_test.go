package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/ui/drawn"
	"github.com/studioflow/studioflow/ui/kbd"
)

// menuAction runs the main menu item bound to that shortcut, as the
// driver does before any focused widget sees the keys.
func menuAction(t *testing.T, e *Editor, sc fyne.Shortcut) {
	t.Helper()
	var find func(items []*fyne.MenuItem) func()
	find = func(items []*fyne.MenuItem) func() {
		for _, it := range items {
			if it.Shortcut != nil && it.Shortcut.ShortcutName() == sc.ShortcutName() {
				return it.Action
			}
			if it.ChildMenu != nil {
				if f := find(it.ChildMenu.Items); f != nil {
					return f
				}
			}
		}
		return nil
	}
	for _, m := range e.win.MainMenu().Items {
		if f := find(m.Items); f != nil {
			f()
			return
		}
	}
	t.Fatalf("no menu item for %s", sc.ShortcutName())
}

var (
	ctrlTab      = &desktop.CustomShortcut{KeyName: fyne.KeyTab, Modifier: fyne.KeyModifierControl}
	ctrlShiftTab = &desktop.CustomShortcut{KeyName: fyne.KeyTab, Modifier: fyne.KeyModifierControl | fyne.KeyModifierShift}
)

func TestCtrlTabCyclesTheTabsOfThePaneHoldingTheKeyboard(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{Flow: readShared(t, astrology)})
	c := e.win.Canvas()
	c.Focus(e.library.search)
	menuAction(t, e, ctrlTab)
	if got := e.leftTabs.Selected().Text; got != "Find" {
		t.Fatalf("Ctrl+Tab in the library shows %q, want Find", got)
	}
	if c.Focused() != e.finder.entry {
		t.Errorf("after Ctrl+Tab the keyboard is on %T, want the Find entry", c.Focused())
	}
	menuAction(t, e, ctrlShiftTab)
	if got := e.leftTabs.Selected().Text; got != "Library" || c.Focused() != e.library.search {
		t.Errorf("Ctrl+Shift+Tab shows %q with the keyboard on %T, want Library and its search", got, c.Focused())
	}

	// In a multi-line field Ctrl+Tab goes to the next tab too, typing nothing.
	f := multiLineBody(t, e)
	e.Run()
	selectTab(e.sim.tabs, "Inspector")
	c.Focus(f)
	before := f.Text
	menuAction(t, e, ctrlTab)
	if got := e.sim.tabs.Selected().Text; got != "Simulator" {
		t.Errorf("Ctrl+Tab in the inspector shows %q, want Simulator", got)
	}
	if f.Text != before {
		t.Errorf("Ctrl+Tab changed the field to %q", f.Text)
	}
	if c.Focused() == f {
		t.Error("the keyboard stayed in the hidden inspector field")
	}
}

func TestLibraryItemsAreReachableAndEnterAddsTheWidget(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{})
	c := e.win.Canvas()
	c.Focus(e.library.search)
	c.FocusNext()
	if c.Focused() != e.library.keys {
		t.Fatalf("Tab from the library's search goes to %T, want the widget list", c.Focused())
	}
	k := e.library.keys
	first := k.Highlighted()
	if first == "" || first != e.library.VisibleTypes()[0] {
		t.Fatalf("the list highlights %q on focus, want the first item %q", first, e.library.VisibleTypes()[0])
	}
	k.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	k.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	typ := k.Highlighted()
	if typ != e.library.VisibleTypes()[2] {
		t.Fatalf("two Downs highlight %q, want %q", typ, e.library.VisibleTypes()[2])
	}
	before := len(e.doc.Flow().States())
	k.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := len(e.doc.Flow().States()); got != before+1 {
		t.Fatalf("Enter left %d widgets, want %d", got, before+1)
	}
	sel := e.canvas.Selection()
	if len(sel) != 1 || e.doc.Flow().State(sel[0]).Type() != typ {
		t.Fatalf("after Enter the selection is %v, want the new %s", sel, typ)
	}
	if c.Focused() != e.inspector.field("/name") {
		t.Errorf("after Enter the keyboard is on %T, want the new widget's name", c.Focused())
	}
	// Its default name is selected: what is typed replaces it.
	if name, ok := c.Focused().(interface{ SelectedText() string }); !ok || name.SelectedText() != sel[0] {
		t.Errorf("the new widget's name field selects %v, want all of %q", c.Focused(), sel[0])
	}
	test.Type(c.Focused(), "welcome")
	if entry, ok := c.Focused().(*textField); !ok || entry.Text != "welcome" {
		t.Errorf("typing into the new widget's name gives %T, want welcome", c.Focused())
	}

	// A search narrows what the arrows go through.
	e.library.search.SetText("say")
	c.Focus(k)
	if got := k.Highlighted(); got != e.library.VisibleTypes()[0] {
		t.Errorf("after a search the list highlights %q, want %q", got, e.library.VisibleTypes()[0])
	}
	k.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	vis := e.library.VisibleTypes()
	if got := k.Highlighted(); got != vis[len(vis)-1] {
		t.Errorf("End highlights %q, want %q", got, vis[len(vis)-1])
	}
}

func TestEnterOnAFindResultJumpsToItsWidget(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{Flow: readShared(t, astrology)})
	e.Find()
	e.finder.Search("ask")
	ms := e.finder.Matches()
	if len(ms) < 2 {
		t.Fatalf("%d matches for ask; the test needs two", len(ms))
	}
	c := e.win.Canvas()
	c.Focus(e.finder.list)
	e.finder.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	e.finder.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if sel := e.canvas.Selection(); len(sel) != 1 || sel[0] != ms[1].Widget {
		t.Fatalf("Enter on the second result selects %v, want %s", sel, ms[1].Widget)
	}
	// Enter again, after the selection moved, jumps again.
	e.selectWidgets(nil)
	c.Focus(e.finder.list)
	e.finder.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnter})
	if sel := e.canvas.Selection(); len(sel) != 1 || sel[0] != ms[1].Widget {
		t.Errorf("a second Enter selects %v, want %s", sel, ms[1].Widget)
	}
}

func TestAFocusedFieldPassesAltLettersToTheWindow(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{})
	// A focused field passes Alt+letter on to the window (whose canvas
	// takes shortcuts in the desktop driver; the test driver's does not).
	sc := &shortcutCanvas{Canvas: e.win.Canvas()}
	if !kbd.PassAltShortcut(sc, &desktop.CustomShortcut{KeyName: fyne.KeyV, Modifier: fyne.KeyModifierAlt}) || sc.got != "CustomDesktop:Alt+V" {
		t.Errorf("Alt+V from a field reached the window as %q", sc.got)
	}
	if kbd.PassAltShortcut(sc, &desktop.CustomShortcut{KeyName: fyne.KeyV, Modifier: fyne.KeyModifierControl}) {
		t.Error("Ctrl+V from a field went to the window, not the field")
	}
}

type shortcutCanvas struct {
	fyne.Canvas
	got string
}

func (s *shortcutCanvas) TypedShortcut(sc fyne.Shortcut) { s.got = sc.ShortcutName() }

// toolbarButton is the toolbar's button whose tip starts with name.
func toolbarButton(t *testing.T, e *Editor, name string) *tipButton {
	t.Helper()
	var found *tipButton
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if b, ok := o.(*tipButton); ok && found == nil && strings.HasPrefix(b.tip, name) {
			found = b
		}
		for _, c := range drawn.Children(o) {
			walk(c)
		}
	}
	walk(e.toolbarObject)
	if found == nil {
		t.Fatalf("no toolbar button %q", name)
	}
	return found
}

// A toolbar button pressed from the keyboard keeps it, unless its command
// takes the keyboard somewhere (Find: its search box).
func TestToolbarButtonsKeepTheKeyboardWhenPressedFromIt(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{Flow: readShared(t, astrology)})
	c := e.win.Canvas()
	zoom := toolbarButton(t, e, "Zoom In")
	c.Focus(zoom)
	before := e.canvas.Object().(interface{ Zoom() float64 }).Zoom()
	zoom.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if e.canvas.Object().(interface{ Zoom() float64 }).Zoom() <= before {
		t.Errorf("Space on Zoom In left the zoom at %v", e.canvas.Object().(interface{ Zoom() float64 }).Zoom())
	}
	if c.Focused() != zoom {
		t.Errorf("after Zoom In the keyboard is on %T, want the button", c.Focused())
	}
	find := toolbarButton(t, e, "Find")
	c.Focus(find)
	find.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if c.Focused() != e.finder.entry {
		t.Errorf("after Find the keyboard is on %T, want Find's entry", c.Focused())
	}
}
