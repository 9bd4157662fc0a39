package canvas

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// panStep is how far, in screen pixels, an arrow pans the view.
const panStep = 60

// arrowDirection is the unit step of an arrow key, and false for any other key.
func arrowDirection(k fyne.KeyName) (dx, dy float64, ok bool) {
	switch k {
	case fyne.KeyUp:
		return 0, -1, true
	case fyne.KeyDown:
		return 0, 1, true
	case fyne.KeyLeft:
		return -1, 0, true
	case fyne.KeyRight:
		return 1, 0, true
	}
	return 0, 0, false
}

// arrow handles an arrow key with its modifiers: Ctrl pans the view; with
// nothing selected, an arrow selects the widget nearest the middle of the
// view (so the keyboard alone reaches the widgets); with a selection, Alt
// or Shift nudges it (Shift: five times further) and a plain arrow selects
// the nearest widget that way.
func (e *Editor) arrow(dx, dy float64, mods fyne.KeyModifier) {
	if mods&fyne.KeyModifierControl != 0 {
		e.pan(dx*panStep, dy*panStep)
		return
	}
	if len(e.selected) == 0 {
		if first := e.nearestToViewCentre(); first != "" {
			e.SetSelection([]string{first})
			e.Reveal(first)
		}
		return
	}
	if mods&(fyne.KeyModifierAlt|fyne.KeyModifierShift) != 0 {
		step := float64(gridSize)
		if !e.snap {
			step = 1
		}
		if mods&fyne.KeyModifierShift != 0 {
			step *= 5
		}
		e.nudge(dx*step, dy*step)
		return
	}
	if next := e.nearestToward(dx, dy); next != "" {
		e.SetSelection([]string{next})
		e.Reveal(next)
	}
}

// pan moves the view by (dx, dy) screen pixels.
func (e *Editor) pan(dx, dy float64) {
	e.viewTouched = true
	e.view.origin = e.view.origin.add(dx/e.view.zoom, dy/e.view.zoom)
	e.Refresh()
}

// nearestToViewCentre is the widget whose centre is nearest the middle of
// the view; "" when the flow has none.
func (e *Editor) nearestToViewCentre() string {
	mid := e.view.visible(e.Size()).center()
	best, bestDist := "", math.Inf(1)
	for i := range e.graph.nodes {
		c := e.graph.nodes[i].rect().center()
		if d := math.Hypot(c.X-mid.X, c.Y-mid.Y); d < bestDist {
			best, bestDist = e.graph.nodes[i].name, d
		}
	}
	return best
}

// nearestToward is the widget nearest the selection's centre whose centre
// lies in the direction (dx, dy), favouring those straight ahead; "" when
// there is none.
func (e *Editor) nearestToward(dx, dy float64) string {
	var box worldRect
	first := true
	for n := range e.selected {
		i, ok := e.graph.byName[n]
		if !ok {
			continue
		}
		if r := e.graph.nodes[i].rect(); first {
			box, first = r, false
		} else {
			box = box.union(r)
		}
	}
	if first {
		return ""
	}
	return e.nearestFrom(box, dx, dy, func(n *node) bool { return e.selected[n.name] })
}

// nearestFrom is the widget nearest box's centre whose centre lies in the
// direction (dx, dy), favouring those straight ahead, leaving out the
// nodes skip accepts; "" when there is none.
func (e *Editor) nearestFrom(box worldRect, dx, dy float64, skip func(*node) bool) string {
	from := box.center()
	best, bestScore := "", math.Inf(1)
	for i := range e.graph.nodes {
		n := &e.graph.nodes[i]
		if skip(n) {
			continue
		}
		c := n.rect().center()
		ahead := (c.X-from.X)*dx + (c.Y-from.Y)*dy
		if ahead <= 0 {
			continue
		}
		aside := math.Abs((c.X-from.X)*dy) + math.Abs((c.Y-from.Y)*dx)
		if score := ahead + 2*aside; score < bestScore {
			best, bestScore = n.name, score
		}
	}
	return best
}

// arrowShortcut handles Alt+arrow (and Alt+Shift+arrow) and Ctrl+arrow,
// which the desktop driver delivers as shortcuts; it reports whether s was
// one.
func (e *Editor) arrowShortcut(s fyne.Shortcut) bool {
	sc, ok := s.(*desktop.CustomShortcut)
	if !ok {
		return false
	}
	nudge := sc.Modifier&fyne.KeyModifierAlt != 0 && sc.Modifier&^(fyne.KeyModifierAlt|fyne.KeyModifierShift) == 0
	if !nudge && sc.Modifier != fyne.KeyModifierControl {
		return false
	}
	dx, dy, ok := arrowDirection(sc.KeyName)
	if !ok {
		return false
	}
	e.arrow(dx, dy, sc.Modifier)
	return true
}

// openContextMenu opens the context menu of the selection (of its first
// widget) as a right click on its middle would.
func (e *Editor) openContextMenu() {
	sel := e.Selection()
	if len(sel) == 0 || e.OnWidgetSecondaryTap == nil {
		return
	}
	i, ok := e.graph.byName[sel[0]]
	if !ok {
		return
	}
	e.Reveal(sel[0])
	e.OnWidgetSecondaryTap(sel[0], e.view.toScreen(e.graph.nodes[i].rect().center()))
}
