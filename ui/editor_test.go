package ui

import (
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

func TestLibraryDropAddsTheWidgetUnderThePointerAndSelectsIt(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{})
	e.win.Resize(fyne.NewSize(1280, 800))
	obj := e.canvas.Object()
	origin := a.Driver().AbsolutePositionForObject(obj)
	drop := origin.Add(fyne.NewPos(obj.Size().Width/2, obj.Size().Height/2))
	if !e.dropFromLibrary("say-play", drop) {
		t.Fatal("a drop over the canvas was refused")
	}
	sel := e.canvas.Selection()
	if len(sel) != 1 || e.doc.Flow().State(sel[0]).Type() != "say-play" {
		t.Fatalf("selection after drop: %v", sel)
	}
	if e.inspector.Shown() != sel[0] {
		t.Errorf("inspector shows %q", e.inspector.Shown())
	}
	if e.dropFromLibrary("say-play", fyne.NewPos(1, 1)) {
		t.Error("a drop outside the canvas was accepted")
	}
}

func TestDoubleClickInTheLibraryAddsNearTheViewCentre(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{})
	e.library.filter("send mess")
	if got := e.library.VisibleTypes(); len(got) != 1 || got[0] != "send-message" {
		t.Fatalf("search left %v", got)
	}
	var item *libraryItem
	for _, it := range e.library.items {
		if it.wt.Type == "send-message" {
			item = it
		}
	}
	test.DoubleTap(item)
	sel := e.canvas.Selection()
	if len(sel) != 1 || !strings.HasPrefix(sel[0], "send_message") {
		t.Fatalf("selection %v", sel)
	}
	c := e.canvas.ViewCenter()
	x, y, _ := e.doc.Flow().State(sel[0]).Offset()
	// Near the centre, moved off the Trigger there (see
	// TestTheLibraryAddsWidgetsBelowTheTriggerNotOverIt).
	if dx, dy := x+100-c.X, y+40-c.Y; dx*dx+dy*dy > 300*300 {
		t.Errorf("added at %v,%v, far from the view's centre %v", x, y, c)
	}
}

func TestRunMountsTheSimulatorOncePerFlow(t *testing.T) {
	a := test.NewTempApp(t)
	f := readShared(t, astrology)
	e := newTestEditor(t, a, Options{Flow: f})
	e.Run()
	if e.sim.panel == nil || e.sim.tabs.Selected() != e.sim.tab {
		t.Fatal("Run did not show the simulator")
	}
	e.Run()
	if len(e.sim.tabs.Items) != 2 {
		t.Errorf("running twice mounted %d tabs", len(e.sim.tabs.Items))
	}
	e.sim.panel.ToggleBreakpoint("ask_sign")
	if item := e.sim.breakpointItem("ask_sign"); item == nil || item.Label != "Remove Breakpoint" {
		t.Errorf("breakpoint menu item %v", item)
	}
	e.New()
	if e.sim.panel != nil || len(e.sim.tabs.Items) != 1 {
		t.Error("the simulator of the previous flow stayed open")
	}
}

func TestUndoAndRedoShortcutsReachTheDocumentFromAField(t *testing.T) {
	a := test.NewTempApp(t)
	f := readShared(t, astrology)
	e := newTestEditor(t, a, Options{Flow: f})
	e.selectWidgets([]string{"ask_sign"})
	field := typeInto(t, e, "/properties/body", "hello")
	field.TypedShortcut(&fyne.ShortcutUndo{})
	if e.doc.Flow().State("ask_sign").StringProperty("body") == "hello" {
		t.Fatal("Ctrl+Z in a field did not undo the edit")
	}
	field = e.inspector.field("/properties/body").(*textField)
	field.TypedShortcut(ctrlShift(fyne.KeyZ))
	if got := e.doc.Flow().State("ask_sign").StringProperty("body"); got != "hello" {
		t.Fatalf("Ctrl+Shift+Z in a field left %q", got)
	}
}

func TestClosingTheWindowWithUnsavedChangesAsksFirst(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{Path: copyShared(t, astrology)})
	e.selectWidgets([]string{"ask_sign"})
	typeInto(t, e, "/properties/body", "changed")
	e.Close()
	if !strings.Contains(dialogText(e.win), "Save changes to") {
		t.Fatalf("closing did not ask; dialogs say %q", dialogText(e.win))
	}
	test.Tap(dialogButton(t, e.win, "Cancel"))
	if e.doc.Flow().State("ask_sign").StringProperty("body") != "changed" {
		t.Fatal("the edit is gone after Cancel")
	}
	e.Close()
	test.Tap(dialogButton(t, e.win, "Save"))
	data, err := os.ReadFile(e.Path())
	if err != nil || !strings.Contains(string(data), `"body": "changed"`) {
		t.Errorf("Save before closing did not write the edit: %v", err)
	}
}

func TestSimulatorPanelLeavesRoomForTheScrollBarOnTheRight(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{Flow: readShared(t, astrology)})
	e.Run()
	scroll, ok := e.sim.tab.Content.(*container.Scroll)
	if !ok {
		t.Fatalf("the simulator tab holds a %T, not a scroll", e.sim.tab.Content)
	}
	width := e.sim.panel.Content().MinSize().Width + 40
	scroll.Resize(fyne.NewSize(width, 600))
	panel := e.sim.panel.Content()
	right := panel.Position().X + panel.Size().Width
	if edge := scroll.Content.Size().Width; edge-right < theme.Padding() {
		t.Errorf("the panel ends %v from the scroll's right edge, under its scroll bar", edge-right)
	}
}
