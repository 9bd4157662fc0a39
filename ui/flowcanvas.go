package ui

import (
	"io"

	"fyne.io/fyne/v2"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
)

// flowCanvas is what the editor window needs from the graph in its middle:
// the names of the GUI contract's canvas.Editor, so that the real editor
// plugs in through a thin adapter.
type flowCanvas interface {
	Object() fyne.CanvasObject
	SetDocument(doc *model.Document)
	Selection() []string
	SetSelection(names []string)
	OnSelectionChanged(fn func(names []string))
	OnWidgetSecondaryTap(fn func(name string, at fyne.Position))
	// OnCyclePanes: F6 (back: Shift+F6) on the canvas.
	OnCyclePanes(fn func(back bool))
	// OnEditWidget: Enter or F2 on the one selected widget.
	OnEditWidget(fn func(name string))
	// OnHint: what the keys do while a wire is drawn from the keyboard
	// ("" when it ends), for the status line.
	OnHint(fn func(text string))
	Reveal(names ...string)
	SetDiagnostics(ds []schemas.Diagnostic)
	DropWidget(typ string, at fyne.Position) (string, error)
	// AddWidget adds a widget in free space near the selection (or the
	// view's centre), covering no other, selected.
	AddWidget(typ string) (string, error)
	// DropCorner is where a widget's top-left corner goes for it to sit
	// centred under the pointer at p.
	DropCorner(p fyne.Position) fyne.Position
	ViewCenter() model.Position
	// CopyShift: how far copies of widgets move to land (Paste, Duplicate).
	CopyShift(widgets []*model.Object) model.Position
	ZoomIn()
	ZoomOut()
	ZoomReset()
	ZoomToFit()
	TidyUp(selectionOnly bool) error
	ExportPNG(w io.Writer) error
	SetMinimapShown(shown bool)
	MinimapShown() bool
}
