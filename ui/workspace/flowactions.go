package workspace

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/studio"
	wsstore "github.com/studioflow/studioflow/studio/workspace"
	"github.com/studioflow/studioflow/ui/filedialog"
	"github.com/studioflow/studioflow/ui/kbd"
)

const (
	sourceBlank = "Blank flow"
	sourceJSON  = "Flow JSON (paste below)"
)

func requiredName(s string) error {
	if strings.TrimSpace(s) == "" {
		return errors.New("a flow needs a name")
	}
	return nil
}

// showForm shows a form dialog whose fields submit it on Return.
func showForm(title, confirm string, items []*widget.FormItem, done func(ok bool), win fyne.Window, fields ...*kbd.Entry) *kbd.Form {
	d := kbd.NewForm(title, confirm, "Cancel", items, done, win)
	d.SubmitOnEnter(fields...)
	d.Resize(fyne.NewSize(480, 1))
	if len(fields) > 0 {
		d.SetFocus(fields[0])
	}
	d.Show()
	return d
}

func nameEntry(text string) *kbd.Entry {
	e := kbd.NewEntry()
	e.SetText(text)
	e.Validator = requiredName
	return e
}

// showNewFlow asks for a name and a start (blank or pasted JSON) and
// creates the flow as a draft.
func (h *Home) showNewFlow() {
	name := nameEntry("")
	name.SetPlaceHolder("e.g. Appointment reminders")
	pasted := kbd.NewMultiLineEntry()
	pasted.SetPlaceHolder("Paste a Studio flow definition (JSON)")
	pasted.SetMinRowsVisible(8)
	pasted.TextStyle = fyne.TextStyle{Monospace: true}
	// The paste area is in the form only while JSON is chosen: a hidden
	// form row would still take its height.
	pasteSlot := container.NewVBox()
	var d *kbd.Form
	source := kbd.NewRadio([]string{sourceBlank, sourceJSON}, func(s string) {
		if s == sourceJSON {
			pasteSlot.Objects = []fyne.CanvasObject{pasted}
		} else {
			pasteSlot.Objects = nil
		}
		pasteSlot.Refresh()
		if d != nil {
			d.Resize(fyne.NewSize(600, 1))
		}
	})
	source.SetSelected(sourceBlank)
	items := []*widget.FormItem{
		widget.NewFormItem("Name", name),
		widget.NewFormItem("Start from", source),
		widget.NewFormItem("", pasteSlot),
	}
	d = showForm("New flow", "Create", items, func(ok bool) {
		if !ok {
			return
		}
		def := model.NewBlankFlow().Marshal()
		message := "Created blank"
		if source.Selected == sourceJSON {
			def, message = []byte(pasted.Text), "Created from JSON"
		}
		h.create(strings.TrimSpace(name.Text), def, message)
	}, h.win, name)
	d.Resize(fyne.NewSize(600, 1))
}

// showImport picks a flow JSON file and creates a flow from it.
func (h *Home) showImport() {
	filedialog.Open(h.win, h.Prefs, filedialog.Options{
		Title: "Import a flow file", Purpose: filedialog.Flows, Extensions: []string{".json"},
	}, func(path string) {
		data, err := model.ReadFile(path)
		if err != nil {
			h.showError(err)
			return
		}
		h.ImportJSON(filepath.Base(path), data)
	})
}

// ImportJSON asks for the name of a new flow made from a flow file's
// contents (file names the file it came from) and creates it.
func (h *Home) ImportJSON(file string, data []byte) {
	if len(data) > model.MaxFileSize {
		h.showError(fmt.Errorf("%s is larger than %d MiB, the largest flow definition Studio takes", file, model.MaxFileSize>>20))
		return
	}
	if _, err := model.Parse(data); err != nil {
		h.showError(fmt.Errorf("%s is not a flow definition: %w", file, err))
		return
	}
	name := nameEntry(strings.TrimSuffix(filepath.Base(file), filepath.Ext(file)))
	showForm("Import "+file, "Create", []*widget.FormItem{widget.NewFormItem("Name", name)}, func(ok bool) {
		if ok {
			h.create(strings.TrimSpace(name.Text), data, "Imported from "+filepath.Base(file))
		}
	}, h.win, name)
}

func (h *Home) create(name string, def []byte, message string) {
	f, err := studio.CreateFlow(h.store, h.val, name, def, message, h.now())
	if err != nil {
		h.showError(err)
		return
	}
	h.afterChange(f.SID)
}

// showRename renames the flow: a new revision with the same definition.
func (h *Home) showRename(f wsstore.Flow) {
	name := nameEntry(f.FriendlyName)
	showForm("Rename flow", "Rename", []*widget.FormItem{widget.NewFormItem("Name", name)}, func(ok bool) {
		newName := strings.TrimSpace(name.Text)
		if !ok || newName == f.FriendlyName {
			return
		}
		msg := fmt.Sprintf("Renamed from %s", f.FriendlyName)
		_, err := h.store.UpdateFlow(f.SID, wsstore.Save{
			FriendlyName: newName, Status: f.Status, CommitMessage: &msg,
			Valid: f.Valid, Errors: f.Errors, Warnings: f.Warnings,
		}, h.now())
		if err != nil {
			h.showError(err)
			return
		}
		h.afterChange(f.SID)
	}, h.win, name)
}

// showDuplicate copies the flow's latest revision into a new draft flow.
func (h *Home) showDuplicate(f wsstore.Flow) {
	name := nameEntry("Copy of " + f.FriendlyName)
	showForm("Duplicate flow", "Duplicate", []*widget.FormItem{widget.NewFormItem("Name of the copy", name)}, func(ok bool) {
		if !ok {
			return
		}
		dup, err := h.store.DuplicateFlow(f.SID, strings.TrimSpace(name.Text), h.now())
		if err != nil {
			h.showError(err)
			return
		}
		h.afterChange(dup.SID)
	}, h.win, name)
}

// confirmDelete deletes the flow, its revisions and executions once the
// user confirms.
func (h *Home) confirmDelete(f wsstore.Flow) {
	execs, err := h.store.Executions(f.SID, zeroTime, zeroTime)
	if err != nil {
		h.showError(err)
		return
	}
	text := fmt.Sprintf("“%s” and its %s and %s will be removed from this workspace.\nThis cannot be undone.",
		f.FriendlyName, countNoun(f.Revision, "revision"), countNoun(len(execs), "execution"))
	d := kbd.NewConfirm("Delete flow?", kbd.Text(text), "Delete", "Cancel", func(ok bool) {
		if !ok {
			return
		}
		if err := h.store.DeleteFlow(f.SID); err != nil {
			h.showError(err)
			return
		}
		h.afterChange("")
		if h.OnDeleted != nil {
			h.OnDeleted(f.SID)
		}
	}, h.win)
	d.ConfirmButton().Importance = widget.DangerImportance
	d.SetDismissText("Keep")
	d.Show()
}
