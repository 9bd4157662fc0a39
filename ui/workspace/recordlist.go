package workspace

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/ui/kbd"
)

// recordList lists a flow's records (its revisions, its executions), newest
// first, and knows which one is selected, for the buttons that act on it.
type recordList[T any] struct {
	items    []T
	selected int // index in items, -1 for none
	list     *kbd.List
}

// init makes the list: row makes a row, show fills one with its record,
// and changed is called whenever the selection changes (the buttons
// follow it).
func (l *recordList[T]) init(row func() fyne.CanvasObject, show func(fyne.CanvasObject, T), changed func()) {
	l.selected = -1
	l.list = kbd.NewList(func() int { return len(l.items) }, row, func(i widget.ListItemID, o fyne.CanvasObject) {
		show(o, l.items[i])
	})
	l.list.OnSelected = func(i widget.ListItemID) { l.selected = i; changed() }
	l.list.OnUnselected = func(widget.ListItemID) { l.selected = -1; changed() }
}

// load lists items, none of them selected.
func (l *recordList[T]) load(items []T) {
	l.items, l.selected = items, -1
	l.list.UnselectAll()
	l.list.Refresh()
}

// current is the selected record; false when none is.
func (l *recordList[T]) current() (T, bool) {
	if l.selected < 0 || l.selected >= len(l.items) {
		var none T
		return none, false
	}
	return l.items[l.selected], true
}
