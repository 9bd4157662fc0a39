package simulator

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/ui/drawn"
	"github.com/studioflow/studioflow/ui/kbd"
)

// stepTable is the Steps table: it says when its size changes (the
// columns are fitted to its width) and which row the pointer rests on.
type stepTable struct {
	kbd.Table
	// onWidth hears the width the table is about to be laid out at.
	onWidth func(width float32)
	// onHeight hears that the table was laid out at another height.
	onHeight func()
	// onHover hears the row under the pointer and the cell it is over;
	// row -1 (cell nil) when the pointer is over no row.
	onHover func(row int, cell fyne.CanvasObject)
	// rows is the row each cell object last showed: the table reuses them.
	rows map[fyne.CanvasObject]int
}

func newStepTable(length func() (int, int), create func() fyne.CanvasObject, update func(widget.TableCellID, fyne.CanvasObject)) *stepTable {
	t := &stepTable{rows: map[fyne.CanvasObject]int{}}
	t.Length, t.CreateCell = length, create
	t.UpdateCell = func(id widget.TableCellID, o fyne.CanvasObject) {
		t.rows[o] = id.Row
		update(id, o)
	}
	t.ExtendBaseWidget(t)
	return t
}

// Resize fits the columns to the new width before the table lays them out.
func (t *stepTable) Resize(s fyne.Size) {
	old := t.Size()
	if s.Width != old.Width && t.onWidth != nil {
		t.onWidth(s.Width)
	}
	t.Table.Resize(s)
	if s.Height != old.Height && t.onHeight != nil {
		t.onHeight()
	}
}

// MouseIn is part of desktop.Hoverable.
func (t *stepTable) MouseIn(ev *desktop.MouseEvent) {
	t.Table.MouseIn(ev)
	t.hover(ev)
}

// MouseMoved is part of desktop.Hoverable.
func (t *stepTable) MouseMoved(ev *desktop.MouseEvent) {
	t.Table.MouseMoved(ev)
	t.hover(ev)
}

// MouseOut is part of desktop.Hoverable.
func (t *stepTable) MouseOut() {
	t.Table.MouseOut()
	if t.onHover != nil {
		t.onHover(-1, nil)
	}
}

func (t *stepTable) hover(ev *desktop.MouseEvent) {
	if t.onHover == nil {
		return
	}
	cell := t.cellAt(ev.Position)
	if cell == nil {
		t.onHover(-1, nil)
		return
	}
	t.onHover(t.rows[cell], cell)
}

// cellAt is the cell shown at pos (in the table), nil over a header, a
// divider or empty room. Fyne's Table finds it with unexported state
// (its scroll offset), so this looks for it among what the table draws:
// only objects containing pos are searched, which leaves out the rows
// scrolled under the header (outside the scroll showing them).
func (t *stepTable) cellAt(pos fyne.Position) fyne.CanvasObject {
	var found fyne.CanvasObject
	var search func(o fyne.CanvasObject, at fyne.Position)
	search = func(o fyne.CanvasObject, at fyne.Position) {
		for _, c := range drawn.Children(o) {
			if found != nil {
				return
			}
			p := pos.Subtract(at.Add(c.Position()))
			if !c.Visible() || p.X < 0 || p.Y < 0 || p.X >= c.Size().Width || p.Y >= c.Size().Height {
				continue
			}
			if _, ok := t.rows[c]; ok {
				found = c
				return
			}
			search(c, at.Add(c.Position()))
		}
	}
	search(t, fyne.Position{})
	return found
}
