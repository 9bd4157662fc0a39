// Package winkeys hands a key a focused widget leaves on to its window.
//
// Fyne gives an unmodified key (F10, F6) only to the widget holding the
// keyboard; a Button, Select or Check drops the ones it has no use for,
// so the window would never hear them. A widget that wants the window to
// see its leftover keys calls Pass from its TypedKey. The window installs
// its handler once, as its canvas' OnTypedKey (the handler Fyne calls when
// nothing is focused), so a key means the same whatever holds the
// keyboard.
package winkeys

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// Pass gives ev to the key handler of the window showing obj, and reports
// whether that window has one.
func Pass(obj fyne.CanvasObject, ev *fyne.KeyEvent) bool {
	app := fyne.CurrentApp()
	if app == nil || obj == nil {
		return false
	}
	c := app.Driver().CanvasForObject(obj)
	if c == nil {
		return false
	}
	h := c.OnTypedKey()
	if h == nil {
		return false
	}
	h(ev)
	return true
}

// PassAltShortcut hands a shortcut of Alt and a key (a menu's mnemonic),
// which a focused field would otherwise swallow, on to the window's canvas
// c; it reports whether it did.
func PassAltShortcut(c fyne.Canvas, s fyne.Shortcut) bool {
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
