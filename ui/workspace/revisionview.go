package workspace

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/canvas"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
	wsstore "github.com/studioflow/studioflow/studio/workspace"
	"github.com/studioflow/studioflow/ui/kbd"
)

// NewRevisionView returns a read-only view of one stored revision: a line
// about it above the whole flow on a scrollable canvas.
func NewRevisionView(cat *schemas.Catalog, rev wsstore.Revision) (fyne.CanvasObject, error) {
	flow, err := model.Parse(rev.Definition)
	if err != nil {
		return nil, fmt.Errorf("revision %d of %s: %w", rev.Revision, rev.FlowSID, err)
	}
	status := widget.NewLabel("")
	setStatusLabel(status, rev.Status)
	valid := widget.NewLabel("")
	setValidityLabel(valid, rev.Valid, rev.Errors, rev.Warnings)
	title := widget.NewLabelWithStyle(fmt.Sprintf("%s — revision %d", rev.FriendlyName, rev.Revision), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	info := widget.NewLabel(fmt.Sprintf("%s · %s · read-only", commitText(rev.CommitMessage), shortDate(rev.DateCreated)))
	info.Importance = widget.LowImportance
	info.Truncation = fyne.TextTruncateEllipsis
	header := container.NewBorder(nil, nil, container.NewHBox(title, status, valid), nil, info)
	view := canvas.NewFlowView(flow, cat)
	return container.NewBorder(container.NewVBox(header, widget.NewSeparator()), nil, nil, nil, view), nil
}

// showRevisionWindow opens a window with a revision, read-only, no larger
// than parent.
func showRevisionWindow(parent fyne.Window, cat *schemas.Catalog, rev wsstore.Revision) error {
	content, err := NewRevisionView(cat, rev)
	if err != nil {
		return err
	}
	w := fyne.CurrentApp().NewWindow(fmt.Sprintf("%s — revision %d (read-only)", rev.FriendlyName, rev.Revision))
	w.SetContent(content)
	CloseOnKeys(w)
	kbd.Install(w) // the focus ring
	w.Resize(SecondarySize(parent, fyne.NewSize(1000, 700)))
	w.Show()
	return nil
}
