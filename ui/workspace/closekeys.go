package workspace

import (
	"fyne.io/fyne/v2"

	"github.com/studioflow/studioflow/ui/kbd"
)

// CloseOnKeys makes Escape and Ctrl+W close a secondary window (the Flows
// home, an execution or a revision viewer) without doing anything else, as
// a desktop user expects. While a dialog is up in the window, Escape
// dismisses the dialog instead (its action is not applied). Entries in the
// window pass the keys on when they are kbd.Entry or kbd.List.
func CloseOnKeys(w fyne.Window) {
	c := w.Canvas()
	prev := c.OnTypedKey()
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyEscape {
			escape(w)
			return
		}
		if prev != nil {
			prev(ev)
		}
	})
	c.AddShortcut(kbd.CloseShortcut(), func(fyne.Shortcut) { w.Close() })
}

// escape dismisses the window's top dialog, or closes the window.
func escape(w fyne.Window) {
	if top := w.Canvas().Overlays().Top(); top != nil {
		top.Hide()
		w.Canvas().Overlays().Remove(top)
		return
	}
	w.Close()
}
