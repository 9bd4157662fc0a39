package ui

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
	"github.com/studioflow/studioflow/ui/filedialog"
	"github.com/studioflow/studioflow/ui/kbd"
)

// jsonEditor is the text area of Show Flow JSON and Import from JSON. Its
// undo is the text's own: nothing reaches the flow before Save or Import.
type jsonEditor struct {
	entry  *textField
	status *widget.Label
	dialog *kbd.Dialog
	// code is the read-only view with line numbers and syntax colours
	// (Show Flow JSON opens in it; nil for Import); body holds the view or
	// the text being edited.
	code    *widget.TextGrid
	keys    *codeKeys
	body    *fyne.Container
	editing bool
	toggle  *kbd.Button
	// saves counts Saves, so a problem summary arriving late is shown only
	// when no other Save came after it.
	saves int
	// shown is true while the dialog is up.
	shown bool
	win   fyne.Window
}

// show puts the dialog up with the keyboard in the text; Escape (and the
// window's Ctrl+W, see Editor.Close) closes it without applying anything.
func (j *jsonEditor) show(w fyne.Window) {
	j.entry.onEscape = j.close
	// Escape also closes it when the text does not have the keyboard (a
	// button or nothing has it): kbd.Dialog's.
	j.dialog.SetOnClosed(func() { j.shown = false })
	j.dialog.Resize(dialogSize(w))
	j.shown = true
	j.win = w
	j.dialog.SetFocus(j.focusTarget())
	j.dialog.Show()
}

// focusTarget is what takes the keyboard: the text, or the code view.
func (j *jsonEditor) focusTarget() fyne.Focusable {
	if j.code != nil && !j.editing {
		return j.keys
	}
	return j.entry
}

// withCodeView makes the editor open on a line-numbered, coloured view of
// the text, with a button to switch to editing it.
func (j *jsonEditor) withCodeView() {
	j.code = newJSONCodeView()
	setJSON(j.code, j.entry.Text)
	j.keys = newCodeKeys(j.code, j.close, func(r rune) {
		j.setEditing(true)
		j.entry.typeRune(r) // the character that asked to edit is not lost
	})
	j.body = container.NewStack(j.keys)
	j.toggle = kbd.NewButtonWithIcon("Edit", theme.DocumentCreateIcon(), func() { j.setEditing(!j.editing) })
}

// setEditing switches between the code view and the editable text.
func (j *jsonEditor) setEditing(on bool) {
	if j.code == nil || j.editing == on {
		return
	}
	j.editing = on
	if on {
		j.body.Objects = []fyne.CanvasObject{j.entry}
		j.toggle.SetText("View")
		j.toggle.SetIcon(theme.VisibilityIcon())
	} else {
		setJSON(j.code, j.entry.Text)
		j.body.Objects = []fyne.CanvasObject{j.keys}
		j.toggle.SetText("Edit")
		j.toggle.SetIcon(theme.DocumentCreateIcon())
	}
	j.body.Refresh()
	if j.win != nil && j.shown {
		j.win.Canvas().Focus(j.focusTarget())
	}
}

// content is the dialog's body: the view (or text) over the status line.
func (j *jsonEditor) content() fyne.CanvasObject {
	var main fyne.CanvasObject = j.entry
	if j.body != nil {
		main = j.body
	}
	return container.NewBorder(nil, j.status, nil, nil, main)
}

// close hides the dialog, applying nothing.
func (j *jsonEditor) close() {
	if j.shown {
		j.dialog.Hide()
	}
}

func newJSONEditor(text string) *jsonEditor {
	j := &jsonEditor{entry: newTextField(true, nil), status: widget.NewLabel("")}
	j.entry.Wrapping = fyne.TextWrapOff
	j.entry.TextStyle = fyne.TextStyle{Monospace: true}
	j.entry.SetText(text)
	j.status.Wrapping = fyne.TextWrapWord
	return j
}

// showError points at a problem in the text: a syntax error's line and
// column (the cursor goes there), or what keeps the JSON from being a flow.
func (j *jsonEditor) showError(err error, c fyne.Canvas) {
	j.saves++ // a summary still coming is not about this text
	j.status.Importance = widget.DangerImportance
	var syn *model.SyntaxError
	if errors.As(err, &syn) {
		// The caret goes to the error, in the editable text.
		j.setEditing(true)
		j.status.SetText(fmt.Sprintf("Nothing was applied. Line %d, column %d: %s", syn.Line, syn.Column, syn.Msg))
		j.entry.CursorRow, j.entry.CursorColumn = syn.Line-1, syn.Column-1
		j.entry.Refresh()
		if c != nil {
			c.Focus(j.entry)
		}
		return
	}
	j.status.SetText("Nothing was applied: " + err.Error())
}

