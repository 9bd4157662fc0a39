package canvas

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// pressState is the last mouse button press: which button, with which
// modifiers, so that taps and drags (whose events carry neither) know.
type pressState struct {
	button desktop.MouseButton
	mods   fyne.KeyModifier
}

// MouseDown is part of desktop.Mouseable.
func (e *Editor) MouseDown(ev *desktop.MouseEvent) {
	e.press = pressState{button: ev.Button, mods: ev.Modifier}
	e.viewTouched = true
	e.mods = ev.Modifier
	e.requestFocus()
}

// MouseUp is part of desktop.Mouseable.
func (e *Editor) MouseUp(*desktop.MouseEvent) {}

// Tapped is part of fyne.Tappable: a click selects the node under it, or
// with Shift or Ctrl adds it to (or takes it from) the selection; a click
// on empty space clears the selection.
func (e *Editor) Tapped(ev *fyne.PointEvent) {
	e.requestFocus()
	i := e.nodeAt(ev.Position)
	if i < 0 {
		if !e.extending() {
			e.replaceSelection(map[string]bool{})
		}
		return
	}
	name := e.graph.nodes[i].name
	if !e.extending() {
		e.replaceSelection(map[string]bool{name: true})
		return
	}
	next := e.selectionWith("")
	if next[name] {
		delete(next, name)
	} else {
		next[name] = true
	}
	e.replaceSelection(next)
}

// TappedSecondary is part of fyne.SecondaryTappable.
func (e *Editor) TappedSecondary(ev *fyne.PointEvent) {
	i := e.nodeAt(ev.Position)
	if i < 0 || e.OnWidgetSecondaryTap == nil {
		return
	}
	name := e.graph.nodes[i].name
	if !e.selected[name] {
		e.replaceSelection(map[string]bool{name: true})
	}
	e.OnWidgetSecondaryTap(name, ev.Position)
}

// Scrolled is part of fyne.Scrollable: the wheel pans, and with Ctrl held
// zooms around the pointer.
func (e *Editor) Scrolled(ev *fyne.ScrollEvent) {
	e.viewTouched = true
	if e.modifiers()&fyne.KeyModifierShortcutDefault != 0 || e.modifiers()&fyne.KeyModifierControl != 0 {
		e.view.zoomAt(ev.Position, math.Pow(1.1, float64(ev.Scrolled.DY)/10))
	} else {
		e.view.origin = e.view.origin.add(-float64(ev.Scrolled.DX)/e.view.zoom, -float64(ev.Scrolled.DY)/e.view.zoom)
	}
	e.Refresh()
}

// MouseIn is part of desktop.Hoverable.
func (e *Editor) MouseIn(ev *desktop.MouseEvent) { e.MouseMoved(ev) }

// MouseMoved is part of desktop.Hoverable: it tracks the pointer and which
// node it is over (whose messages then show).
func (e *Editor) MouseMoved(ev *desktop.MouseEvent) {
	e.mods = ev.Modifier
	hover := ""
	h := e.hitTest(ev.Position)
	e.overPort = h.kind == hitPort || h.kind == hitWireEnd
	if h.kind != hitNothing {
		hover = e.graph.nodes[e.nodeAtOr(ev.Position, h.node)].name
	}
	if hover != e.hover {
		old := e.hover
		e.hover = hover
		if len(e.diags[old].messages) > 0 || len(e.diags[hover].messages) > 0 {
			e.Refresh()
		}
	}
}

// nodeAtOr is the node under p, or fallback when p is just off a node (a
// port's dot sticks out below its node).
func (e *Editor) nodeAtOr(p fyne.Position, fallback int) int {
	if i := e.nodeAt(p); i >= 0 {
		return i
	}
	return fallback
}

// Cursor is part of desktop.Cursorable: a crosshair over what starts a
// wire.
func (e *Editor) Cursor() desktop.Cursor {
	if e.overPort && !e.readOnly {
		return desktop.CrosshairCursor
	}
	return desktop.DefaultCursor
}

// MouseOut is part of desktop.Hoverable.
func (e *Editor) MouseOut() {
	e.overPort = false
	if e.hover != "" {
		e.hover = ""
		e.Refresh()
	}
}

// modifiers are the keyboard modifiers held now: the driver knows on a
// desktop; otherwise the last mouse or key event told.
func (e *Editor) modifiers() fyne.KeyModifier {
	if app := fyne.CurrentApp(); app != nil {
		if d, ok := app.Driver().(desktop.Driver); ok {
			return d.CurrentKeyModifiers()
		}
	}
	return e.mods
}

// extending reports whether a click or drag adds to the selection.
func (e *Editor) extending() bool {
	m := e.modifiers() | e.press.mods
	return m&(fyne.KeyModifierShift|fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0
}

// selectionWith copies the selection, plus name unless it is "".
func (e *Editor) selectionWith(name string) map[string]bool {
	next := make(map[string]bool, len(e.selected)+1)
	for n := range e.selected {
		next[n] = true
	}
	if name != "" {
		next[name] = true
	}
	return next
}

func (e *Editor) requestFocus() {
	if app := fyne.CurrentApp(); app != nil {
		if c := app.Driver().CanvasForObject(e); c != nil && c.Focused() != e {
			c.Focus(e)
		}
	}
}
