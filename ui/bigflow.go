package ui

import (
	"fmt"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
)

// checkEditable refuses, with the reason, a flow above Studio's widget
// limit: the canvas's work grows with the widgets that crowd each wire, so
// 50,000 widgets packed closely never finished opening, and Studio would not
// take such a flow anyway. validate and run still handle it.
func checkEditable(f *model.Flow) error {
	if n := f.Len(); n > schemas.MaxWidgets {
		return fmt.Errorf("the flow has %d widgets, but Studio allows at most %d and the editor opens flows up to that size: check it with studioflow validate, or split it into subflows", n, schemas.MaxWidgets)
	}
	return nil
}
