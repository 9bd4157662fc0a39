package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
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

// paneList is a list that passes F6 on to the window (cycle).
type paneList struct {
	widget.List
	cycle func(back bool)
}

// TypedKey is part of fyne.Focusable.
func (l *paneList) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyF6 && l.cycle != nil {
		l.cycle(shiftHeld())
		return
	}
	l.List.TypedKey(ev)
}
