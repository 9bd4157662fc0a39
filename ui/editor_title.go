package ui

import (
	"fmt"
	"path/filepath"

	"github.com/studioflow/studioflow/model"
)

// The window title and the status line under the canvas.

// Title is the window title: an unsaved mark, the flow's description and
// its file.
func (e *Editor) Title() string {
	t := WindowTitle(e.doc.Flow(), e.source)
	if e.unsaved() {
		t = "● " + t
	}
	return t
}

// unsaved tells whether the flow shown differs from the one saved: the
// document's changes, or a valid name typed into the Name field, which
// Save would apply (as every other field applies each keystroke, marking
// the flow unsaved at once).
func (e *Editor) unsaved() bool { return e.doc.Dirty() || e.inspector.RenamePending() }

func (e *Editor) updateTitle() {
	if t := e.Title(); e.win.Title() != t {
		e.win.SetTitle(t)
	}
	if status := e.usualStatus(); e.status.Text != status {
		e.status.SetText(status)
	}
	state := "Saved"
	switch {
	case e.unsaved() && e.path == "":
		state = "Not saved yet"
	case e.unsaved():
		state = "Unsaved changes"
	}
	if e.state.Text != state {
		e.state.SetText(state)
	}
}

// usualStatus is what the status line shows when nothing else claims it:
// the coverage summary while coverage is shown, else the file and its
// summary.
func (e *Editor) usualStatus() string {
	if e.lastCoverage != nil && e.coverageStatus != "" {
		return e.coverageStatus
	}
	return e.fileStatus()
}

// fileStatus is the file and its summary.
func (e *Editor) fileStatus() string {
	where := e.source
	if e.path != "" {
		where = e.path
	}
	if e.summary == "" {
		e.summary = flowSummary(e.doc.Flow())
	}
	return where + " · " + e.summary
}

// showHint puts what the keys do now (a wire drawn from the keyboard) in
// the status line; "" gives the line back to what it showed before the
// first hint (a coverage summary stays), or to the file and its summary,
// brought up to date, when it showed that.
func (e *Editor) showHint(text string) {
	if text != "" {
		if !e.hinting {
			e.hinting, e.beforeHint = true, e.status.Text
			e.beforeHintWasUsual = e.beforeHint == e.usualStatus()
		}
		e.status.SetText(text)
		return
	}
	if !e.hinting {
		return
	}
	e.hinting = false
	if e.beforeHintWasUsual {
		e.updateTitle()
		return
	}
	e.status.SetText(e.beforeHint)
}

// WindowTitle names the flow (its description, which Studio's "A New Flow"
// fills in) and the file it came from.
func WindowTitle(f *model.Flow, source string) string {
	file := filepath.Base(source)
	if d := f.Description(); d != "" && d != file {
		return fmt.Sprintf("%s (%s) — %s", d, file, AppName)
	}
	return fmt.Sprintf("%s — %s", file, AppName)
}
