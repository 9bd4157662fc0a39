package canvas

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// FocusGained is part of fyne.Focusable.
func (e *Editor) FocusGained() {
	e.focused = true
	e.Refresh()
}

// FocusLost is part of fyne.Focusable.
func (e *Editor) FocusLost() {
	e.focused = false
	e.mods = 0
	e.endKeyWire()
	e.clearLeftHint()
	e.Refresh()
}

// TypedKey is part of fyne.Focusable: Delete or Backspace removes the
// selection; arrows select a widget, or move the selection to the next
// one (Alt or Shift: nudge the selection; Ctrl: pan the view; see arrow);
// Escape cancels a drag, a pending new-widget menu, or the selection;
// Enter or F2 asks to edit the one selected widget (OnEditWidget: the
// window focuses its inspector);
// Shift+F10 or the Menu key opens the selection's context menu; F6 goes to
// the window's next pane (OnCyclePanes). While a wire is drawn from the
// keyboard (W), its keys come first (keyWireKey).
func (e *Editor) TypedKey(ev *fyne.KeyEvent) {
	e.clearLeftHint()
	if e.wiring != nil && e.keyWireKey(ev) {
		return
	}
	if dx, dy, ok := arrowDirection(ev.Name); ok {
		e.arrow(dx, dy, e.modifiers())
		return
	}
	switch ev.Name {
	case fyne.KeyDelete, fyne.KeyBackspace:
		e.DeleteSelection()
	case desktop.KeyMenu:
		e.openContextMenu()
	case fyne.KeyF10:
		if e.modifiers()&fyne.KeyModifierShift != 0 {
			e.openContextMenu()
		} else if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil && c.OnTypedKey() != nil {
			c.OnTypedKey()(ev) // F10 alone: the window's (it opens the menu bar)
		}
	case fyne.KeyF6:
		if e.OnCyclePanes != nil {
			e.OnCyclePanes(e.modifiers()&fyne.KeyModifierShift != 0)
		}
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeyF2:
		if sel := e.Selection(); len(sel) == 1 && e.OnEditWidget != nil {
			e.OnEditWidget(sel[0])
		}
	case fyne.KeyEscape:
		switch {
		case e.gesture != nil && !e.gesture.cancelled:
			e.cancelGesture()
		case e.menu != nil:
			e.menu.Hide()
			e.menu = nil
		default:
			e.replaceSelection(map[string]bool{})
		}
	}
}

// TypedRune is part of fyne.Focusable: + and - zoom, 0 resets the zoom, W
// starts drawing a wire from the selected widget; while one is drawn,
// what is typed names its target.
func (e *Editor) TypedRune(r rune) {
	e.clearLeftHint()
	if e.wiring != nil {
		e.keyWireRune(r)
		return
	}
	switch r {
	case 'w', 'W':
		e.startKeyWire()
	case '+', '=':
		e.ZoomIn()
	case '-', '_':
		e.ZoomOut()
	case '0':
		e.ZoomReset()
	}
}

// TypedShortcut is part of fyne.Shortcutable: Ctrl+A selects every widget,
// Alt+arrows nudge the selection, Ctrl+arrows pan the view.
// A focused widget receives every shortcut, so the others go on to the
// window's (Save, Undo, …).
func (e *Editor) TypedShortcut(s fyne.Shortcut) {
	if _, ok := s.(*fyne.ShortcutSelectAll); ok {
		e.SelectAll()
		return
	}
	if e.arrowShortcut(s) {
		return
	}
	if app := fyne.CurrentApp(); app != nil {
		if c, ok := app.Driver().CanvasForObject(e).(fyne.Shortcutable); ok {
			c.TypedShortcut(s)
		}
	}
}

// KeyDown is part of desktop.Keyable; it tracks modifiers for drivers
// that cannot tell them.
func (e *Editor) KeyDown(ev *fyne.KeyEvent) { e.mods |= modifierOf(ev.Name) }

// KeyUp is part of desktop.Keyable.
func (e *Editor) KeyUp(ev *fyne.KeyEvent) { e.mods &^= modifierOf(ev.Name) }

func modifierOf(k fyne.KeyName) fyne.KeyModifier {
	switch k {
	case desktop.KeyShiftLeft, desktop.KeyShiftRight:
		return fyne.KeyModifierShift
	case desktop.KeyControlLeft, desktop.KeyControlRight:
		return fyne.KeyModifierControl
	case desktop.KeyAltLeft, desktop.KeyAltRight:
		return fyne.KeyModifierAlt
	case desktop.KeySuperLeft, desktop.KeySuperRight:
		return fyne.KeyModifierSuper
	}
	return 0
}

// SelectAll selects every widget.
func (e *Editor) SelectAll() {
	next := make(map[string]bool, len(e.graph.nodes))
	for i := range e.graph.nodes {
		next[e.graph.nodes[i].name] = true
	}
	e.replaceSelection(next)
}
