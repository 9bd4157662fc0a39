package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/canvas/look"
	"github.com/studioflow/studioflow/ui/kbd"
)

// libraryKeys makes the palette one stop of Tab: Up and Down (Home, End)
// move a highlight over the items the search leaves shown, Enter or Space
// adds the highlighted widget as Enter in the search box does (at the
// view's centre, the keyboard going on to its name), and F6 goes to the
// next pane.
type libraryKeys struct {
	widget.BaseWidget
	lib     *Library
	content fyne.CanvasObject
	at      int // index into lib.items of the highlighted item; -1 for none
	focused bool
	cycle   func(back bool)
}

var _ fyne.Focusable = (*libraryKeys)(nil)

func newLibraryKeys(l *Library, content fyne.CanvasObject) *libraryKeys {
	k := &libraryKeys{lib: l, content: content, at: -1}
	k.ExtendBaseWidget(k)
	return k
}

// CreateRenderer is part of fyne.Widget.
func (k *libraryKeys) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(k.content)
}

// FocusGained highlights the item last highlighted, or the first shown.
func (k *libraryKeys) FocusGained() {
	k.focused = true
	if k.at < 0 || k.at >= len(k.lib.items) || !k.lib.items[k.at].Visible() {
		k.at = k.step(-1, 1)
	}
	k.highlight()
}

// FocusLost takes the highlight away.
func (k *libraryKeys) FocusLost() {
	k.focused = false
	k.highlight()
}

// TypedRune is part of fyne.Focusable.
func (k *libraryKeys) TypedRune(rune) {}

// TypedKey moves the highlight or adds the highlighted widget.
func (k *libraryKeys) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyDown:
		k.move(k.step(k.at, 1))
	case fyne.KeyUp:
		k.move(k.step(k.at, -1))
	case fyne.KeyHome:
		k.move(k.step(-1, 1))
	case fyne.KeyEnd:
		k.move(k.step(len(k.lib.items), -1))
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace:
		if t := k.Highlighted(); t != "" {
			k.lib.add(t)
		}
	case fyne.KeyF10:
		kbd.PassKey(k, ev)
	case fyne.KeyF6:
		if k.cycle != nil {
			k.cycle(shiftHeld())
		}
	}
}

// Highlighted is the type of the highlighted item, "" when none.
func (k *libraryKeys) Highlighted() string {
	if !k.focused || k.at < 0 || k.at >= len(k.lib.items) {
		return ""
	}
	return k.lib.items[k.at].wt.Type
}

// step is the next shown item from i in direction dir, or i when there is
// none (-1 when i is out of range and nothing is shown).
func (k *libraryKeys) step(i, dir int) int {
	for j := i + dir; j >= 0 && j < len(k.lib.items); j += dir {
		if k.lib.items[j].Visible() {
			return j
		}
	}
	if i >= 0 && i < len(k.lib.items) {
		return i
	}
	return -1
}

func (k *libraryKeys) move(to int) {
	if to == k.at {
		return
	}
	k.at = to
	k.highlight()
}

// highlight marks the highlighted item (while the palette has the
// keyboard) and scrolls it into view.
func (k *libraryKeys) highlight() {
	for i, it := range k.lib.items {
		it.setKeyed(k.focused && i == k.at)
	}
	if k.focused && k.at >= 0 {
		kbd.RevealPath(kbd.PathTo(k.lib.object, k.lib.items[k.at]))
	}
}

// setKeyed outlines the item the keyboard is on, in the focus ring's colour.
func (it *libraryItem) setKeyed(on bool) {
	if it.bg == nil || it.keyed == on {
		it.keyed = on
		return
	}
	it.keyed = on
	if on {
		it.bg.StrokeColor = look.FocusRing(theme.Current(), fyne.CurrentApp().Settings().ThemeVariant())
		it.bg.StrokeWidth = kbd.Width
	} else {
		it.bg.StrokeColor = color.Transparent
		it.bg.StrokeWidth = 0
	}
	it.bg.Refresh()
}

// add adds a widget of that type as Enter in the search box does.
func (l *Library) add(typ string) {
	switch {
	case l.OnEnter != nil:
		l.OnEnter(typ)
	case l.OnAdd != nil:
		l.OnAdd(typ)
	}
}
