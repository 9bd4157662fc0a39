package canvas

import (
	"errors"
	"fmt"

	"github.com/studioflow/studioflow/canvas/layout"
	"github.com/studioflow/studioflow/model"
)

// TidyUp lays out the whole flow, or only the selection among itself, in
// layers from the trigger down, as one undoable step.
func (e *Editor) TidyUp(selectionOnly bool) error {
	if e.readOnly {
		return errors.New("this view of the flow is read-only")
	}
	var only map[string]bool
	if selectionOnly {
		if len(e.selected) == 0 {
			return errors.New("tidy up the selection: no widget is selected")
		}
		only = e.selectionWith("")
	}
	if err := e.applyLayout(only); err != nil {
		return fmt.Errorf("tidy up: %w", err)
	}
	return nil
}

// applyLayout moves the widgets (all, or those in only) where the layout
// puts them, as one undoable step, and keeps the routes it gives the long
// wires: they are recorded before the move so that the wires re-routed
// as their widgets arrive already follow them.
func (e *Editor) applyLayout(only map[string]bool) error {
	res := layout.Compute(e.doc.Flow(), e.layoutOptions(only))
	if only == nil {
		clear(e.bends)
	}
	e.bends.keep(e.doc.Flow(), res)
	return e.doc.Apply(model.Batch("Tidy up", model.MoveWidgets(res.Positions)))
}
