package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// menuBar is what Fyne's own menu bar (Linux and Windows; macOS has the
// native one) offers a window's canvas: ToggleMenu opens it on its first
// menu, as a lone Alt press does, with the keyboard on it.
type menuBar interface {
	ToggleMenu()
	DismissMenu() bool
}

// openMenu opens the window's menu bar on its menu at index (F10: the
// first; Alt+letter: that menu). It reports false when the canvas draws
// no menu bar of its own.
func openMenu(c fyne.Canvas, index int) bool {
	mb, ok := c.(menuBar)
	if !ok {
		return false
	}
	mb.DismissMenu()
	mb.ToggleMenu()
	// Each step focuses the next menu's title, which opens its menu.
	for range index {
		c.FocusNext()
	}
	return true
}

// mnemonic is the key that opens a menu with Alt: its title's first
// letter (File, Edit, View, Run, Help).
func mnemonic(title string) fyne.KeyName {
	if title == "" {
		return ""
	}
	return fyne.KeyName(strings.ToUpper(title[:1]))
}

// installMenuKeys makes Alt+F, Alt+E, Alt+V, Alt+R and Alt+H open their
// menus. Fields and the canvas pass these shortcuts on to the window.
func (e *Editor) installMenuKeys() {
	m := e.win.MainMenu()
	if m == nil {
		return
	}
	for i, menu := range m.Items {
		k := mnemonic(menu.Label)
		if k == "" {
			continue
		}
		index := i
		e.win.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierAlt}, func(fyne.Shortcut) {
			openMenu(e.win.Canvas(), index)
		})
	}
}

// passToWindow hands a shortcut with Alt alone (a menu's mnemonic) from a
// focused field on to the window; it reports whether it did.
func passToWindow(c fyne.Canvas, s fyne.Shortcut) bool {
	sc, ok := s.(*desktop.CustomShortcut)
	if !ok || sc.Modifier != fyne.KeyModifierAlt || c == nil {
		return false
	}
	if w, ok := c.(fyne.Shortcutable); ok {
		w.TypedShortcut(s)
		return true
	}
	return false
}
