package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/ui/drawn"
	"github.com/studioflow/studioflow/ui/kbd"
)

// pane is one stop of F6: what takes the keyboard there, and whether the
// keyboard is in it now.
type pane struct {
	target func() fyne.Focusable
	holds  func(fyne.Focusable) bool
}

// panes are F6's stops, in screen order: the library's search, the
// canvas, the inspector's first field, the problems list (when open).
func (e *Editor) panes() []pane {
	is := func(o fyne.Focusable) func(fyne.Focusable) bool {
		return func(f fyne.Focusable) bool { return f != nil && f == o }
	}
	canvasFocus, _ := e.canvas.Object().(fyne.Focusable)
	return []pane{
		{target: func() fyne.Focusable {
			selectTab(e.leftTabs, "Library")
			return e.library.search
		}, holds: is(e.library.search)},
		{target: func() fyne.Focusable { return canvasFocus }, holds: is(canvasFocus)},
		{target: func() fyne.Focusable {
			if len(e.inspector.rows) == 0 {
				return nil
			}
			selectTab(e.sim.tabs, "Inspector")
			e.inspector.scroll.ScrollToTop()
			return e.inspector.rows[0].focus
		}, holds: func(f fyne.Focusable) bool {
			for _, r := range e.inspector.rows {
				if f != nil && r.focus == f {
					return true
				}
			}
			return false
		}},
		{target: func() fyne.Focusable {
			if e.dock == nil || !e.dock.Open() {
				return nil
			}
			return e.problems.list
		}, holds: is(e.problems.list)},
	}
}

// cyclePanes moves the keyboard to the next pane (back: the previous one)
// that can take it (F6, Shift+F6).
func (e *Editor) cyclePanes(back bool) {
	c := e.win.Canvas()
	ps := e.panes()
	at := -1
	for i, p := range ps {
		if p.holds(c.Focused()) {
			at = i
			break
		}
	}
	step := 1
	if back {
		step = len(ps) - 1
		if at < 0 {
			at = 0
		}
	}
	for n := 1; n <= len(ps); n++ {
		i := (at + n*step) % len(ps)
		if at < 0 {
			i = (n - 1) % len(ps)
		}
		if f := ps[i].target(); f != nil {
			c.Focus(f)
			return
		}
	}
}

// selectTab shows the tab with that text, if there is one.
func selectTab(tabs *container.AppTabs, text string) {
	if tabs == nil {
		return
	}
	for _, it := range tabs.Items {
		if it.Text == text && tabs.Selected() != it {
			tabs.Select(it)
			return
		}
	}
}

// paneList is a kbd.List (Enter chooses, Escape goes to the window) that
// passes F6 on to the window (cycle).
type paneList struct {
	kbd.List
	cycle func(back bool)
}

// TypedKey is part of fyne.Focusable.
func (l *paneList) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyF6:
		if l.cycle != nil {
			l.cycle(shiftHeld())
			return
		}
	case fyne.KeyF10:
		if kbd.PassKey(l, ev) {
			return
		}
	}
	l.List.TypedKey(ev)
}

// newPaneList is widget.NewList as a paneList.
func newPaneList(length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject)) *paneList {
	l := &paneList{}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.ExtendBaseWidget(l)
	return l
}

// cycleTabs shows the next tab (back: the previous one) of the tab strip
// holding the keyboard, the innermost when strips nest (Ctrl+Tab,
// Ctrl+Shift+Tab); from the canvas or with nothing focused, the strip last
// cycled, else the right pane's (Inspector, Simulator). The keyboard goes
// to the new tab's first field or button, so it never stays in the tab
// just hidden.
func (e *Editor) cycleTabs(back bool) {
	c := e.win.Canvas()
	var tabs *container.AppTabs
	if f, ok := c.Focused().(fyne.CanvasObject); ok {
		for _, o := range kbd.PathTo(e.ring.Content(), f) {
			if t, ok := o.(*container.AppTabs); ok {
				tabs = t
			}
		}
	}
	if tabs == nil {
		tabs = e.lastTabs
	}
	if tabs == nil || kbd.PathTo(e.ring.Content(), tabs) == nil {
		tabs = e.sim.tabs
	}
	n := len(tabs.Items)
	if n == 0 {
		return
	}
	e.lastTabs = tabs
	step := 1
	if back {
		step = n - 1
	}
	tabs.SelectIndex((tabs.SelectedIndex() + step) % n)
	if f := firstFocusable(tabs.Selected().Content); f != nil {
		c.Focus(f)
	} else {
		c.Unfocus()
	}
}

// firstFocusable is the shown, enabled object under o that takes the
// keyboard and comes first on screen (topmost, then leftmost), nil when
// there is none.
func firstFocusable(o fyne.CanvasObject) fyne.Focusable {
	var best fyne.Focusable
	var bestAt fyne.Position
	var walk func(o fyne.CanvasObject, at fyne.Position)
	walk = func(o fyne.CanvasObject, at fyne.Position) {
		if o == nil || !o.Visible() {
			return
		}
		if f, ok := o.(fyne.Focusable); ok {
			if d, ok := o.(fyne.Disableable); !ok || !d.Disabled() {
				if best == nil || at.Y < bestAt.Y || (at.Y == bestAt.Y && at.X < bestAt.X) {
					best, bestAt = f, at
				}
				return
			}
		}
		for _, ch := range drawn.Children(o) {
			walk(ch, at.Add(ch.Position()))
		}
	}
	walk(o, fyne.Position{})
	return best
}

// borderInOrder is container.NewBorder(top, bottom, nil, nil, center) with
// its objects in screen order (NewBorder puts the centre first), so that
// Tab goes from a search box above a list to the list.
func borderInOrder(top, bottom, center fyne.CanvasObject) *fyne.Container {
	objs := []fyne.CanvasObject{top, center}
	if bottom != nil {
		objs = append(objs, bottom)
	}
	return container.New(layout.NewBorderLayout(top, bottom, nil, nil), objs...)
}
