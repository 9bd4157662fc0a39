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

import "fyne.io/fyne/v2"

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
