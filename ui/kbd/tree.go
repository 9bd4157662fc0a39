package kbd

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Table is Fyne's Table keeping its own keys (the arrows move, Space
// chooses the cell) and passing the others (Escape, F6, F10…) on to the
// window's key handler.
type Table struct {
	widget.Table
	// self is the widget drawn: t, or a type embedding it.
	self fyne.Widget
}

// ExtendBaseWidget is widget.BaseWidget's, remembering which widget is
// drawn (a type that embeds Table calls it with itself).
func (t *Table) ExtendBaseWidget(w fyne.Widget) {
	t.self = w
	t.Table.ExtendBaseWidget(w)
}

// NewTable is widget.NewTable as a Table.
func NewTable(length func() (rows int, cols int), create func() fyne.CanvasObject, update func(widget.TableCellID, fyne.CanvasObject)) *Table {
	return extended(&Table{Table: widget.Table{Length: length, CreateCell: create, UpdateCell: update}})
}

// TypedKey is part of fyne.Focusable.
func (t *Table) TypedKey(ev *fyne.KeyEvent) {
	useOrPass(t.self, ev, t.Table.TypedKey, arrowsAndSpace...)
}

// Tree is Fyne's Tree keeping its own keys (the arrows move, open and
// close, Space chooses the node) and passing the others (Escape, F6,
// F10…) on to the window's key handler.
type Tree struct {
	widget.Tree
}

// NewTree is widget.NewTree as a Tree.
func NewTree(childUIDs func(widget.TreeNodeID) []widget.TreeNodeID, isBranch func(widget.TreeNodeID) bool, create func(bool) fyne.CanvasObject, update func(widget.TreeNodeID, bool, fyne.CanvasObject)) *Tree {
	return extended(&Tree{Tree: widget.Tree{ChildUIDs: childUIDs, IsBranch: isBranch, CreateNode: create, UpdateNode: update}})
}

// TypedKey is part of fyne.Focusable.
func (t *Tree) TypedKey(ev *fyne.KeyEvent) {
	useOrPass(t, ev, t.Tree.TypedKey, arrowsAndSpace...)
}
