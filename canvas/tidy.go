package canvas

import (
	"errors"
	"fmt"

	"github.com/studioflow/studioflow/canvas/layout"
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
	if err := e.doc.Apply(layout.Op(e.doc.Flow(), e.layoutOptions(only))); err != nil {
		return fmt.Errorf("tidy up: %w", err)
	}
	return nil
}
