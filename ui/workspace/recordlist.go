package workspace

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/ui/kbd"
)

// recordList lists a flow's records (its revisions, its executions), newest
// first, and knows which one is selected, for the buttons that act on it.
type recordList[T any] struct {
	flowSID  string // whose records are listed; "" for none
	items    []T
	selected int // index in items, -1 for none
	list     *kbd.List

	read    func(flowSID string) ([]T, error)
	failed  func(error)
	changed func()
}

// init makes the list: row makes a row and fill fills one with its
// record; read reads a flow's records from the store, failed reports a
// failure to, and changed is called whenever the records or the selection
// change (the buttons follow them).
func (l *recordList[T]) init(row func() fyne.CanvasObject, fill func(fyne.CanvasObject, T), read func(string) ([]T, error), failed func(error), changed func()) {
	l.selected = -1
	l.read, l.failed, l.changed = read, failed, changed
	l.list = kbd.NewList(func() int { return len(l.items) }, row, func(i widget.ListItemID, o fyne.CanvasObject) {
		fill(o, l.items[i])
	})
	l.list.OnSelected = func(i widget.ListItemID) { l.selected = i; changed() }
	l.list.OnUnselected = func(widget.ListItemID) { l.selected = -1; changed() }
}

// show lists the records of flowSID (none for ""), none of them selected.
func (l *recordList[T]) show(flowSID string) {
	l.flowSID = flowSID
	var items []T
	if flowSID != "" {
		var err error
		if items, err = l.read(flowSID); err != nil {
			l.failed(err)
		}
	}
	l.items, l.selected = items, -1
	l.list.UnselectAll()
	l.list.Refresh()
	l.changed()
}

// current is the selected record; false when none is.
func (l *recordList[T]) current() (T, bool) {
	if l.selected < 0 || l.selected >= len(l.items) {
		var none T
		return none, false
	}
	return l.items[l.selected], true
}
