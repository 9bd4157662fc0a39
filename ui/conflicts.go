package ui

import (
	"encoding/json"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/model/flowmerge"
	"github.com/studioflow/studioflow/ui/kbd"
)

// Conflicts lists the conflicts a three-way merge recorded in the flow
// (studioflow merge, pull --merge), each with both sides to pick from.
// Picking one is an undoable edit; when none is left the panel hides and
// the flow is a normal flow. The panel is hidden for flows without
// conflicts.
type Conflicts struct {
	doc     *model.Document
	list    []model.Conflict
	rows    *fyne.Container
	scroll  *container.Scroll
	title   *widget.Label
	object  *fyne.Container
	cancel  func()
	OnError func(error)
	// OnChoose is called with the widget of a conflict whose name is tapped.
	OnChoose func(widget string)
	// Next is what takes the keyboard when the last conflict is settled
	// from it (the canvas); nil: nothing.
	Next func() fyne.Focusable
	// controls are the rows' buttons, so that settling a conflict from
	// the keyboard leaves it on the next conflict's button.
	controls *kbd.Controls
}

// NewConflicts returns the panel, empty and hidden.
func NewConflicts() *Conflicts {
	c := &Conflicts{}
	c.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.rows = container.NewVBox()
	c.scroll = container.NewVScroll(c.rows)
	c.object = container.NewBorder(c.title, nil, nil, nil, c.scroll)
	c.object.Hide()
	return c
}

// Object is the panel's canvas object.
func (c *Conflicts) Object() fyne.CanvasObject { return c.object }

// SetDocument follows doc's conflicts from now on.
func (c *Conflicts) SetDocument(doc *model.Document) {
	if c.cancel != nil {
		c.cancel()
	}
	c.doc = doc
	c.cancel = doc.Subscribe(func(model.Change) { c.refresh() })
	c.refresh()
}

// Conflicts returns the conflicts shown.
func (c *Conflicts) Conflicts() []model.Conflict { return c.list }

func (c *Conflicts) refresh() {
	old := c.controls
	canvas := kbd.CanvasOf(c.object)
	held := ""
	if canvas != nil {
		held = old.Name(canvas.Focused())
	}
	c.controls = &kbd.Controls{}
	c.build()
	if held == "" {
		return
	}
	if f := c.controls.Successor(old, held); f != nil {
		canvas.Focus(f)
	} else if c.Next != nil && c.Next() != nil {
		canvas.Focus(c.Next())
	} else {
		canvas.Unfocus()
	}
}

// build shows the conflicts there are now.
func (c *Conflicts) build() {
	c.list = c.doc.Flow().Conflicts()
	c.rows.RemoveAll()
	if len(c.list) == 0 {
		c.object.Hide()
		return
	}
	c.title.SetText(fmt.Sprintf("Merge conflicts (%d): pick a side for each", len(c.list)))
	for i, k := range c.list {
		c.rows.Add(c.row(i, k))
	}
	// However many conflicts there are, the panel shows at most
	// shownConflicts of them at once and scrolls the rest, so the canvas
	// above keeps its room.
	height := c.rows.MinSize().Height
	if n := float32(len(c.list)); n > shownConflicts {
		height = height / n * shownConflicts
	}
	c.scroll.SetMinSize(fyne.NewSize(0, height))
	c.object.Show()
	c.object.Refresh()
}

// shownConflicts is how many conflicts the panel shows without scrolling.
const shownConflicts = 2.5

func (c *Conflicts) row(i int, k model.Conflict) fyne.CanvasObject {
	where := conflictPlace(k)
	name := kbd.NewButtonWithIcon(where, theme.WarningIcon(), func() {
		if c.OnChoose != nil && k.Widget != "" {
			c.OnChoose(k.Widget)
		}
	})
	name.Importance = widget.LowImportance
	ours := kbd.NewButton("Keep ours: "+sideText(k.HasOurs, k.Ours), func() { c.Resolve(i, flowmerge.Ours) })
	theirs := kbd.NewButton("Take theirs: "+sideText(k.HasTheirs, k.Theirs), func() { c.Resolve(i, flowmerge.Theirs) })
	c.controls.Add(fmt.Sprintf("%d/name", i), name)
	c.controls.Add(fmt.Sprintf("%d/ours", i), ours)
	c.controls.Add(fmt.Sprintf("%d/theirs", i), theirs)
	return container.NewVBox(name, container.NewGridWithColumns(2, ours, theirs))
}

// conflictPlace names where a conflict is and what both sides started
// from, so the builder can tell which side changed what.
func conflictPlace(k model.Conflict) string {
	where := "Flow settings"
	if k.Widget != "" {
		where = k.Widget
	}
	if k.Path != "" {
		where += " · " + k.Path
	}
	if k.HasBase {
		return where + " (was " + sideText(true, k.Base) + ")"
	}
	return where + " (new on both sides)"
}

// Resolve settles conflict i by taking side, as one undoable edit.
func (c *Conflicts) Resolve(i int, side flowmerge.Side) {
	resolved, err := flowmerge.Resolve(c.doc.Flow(), i, side)
	if err == nil {
		err = c.doc.Apply(model.ReplaceFlow(resolved))
	}
	if err != nil && c.OnError != nil {
		c.OnError(fmt.Errorf("resolve the conflict with %s: %w", side, err))
	}
}

// sideText shows a side's value in a button, shortened.
func sideText(has bool, v any) string {
	if !has {
		return "(deleted)"
	}
	s, ok := v.(string)
	if !ok {
		b, err := json.Marshal(model.ToGeneric(v))
		if err != nil {
			s = fmt.Sprint(v)
		} else {
			s = string(b)
		}
	}
	if r := []rune(s); len(r) > 40 {
		s = string(r[:39]) + "…"
	}
	return s
}