func (j *jsonEditor) ok(text string) {
	j.status.Importance = widget.SuccessImportance
	j.status.SetText(text)
}

// dialogSize is most of the window, for the JSON views.
func dialogSize(w fyne.Window) fyne.Size {
	s := w.Canvas().Size()
	return fyne.NewSize(max(s.Width*0.8, 480), max(s.Height*0.85, 360))
}

// ShowFlowJSON shows the whole definition in canonical form with line
// numbers and syntax colours; Edit makes it editable and Apply replaces the
// flow with the text as one undoable step.
func (e *Editor) ShowFlowJSON() {
	j := newJSONEditor(string(e.doc.Flow().Marshal()))
	j.withCodeView()
	j.status.SetText("The definition as Studio's Show Flow JSON prints it. Press Edit to change it, then Apply.")
	copyAll := func() {
		e.app.Clipboard().SetContent(j.entry.Text)
		j.ok("Copied to the clipboard.")
	}
	j.keys.copy = copyAll
	copyButton := kbd.NewButtonWithIcon("Copy", theme.ContentCopyIcon(), copyAll)
	apply := kbd.NewButtonWithIcon("Apply", theme.ConfirmIcon(), func() { e.applyFlowJSON(j) })
	apply.Importance = widget.HighImportance
	closeButton := kbd.NewButton("Close", j.close)
	j.dialog = kbd.New("Flow JSON", j.content(), e.win)
	j.dialog.SetButtons(closeButton, copyButton, j.toggle, apply)
	e.lastJSON = j
	j.show(e.win)
}

// applyFlowJSON parses and validates the edited definition and replaces
// the flow with it; text that is not a flow applies nothing.
func (e *Editor) applyFlowJSON(j *jsonEditor) bool {
	f, err := model.Parse([]byte(j.entry.Text))
	if err == nil {
		err = checkEditable(f)
	}
	if err != nil {
		j.showError(err, e.win.Canvas())
		return false
	}
	snapshot := f.Clone()
	if err := e.doc.Apply(model.ReplaceFlow(f)); err != nil {
		j.showError(err, e.win.Canvas())
		return false
	}
	const applied = "Applied (Undo brings the previous flow back)."
	j.ok(applied)
	j.saves++
	save := j.saves
	summarize := func(diags []schemas.Diagnostic) {
		if save == j.saves {
			j.ok(applied + " " + problemSummary(diags) + ".")
		}
	}
	if e.live.sync {
		summarize(e.val.ValidateFlow(snapshot))
		return true
	}
	// A whole-flow validation is too slow for the UI goroutine on a large
	// flow: the summary follows when it is done.
	post := e.post
	go func() {
		diags := e.val.ValidateFlow(snapshot)
		post.Post(func() { summarize(diags) })
	}()
	return true
}

// ImportJSON creates a flow from pasted text or a file: a bare definition
// or a Flow resource from the REST API.
func (e *Editor) ImportJSON() {
	j := newJSONEditor("")
	j.entry.SetPlaceHolder("Paste a flow definition, or a Flow resource from Studio's REST API")
	j.status.SetText("Widgets without positions are laid out automatically.")
	chooseFile := kbd.NewButtonWithIcon("Choose File…", theme.FolderOpenIcon(), func() {
		filedialog.Open(e.win, e.prefs, filedialog.Options{
			Title: "Import a flow file", Purpose: filedialog.Flows, Extensions: []string{".json"},
		}, func(path string) {
			data, err := model.ReadFile(path)
			if err != nil {
				j.showError(err, nil)
				return
			}
			j.entry.SetText(string(data))
		})
	})
	importButton := kbd.NewButtonWithIcon("Import", theme.DownloadIcon(), func() { e.applyImport(j) })
	importButton.Importance = widget.HighImportance
	cancel := kbd.NewButton("Cancel", j.close)
	j.dialog = kbd.New("Import from JSON", j.content(), e.win)
	j.dialog.SetButtons(cancel, chooseFile, importButton)
	e.lastJSON = j
	j.show(e.win)
}

func (e *Editor) applyImport(j *jsonEditor) bool {
	f, err := parseImport([]byte(j.entry.Text))
	if err == nil {
		err = checkEditable(f)
	}
	if err != nil {
		j.showError(err, e.win.Canvas())
		return false
	}
	doc, err := newImportedDocument(f)
	if err != nil {
		j.showError(err, e.win.Canvas())
		return false
	}
	// An imported flow, pasted or read from a file, is stored nowhere yet:
	// it opens marked unsaved, so the title says so and closing asks.
	// (Flows home → Import JSON… stores it in the workspace instead.)
	doc.MarkUnsaved()
	e.confirmDiscard("importing a flow", func() {
		j.dialog.Hide()
		e.setDocument(doc, "", "Imported flow")
		e.canvas.ZoomToFit()
	})
	return true
}
