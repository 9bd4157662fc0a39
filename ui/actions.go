package ui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/canvas"
	"github.com/studioflow/studioflow/canvas/uiloop"
	"github.com/studioflow/studioflow/internal/atomicfile"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/ui/filedialog"
	"github.com/studioflow/studioflow/ui/kbd"
)

// The editor's commands, shared by the menus, the toolbar and the
// shortcuts.

// commitPendingEdits applies what a field shows but has not applied yet: a
// name typed into the inspector's Name field, which renames only when the
// field is left. Whatever reads or writes the whole flow (saving, the
// question about unsaved changes, Undo, Show Flow JSON, the simulator, an
// export, another flow opened) runs after it, so that it acts on the flow
// the window shows. A name that cannot be applied stays in its field, with
// its problem shown, and the command goes on without it.
func (e *Editor) commitPendingEdits() { e.inspector.CommitPending() }

// committing is run preceded by commitPendingEdits: what every command is
// bound to (the command table, the fields' Undo and Redo keys, the recent
// files, the window's close button).
func (e *Editor) committing(run func()) func() {
	return func() {
		e.commitPendingEdits()
		run()
	}
}

// Undo reverts the last edit.
func (e *Editor) Undo() {
	if _, err := e.doc.Undo(); err != nil {
		e.showError(err)
	}
}

// Redo re-applies the last undone edit.
func (e *Editor) Redo() {
	if _, err := e.doc.Redo(); err != nil {
		e.showError(err)
	}
}

// focusedText returns the text field that has keyboard focus, if any:
// clipboard commands then act on its text, not on widgets.
func (e *Editor) focusedText() fyne.Shortcutable {
	f := e.win.Canvas().Focused()
	if t, ok := f.(interface {
		fyne.Shortcutable
		SelectedText() string
	}); ok {
		return t
	}
	return nil
}

// Copy puts the selected widgets on the clipboard as Studio JSON.
func (e *Editor) Copy() {
	if t := e.focusedText(); t != nil {
		t.TypedShortcut(&fyne.ShortcutCopy{Clipboard: e.app.Clipboard()})
		return
	}
	e.copySelection()
}

func (e *Editor) copySelection() bool {
	data, n := copyWidgets(e.doc.Flow(), e.canvas.Selection())
	if n == 0 {
		return false
	}
	e.app.Clipboard().SetContent(string(data))
	return true
}

// Cut copies the selected widgets and deletes them.
func (e *Editor) Cut() {
	if t := e.focusedText(); t != nil {
		t.TypedShortcut(&fyne.ShortcutCut{Clipboard: e.app.Clipboard()})
		return
	}
	if e.copySelection() {
		e.deleteSelection()
	}
}

// Paste adds the widgets on the clipboard beside where they were copied
// from (CopyShift), with fresh names where theirs are taken.
func (e *Editor) Paste() {
	if t := e.focusedText(); t != nil {
		t.TypedShortcut(&fyne.ShortcutPaste{Clipboard: e.app.Clipboard()})
		return
	}
	widgets, err := pastedWidgets([]byte(e.app.Clipboard().Content()))
	if err != nil {
		e.showError(err)
		return
	}
	e.addCopies(widgets)
}

// addCopies adds copies of widgets, placed by the canvas, selected and in view.
func (e *Editor) addCopies(widgets []*model.Object) {
	op, names := pasteOp(e.doc.Flow(), widgets, e.canvas.CopyShift(widgets))
	if err := e.doc.Apply(op); err != nil {
		e.showError(fmt.Errorf("paste: %w", err))
		return
	}
	e.selectWidgets(names)
	e.canvas.Reveal(names...)
}

// Duplicate copies the selected widgets beside themselves, as Paste would.
func (e *Editor) Duplicate() {
	data, n := copyWidgets(e.doc.Flow(), e.canvas.Selection())
	if n == 0 {
		return
	}
	widgets, err := pastedWidgets(data)
	if err != nil {
		e.showError(err)
		return
	}
	e.addCopies(widgets)
}

// Delete removes the selected widgets (never the trigger).
func (e *Editor) Delete() {
	if t := e.focusedText(); t != nil {
		return
	}
	e.deleteSelection()
}

