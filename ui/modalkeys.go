package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/studioflow/studioflow/ui/kbd"
)

// Fyne's desktop driver runs the main menu item bound to a shortcut before
// anything else hears the keys, even while a dialog covers the window; the
// window's own shortcuts run when what holds the keyboard takes none. So
// the editor's commands would act on the window behind a dialog (Ctrl+F
// took the keyboard to Find behind it, Ctrl+V pasted widgets into the flow
// behind it). Every command's shortcut goes through here instead.

// onShortcut is what the shortcut sc of a command does: run, or, while a
// dialog is up over the window, what sc does inside the dialog
// (shortcutInDialog). Quit (an application command) still quits, asking
// first about unsaved changes.
func (e *Editor) onShortcut(key string, sc fyne.Shortcut, run func()) func() {
	return func() {
		if key == "quit" || !e.shortcutInDialog(sc) {
			run()
		}
	}
}

// shortcutInDialog hands sc to the dialog up over the window, if any, as
// Fyne would with no menu: to the element holding the keyboard in it when
// that takes shortcuts (a field cuts, copies, pastes, undoes its own text),
// else nowhere. Close (Ctrl+W) closes the dialog applying nothing, as
// Escape does. It reports whether a dialog was up.
func (e *Editor) shortcutInDialog(sc fyne.Shortcut) bool {
	c := e.win.Canvas()
	d := kbd.Over(c)
	if d == nil {
		return false
	}
	if sc != nil && kbd.IsCloseShortcut(sc) {
		d.Hide()
		return true
	}
	// A field hands Alt+letter back to the window's shortcuts (a menu's
	// mnemonic): never back to the field.
	if alt, ok := sc.(*desktop.CustomShortcut); ok && alt.Modifier == fyne.KeyModifierAlt {
		return true
	}
	f, ok := c.Focused().(interface {
		fyne.Shortcutable
		fyne.CanvasObject
	})
	if ok && sc != nil && d.Holds(f) {
		f.TypedShortcut(e.withClipboard(sc))
	}
	return true
}

// withClipboard is sc with the app's clipboard when it is a clipboard
// shortcut without one (a menu item's, which the driver does not fill).
func (e *Editor) withClipboard(sc fyne.Shortcut) fyne.Shortcut {
	cb := e.app.Clipboard()
	switch s := sc.(type) {
	case *fyne.ShortcutCopy:
		if s.Clipboard == nil {
			return &fyne.ShortcutCopy{Clipboard: cb, Secondary: s.Secondary}
		}
	case *fyne.ShortcutCut:
		if s.Clipboard == nil {
			return &fyne.ShortcutCut{Clipboard: cb, Secondary: s.Secondary}
		}
	case *fyne.ShortcutPaste:
		if s.Clipboard == nil {
			return &fyne.ShortcutPaste{Clipboard: cb, Secondary: s.Secondary}
		}
	}
	return sc
}
