package workspace

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/studio"
	wsstore "github.com/studioflow/studioflow/studio/workspace"
	"github.com/studioflow/studioflow/ui/kbd"
)

var zeroTime time.Time

// revisionHistory lists a flow's revisions, newest first, and acts on the
// selected one: view it read-only, compare it with the revision before it or
// with the latest, restore it as a new draft, publish it.
type revisionHistory struct {
	recordList[wsstore.Revision]
	h *Home

	viewBtn, restoreBtn, publishBtn *kbd.Button
	prevBtn, latestBtn              *kbd.Button // compare with previous / latest
	root                            fyne.CanvasObject
}

func newRevisionHistory(h *Home) *revisionHistory {
	r := &revisionHistory{h: h}
	r.init(newRevisionRow, func(o fyne.CanvasObject, rev wsstore.Revision) { o.(*revisionRow).show(rev) },
		func(flowSID string) ([]wsstore.Revision, error) { return h.store.Revisions(flowSID) },
		h.showError, r.updateButtons)
	r.viewBtn = kbd.NewButtonWithIcon("View read-only", theme.VisibilityIcon(), r.view)
	r.restoreBtn = kbd.NewButtonWithIcon("Restore as draft", theme.HistoryIcon(), r.restore)
	r.publishBtn = kbd.NewButtonWithIcon("Publish", theme.ConfirmIcon(), r.publish)
	r.prevBtn = kbd.NewButtonWithIcon("Compare with previous", theme.ContentCopyIcon(), r.compareWithPrevious)
	r.latestBtn = kbd.NewButtonWithIcon("Compare with latest", theme.ContentCopyIcon(), r.compareWithLatest)
	// Two rows: five buttons in one would widen the Flows home past its
	// window and squeeze the flows list.
	bar := container.NewVBox(container.NewHBox(r.viewBtn, r.restoreBtn, r.publishBtn), container.NewHBox(r.prevBtn, r.latestBtn))
	r.root = container.NewBorder(bar, nil, nil, nil, r.list)
	r.updateButtons()
	return r
}