func (e *Editor) deleteSelection() {
	var names []string
	for _, n := range e.canvas.Selection() {
		if s := e.doc.Flow().State(n); s != nil && !s.IsTrigger() {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return
	}
	if err := e.doc.Apply(model.RemoveWidgets(names...)); err != nil {
		e.showError(err)
		return
	}
	e.selectWidgets(nil)
}

// SelectAll selects every widget (or all the text of a focused field).
func (e *Editor) SelectAll() {
	if t := e.focusedText(); t != nil {
		t.TypedShortcut(&fyne.ShortcutSelectAll{})
		return
	}
	var names []string
	for _, s := range e.doc.Flow().States() {
		names = append(names, s.Name())
	}
	slices.Sort(names)
	e.selectWidgets(names)
}

// Find shows the find panel.
func (e *Editor) Find() {
	e.leftTabs.SelectIndex(1)
	e.win.Canvas().Focus(e.finder.entry)
}

// TidyUp lays out the selection, or the whole flow when nothing is selected.
func (e *Editor) TidyUp() {
	if err := e.canvas.TidyUp(len(e.canvas.Selection()) > 1); err != nil {
		e.showError(err)
	}
}

// ExportPNG saves the whole flow as an image.
func (e *Editor) ExportPNG() {
	filedialog.Save(e.win, e.prefs, filedialog.Options{
		Title: "Export PNG", Purpose: filedialog.Exports, Extensions: []string{".png"}, FileName: baseName(e.source) + ".png",
	}, func(path string) { e.exportPNGTo(path, e.post) })
}

// exportSnapshotter is a canvas that copies what its image shows, so that
// painting it can leave the UI goroutine.
type exportSnapshotter interface {
	ExportSnapshot() (*canvas.ExportSnapshot, error)
}

// exportPNGTo writes the flow's image to path. The picture is copied here
// and painted on another goroutine behind a progress dialog whose Cancel
// stops it, so a large flow does not freeze the window; the file is
// replaced atomically, and not at all when cancelled. The painting goroutine
// reaches the UI through onUI (the editor's Poster). The returned channel gets the
// outcome (context.Canceled after Cancel), from the UI goroutine.
func (e *Editor) exportPNGTo(path string, onUI uiloop.Poster) <-chan error {
	done := make(chan error, 1)
	fail := func(err error) <-chan error {
		err = fmt.Errorf("export the flow as PNG: %w", err)
		e.showError(err)
		done <- err
		return done
	}
	snapper, ok := e.canvas.(exportSnapshotter)
	if !ok {
		var buf bytes.Buffer
		if err := e.canvas.ExportPNG(&buf); err != nil {
			return fail(err)
		}
		if err := atomicfile.Write(path, buf.Bytes()); err != nil {
			return fail(err)
		}
		done <- nil
		return done
	}
	snap, err := snapper.ExportSnapshot()
	if err != nil {
		return fail(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	bar := widget.NewProgressBar()
	progress := kbd.NewMessage("Exporting "+filepath.Base(path), "Cancel", bar, e.win)
	progress.SetOnClosed(cancel)
	progress.Show()
	go func() {
		var buf bytes.Buffer
		err := snap.WritePNG(ctx, &buf, func(f float64) { onUI.Post(func() { bar.SetValue(f) }) })
		if err == nil {
			err = ctx.Err()
		}
		if err == nil {
			err = atomicfile.Write(path, buf.Bytes())
		}
		onUI.Post(func() {
			progress.Hide()
			cancel()
			if err != nil {
				removeEmptyFile(path)
			}
			if err != nil && !errors.Is(err, context.Canceled) {
				e.showError(fmt.Errorf("export the flow as PNG: %w", err))
			}
			done <- err
		})
	}()
	return done
}

// removeEmptyFile removes path if it is empty: Fyne's save dialog creates
// the chosen file before the export starts, and an export that was
// cancelled or failed should not leave that empty file behind.
func removeEmptyFile(path string) {
	if info, err := os.Stat(path); err == nil && info.Mode().IsRegular() && info.Size() == 0 {
		os.Remove(path)
	}
}

func baseName(source string) string {
	for i := len(source) - 1; i >= 0; i-- {
		if source[i] == '.' {
			return source[:i]
		}
	}
	return source
}
