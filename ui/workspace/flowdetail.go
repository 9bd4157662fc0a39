package workspace

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	wsstore "github.com/studioflow/studioflow/studio/workspace"
	"github.com/studioflow/studioflow/ui/kbd"
)

// flowDetail is the right side of the Flows home: the selected flow's
// summary and actions, and its revisions and executions in tabs.
type flowDetail struct {
	h    *Home
	flow *wsstore.Flow

	name, sid, status, valid, dates, message *widget.Label

	openBtn, renameBtn, duplicateBtn, exportBtn, deleteBtn, publishBtn *kbd.Button

	revisions  *revisionHistory
	executions *executionList
	tabs       *container.AppTabs
	revTab     *container.TabItem
	execTab    *container.TabItem

	body, placeholder fyne.CanvasObject
	root              *fyne.Container
}

func newFlowDetail(h *Home) *flowDetail {
	d := &flowDetail{h: h}
	d.name = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.name.SizeName = theme.SizeNameSubHeadingText
	d.name.Truncation = fyne.TextTruncateEllipsis
	d.sid = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	d.sid.Importance = widget.LowImportance
	d.sid.Selectable = true
	d.status = widget.NewLabel("")
	d.valid = widget.NewLabel("")
	d.dates = widget.NewLabel("")
	d.dates.Importance = widget.LowImportance
	d.message = widget.NewLabel("")
	d.message.Truncation = fyne.TextTruncateEllipsis

	d.openBtn = kbd.NewButtonWithIcon("Open", theme.DocumentIcon(), func() { h.open(d.flow.SID) })
	d.openBtn.Importance = widget.HighImportance
	d.renameBtn = kbd.NewButtonWithIcon("Rename…", theme.DocumentCreateIcon(), func() { h.showRename(*d.flow) })
	d.duplicateBtn = kbd.NewButtonWithIcon("Duplicate…", theme.ContentCopyIcon(), func() { h.showDuplicate(*d.flow) })
	d.exportBtn = kbd.NewButtonWithIcon("Export…", theme.DocumentSaveIcon(), func() { h.showExport(d.flow.SID, d.flow.FriendlyName) })
	d.deleteBtn = kbd.NewButtonWithIcon("Delete…", theme.DeleteIcon(), func() { h.confirmDelete(*d.flow) })
	d.deleteBtn.Importance = widget.LowImportance
	d.publishBtn = kbd.NewButtonWithIcon("Publish to Twilio…", theme.UploadIcon(), func() {
		if h.OnPublishToTwilio != nil {
			h.OnPublishToTwilio(d.flow.SID)
		}
	})

	d.revisions = newRevisionHistory(h)
	d.executions = newExecutionList(h)
	d.revTab = container.NewTabItemWithIcon("Revisions", theme.HistoryIcon(), d.revisions.root)
	d.execTab = container.NewTabItemWithIcon("Executions", theme.MediaPlayIcon(), d.executions.root)
	d.tabs = container.NewAppTabs(d.revTab, d.execTab)
	d.tabs.OnSelected = func(*container.TabItem) { d.refreshTabs() }

	header := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(d.status, d.valid), d.name),
		d.sid,
		d.message,
		d.dates,
		container.NewHBox(d.openBtn, d.renameBtn, d.duplicateBtn, d.exportBtn, d.publishBtn, d.deleteBtn),
		widget.NewSeparator(),
	)
	d.body = container.NewBorder(container.NewPadded(header), nil, nil, nil, d.tabs)
	d.placeholder = container.NewCenter(widget.NewLabelWithStyle("Select a flow to see its revisions and executions", fyne.TextAlignCenter, fyne.TextStyle{Italic: true}))
	d.root = container.NewStack(d.body, d.placeholder)
	d.show(nil)
	return d
}

func (d *flowDetail) show(f *wsstore.Flow) {
	d.flow = f
	if f == nil {
		d.body.Hide()
		d.placeholder.Show()
		d.revisions.show("")
		d.executions.show("")
		return
	}
	d.placeholder.Hide()
	d.body.Show()
	d.name.SetText(f.FriendlyName)
	d.sid.SetText(f.SID)
	setStatusLabel(d.status, f.Status)
	setValidityLabel(d.valid, f.Valid, f.Errors, f.Warnings)
	d.message.SetText(fmt.Sprintf("Revision %d: %s", f.Revision, commitText(f.CommitMessage)))
	published := "never published"
	if f.LatestPublished > 0 {
		published = fmt.Sprintf("revision %d published", f.LatestPublished)
	}
	d.dates.SetText(fmt.Sprintf("Created %s · updated %s · %s", shortDate(f.DateCreated), shortDate(updated(*f)), published))
	if d.h.OnPublishToTwilio == nil {
		d.publishBtn.Hide()
	} else {
		d.publishBtn.Show()
	}
	d.revisions.show(f.SID)
	d.executions.show(f.SID)
	d.refreshTabs()
}

func (d *flowDetail) refreshTabs() {
	d.revTab.Text = fmt.Sprintf("Revisions (%d)", len(d.revisions.items))
	d.execTab.Text = fmt.Sprintf("Executions (%d)", len(d.executions.items))
	d.tabs.Refresh()
}
