package e2e

import (
	"image"
	"testing"
)

// The menus from the keyboard alone, in the real window: with a toolbar
// button holding the keyboard (which Fyne's Button would keep F10 from),
// F10 opens the File menu with its letters underlined; Left goes round to
// Help, whose underlined K opens the keyboard reference; Escape closes it
// and the keyboard is back on the button. Then Alt+V opens View, where M
// (Show Minimap) hides the minimap. No mouse event reaches the window.
// shots/e2e/menukeys-*.png show the underlined letters.
func TestKeyboardMenuOpensWithF10FromAButtonAndChoosesByLetter(t *testing.T) {
	t.Parallel()
	bin := buildStudioflow(t)
	x := startXvfb(t) // with a home of its own
	rw := openRings(t, x, bin, "menukeys-open")
	app, window, area := rw.app, rw.window, rw.area
	x.focusWindow(t, window)

	// F6: the library's search; Shift+Tab: the toolbar's last button.
	app.press(t, "F6")
	app.focusBox(t, "*ui.textField")
	app.press(t, "shift+Tab")
	app.focusBox(t, "*ui.tipButton")

	// The menus drop down under the bar at the window's top left.
	menus := image.Rect(0, 0, 700, 560).Add(area.Min)
	before := x.still(t, "menukeys-before", screenArea)
	app.press(t, "F10")
	app.waitFocusedOn(t, "*ui.keyMenu")
	x.changed(t, "menukeys-file", before, menus)

	app.press(t, "Left") // round to Help
	x.still(t, "menukeys-help", menus)
	app.press(t, "k")
	app.waitText(t, "Rings", "Keyboard Shortcuts", "The View Menu (Underlined Letters)")
	x.still(t, "menukeys-reference", screenArea)
	app.press(t, "Escape")
	app.focusBox(t, "*ui.tipButton")

	// Alt+V: View, then M hides the minimap (shown at first, at the canvas'
	// corner): with the menu closed again the screen is not as before.
	before = x.still(t, "menukeys-before-view", screenArea)
	app.press(t, "alt+v")
	app.waitFocusedOn(t, "*ui.keyMenu")
	x.changed(t, "menukeys-view", before, menus)
	app.press(t, "m")
	app.focusBox(t, "*ui.tipButton")
	after := x.still(t, "menukeys-minimap", screenArea)
	if !sameArea(before, after, menus) {
		t.Error("after M the menus' corner is not as before: the menu stayed open")
	}
	if sameArea(before, after, screenArea) {
		t.Error("View ▸ M left the window as it was: the minimap did not change")
	}

	// A lone Alt opens Fyne's own bar (arrows only); Alt+E then opens the
	// keyboard menu in its place, and Escape gives the keyboard back.
	app.press(t, "alt")
	x.changed(t, "menukeys-fyne-bar", after, menus)
	app.press(t, "alt+e")
	app.waitFocusedOn(t, "*ui.keyMenu")
	x.still(t, "menukeys-edit", menus)
	app.press(t, "Escape")
	app.focusBox(t, "*ui.tipButton")
	if img := x.still(t, "menukeys-closed", screenArea); !sameArea(after, img, menus) {
		t.Error("after Alt, Alt+E, Escape a menu is still open")
	}
}
