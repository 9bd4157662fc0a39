package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/studioflow/studioflow/ui/kbd"
)

// windowKey is the window's own key handler: it hears the keys pressed
// while nothing holds the keyboard (the canvas' OnTypedKey), and those a
// focused widget leaves to it (kbd.Pass). F6 goes round the panes
// (Shift: backwards); F10 opens the menu bar.
func (e *Editor) windowKey(ev *fyne.KeyEvent) {
	switch {
	case ev.Name == fyne.KeyF6:
		e.cyclePanes(shiftHeld())
	case ev.Name == fyne.KeyF10 && !shiftHeld():
		e.openMenuBar(0)
	}
}

// openMenuBar opens the main menu at index (F10: the first; Alt+letter:
// that menu) as the keyboard menu, with the keyboard on it. It reports
// false where the system draws the menus (macOS) or there are none.
func (e *Editor) openMenuBar(index int) bool {
	if nativeMenus || e.win == nil {
		return false
	}
	c := e.win.Canvas()
	// Fyne's own bar, open after a lone Alt, gives way.
	if fyneBar, ok := c.(interface{ DismissMenu() bool }); ok {
		fyneBar.DismissMenu()
	}
	if e.keyMenu == nil {
		e.keyMenu = newKeyMenu(c, e.win.MainMenu, func() *mnemonics { return e.mnemonics })
	}
	return e.keyMenu.Open(index)
}

// installMenuKeys makes Alt and each menu's letter (Alt+F, Alt+E, …) open
// its menu. Fields and the canvas pass these shortcuts on to the window.
func (e *Editor) installMenuKeys() {
	m := e.win.MainMenu()
	if m == nil {
		return
	}
	for i, menu := range m.Items {
		k := e.mnemonics.title(menu)
		if k == 0 {
			continue
		}
		index := i
		e.win.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyName(string(k)), Modifier: fyne.KeyModifierAlt}, func(fyne.Shortcut) {
			if kbd.Over(e.win.Canvas()) == nil { // not the menus behind a dialog
				e.openMenuBar(index)
			}
		})
	}
}