func (r *revisionHistory) updateButtons() {
	rev, ok := r.current()
	for _, b := range []*kbd.Button{r.viewBtn, r.prevBtn, r.latestBtn, r.restoreBtn, r.publishBtn} {
		if ok {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	if ok && r.selected == 0 {
		r.restoreBtn.Disable() // it is the flow's definition already
		r.latestBtn.Disable()
	}
	if ok && r.selected == len(r.items)-1 {
		r.prevBtn.Disable() // the first revision has none before it
	}
	if r.h.OnCompare == nil {
		r.prevBtn.Disable() // nowhere to show a comparison
		r.latestBtn.Disable()
	}
	if ok && (!rev.Valid || len(rev.Errors) > 0 || (r.selected == 0 && rev.Status == wsstore.StatusPublished)) {
		r.publishBtn.Disable() // broken, or live already
	}
}

func (r *revisionHistory) view() {
	rev, ok := r.current()
	if !ok {
		return
	}
	full, ok := r.whole(rev.Revision)
	if !ok {
		return
	}
	if r.h.OnOpenRevisionReadOnly != nil {
		r.h.OnOpenRevisionReadOnly(r.flowSID, full)
		return
	}
	if err := showRevisionWindow(r.h.win, r.h.val.Catalog(), full); err != nil {
		r.h.showError(err)
	}
}

// whole reads revision n of the flow with its definition (the list holds
// revisions without), showing the error when it cannot.
func (r *revisionHistory) whole(n int) (wsstore.Revision, bool) {
	full, err := r.h.store.Revision(r.flowSID, n)
	if err != nil {
		r.h.showError(err)
		return wsstore.Revision{}, false
	}
	return full, true
}

// compareWithPrevious compares the revision before the selected one (the
// next older in the list) with the selected one.
func (r *revisionHistory) compareWithPrevious() {
	if r.selected < 0 || r.selected+1 >= len(r.items) {
		return
	}
	r.compare(r.items[r.selected+1].Revision, r.items[r.selected].Revision, "")
}

// compareWithLatest compares the selected revision with the flow's latest.
func (r *revisionHistory) compareWithLatest() {
	if r.selected <= 0 || r.selected >= len(r.items) {
		return
	}
	r.compare(r.items[r.selected].Revision, r.items[0].Revision, " (latest)")
}

// compare loads and parses two revisions of the flow and hands them to
// OnCompare, older first, labelled "rev N" (newSuffix follows the newer).
func (r *revisionHistory) compare(oldRev, newRev int, newSuffix string) {
	if r.h.OnCompare == nil {
		return
	}
	older, err := r.parsedRevision(oldRev)
	if err != nil {
		r.h.showError(err)
		return
	}
	newer, err := r.parsedRevision(newRev)
	if err != nil {
		r.h.showError(err)
		return
	}
	r.h.OnCompare(older, newer, fmt.Sprintf("rev %d", oldRev), fmt.Sprintf("rev %d%s", newRev, newSuffix))
}

func (r *revisionHistory) parsedRevision(n int) (*model.Flow, error) {
	rev, err := r.h.store.Revision(r.flowSID, n)
	if err != nil {
		return nil, fmt.Errorf("compare revision %d: %w", n, err)
	}
	f, err := model.Parse(rev.Definition)
	if err != nil {
		return nil, fmt.Errorf("compare revision %d: %w", n, err)
	}
	return f, nil
}

// restore saves the selected revision's definition as the flow's next
// revision, a draft.
func (r *revisionHistory) restore() {
	rev, ok := r.current()
	if !ok {
		return
	}
	if _, err := r.h.store.RestoreRevision(r.flowSID, rev.Revision, r.h.now()); err != nil {
		r.h.showError(err)
		return
	}
	r.h.afterChange(r.flowSID)
}

// publish saves the selected revision's definition as the flow's next
// revision, published, with a commit message the user may change.
func (r *revisionHistory) publish() {
	rev, ok := r.current()
	if !ok {
		return
	}
	msg := kbd.NewEntry()
	msg.SetText(fmt.Sprintf("Published revision %d", rev.Revision))
	showForm(fmt.Sprintf("Publish revision %d", rev.Revision), "Publish",
		[]*widget.FormItem{widget.NewFormItem("Commit message", msg)}, func(ok bool) {
			if !ok {
				return
			}
			full, ok := r.whole(rev.Revision)
			if !ok {
				return
			}
			if _, err := studio.SaveRevision(r.h.store, r.h.val, r.flowSID, full.Definition, msg.Text, true, r.h.now()); err != nil {
				r.h.showError(err)
				return
			}
			r.h.afterChange(r.flowSID)
		}, r.h.win, msg)
}

// revisionRow is one revision: number, status, validity, date and message.
type revisionRow struct {
	widget.BaseWidget
	number, status, valid, when, message *widget.Label
	content                              fyne.CanvasObject
}

func newRevisionRow() fyne.CanvasObject {
	r := &revisionRow{
		number:  widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		status:  widget.NewLabel(""),
		valid:   widget.NewLabel(""),
		when:    widget.NewLabel(""),
		message: widget.NewLabel(""),
	}
	r.when.Importance = widget.LowImportance
	r.message.Truncation = fyne.TextTruncateEllipsis
	r.content = container.NewBorder(nil, nil,
		container.NewHBox(r.number, r.status), container.NewHBox(r.valid, r.when), r.message)
	r.ExtendBaseWidget(r)
	return r
}

func (r *revisionRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(r.content)
}

func (r *revisionRow) show(rev wsstore.Revision) {
	r.number.SetText(fmt.Sprintf("#%d", rev.Revision))
	setStatusLabel(r.status, rev.Status)
	setValidityLabel(r.valid, rev.Valid, rev.Errors, rev.Warnings)
	r.when.SetText(shortDate(rev.DateCreated))
	r.message.SetText(commitText(rev.CommitMessage))
}
