package kbd

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// List is a list for the keyboard: Up and Down move, Space, Enter and
// Return choose the highlighted row (again, when it is the row already
// chosen), and the keys a list does not use (Escape, F6, F10…) go on to the
// window's key handler, as a Button's do.
type List struct {
	widget.List
	self fyne.Widget
}

// NewList is widget.NewList as a List.
func NewList(length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject)) *List {
	return extended(&List{List: widget.List{Length: length, CreateItem: create, UpdateItem: update}})
}

// ExtendBaseWidget is widget.List's, remembering which widget is drawn (a
// type that embeds List calls it with itself).
func (l *List) ExtendBaseWidget(w fyne.Widget) {
	l.self = w
	l.List.ExtendBaseWidget(w)
}

// TypedKey is part of fyne.Focusable.
func (l *List) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter {
		l.UnselectAll()
		l.List.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
		return
	}
	useOrPass(l.self, ev, l.List.TypedKey, fyne.KeySpace, fyne.KeyUp, fyne.KeyDown)
}
