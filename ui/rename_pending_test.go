package ui

import (
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/model"
)

// A name typed in the Name field is applied when the field is left or
// submitted; every command that reads or writes the whole flow applies it
// first, so that what is saved, undone or run is what the window shows.
// These tests leave the keyboard in the field, as a person pressing Ctrl+S
// there does.

// pressShortcut delivers a shortcut as the desktop driver does: to the main
// menu's item with that shortcut, else to the focused widget, else to the
// window's canvas.
func pressShortcut(t *testing.T, e *Editor, sc fyne.Shortcut) {
	t.Helper()
	for _, m := range e.win.MainMenu().Items {
		if it := menuItemWith(m.Items, func(it *fyne.MenuItem) bool {
			return it.Shortcut != nil && it.Shortcut.ShortcutName() == sc.ShortcutName()
		}); it != nil {
			it.Action()
			return
		}
	}
	if f, ok := e.win.Canvas().Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(sc)
		return
	}
	e.win.Canvas().(fyne.Shortcutable).TypedShortcut(sc)
}

// chooseMenuItem runs the main menu's item with that label.
func chooseMenuItem(t *testing.T, e *Editor, label string) {
	t.Helper()
	for _, m := range e.win.MainMenu().Items {
		if it := menuItemWith(m.Items, func(it *fyne.MenuItem) bool { return it.Label == label }); it != nil {
			it.Action()
			return
		}
	}
	t.Fatalf("no menu item %q", label)
}

func menuItemWith(items []*fyne.MenuItem, ok func(*fyne.MenuItem) bool) *fyne.MenuItem {
	for _, it := range items {
		if it.Action != nil && ok(it) {
			return it
		}
		if it.ChildMenu != nil {
			if found := menuItemWith(it.ChildMenu.Items, ok); found != nil {
				return found
			}
		}
	}
	return nil
}

// nameTypedInFile opens a copy of the horoscope flow from its file and
// types newName into ask_sign's Name field, leaving the keyboard there.
func nameTypedInFile(t *testing.T, newName string) *Editor {
	t.Helper()
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{Path: copyShared(t, astrology)})
	e.selectWidgets([]string{"ask_sign"})
	typeInto(t, e, "/name", newName)
	return e
}

// savedFlow reads the editor's file.
func savedFlow(t *testing.T, e *Editor) *model.Flow {
	t.Helper()
	data, err := os.ReadFile(e.Path())
	if err != nil {
		t.Fatal(err)
	}
	f, err := model.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// wantRenamedIn checks that f has ask_sign renamed to newName, the
// transition to it and the Liquid reading its reply following.
func wantRenamedIn(t *testing.T, f *model.Flow, newName, where string) {
	t.Helper()
	if f.State(newName) == nil || f.State("ask_sign") != nil {
		t.Fatalf("%s: ask_sign was not renamed %s", where, newName)
	}
	if next, _ := f.Trigger().Next("incomingMessage"); next != newName {
		t.Errorf("%s: the Trigger's Incoming Message goes to %q, want %q", where, next, newName)
	}
	if body := f.State("send_waiting").StringProperty("body"); !strings.Contains(body, "widgets."+newName+".inbound.Body") {
		t.Errorf("%s: send_waiting's body %q still reads the old name", where, body)
	}
}

func wantTitleSaved(t *testing.T, e *Editor) {
	t.Helper()
	if strings.HasPrefix(e.win.Title(), "●") || e.doc.Dirty() {
		t.Errorf("after saving, the title is %q (dirty %v)", e.win.Title(), e.doc.Dirty())
	}
}

func TestCtrlSInTheNameFieldSavesTheNameTyped(t *testing.T) {
	e := nameTypedInFile(t, "ask_zodiac")
	pressShortcut(t, e, ctrl(fyne.KeyS))
	wantRenamedIn(t, savedFlow(t, e), "ask_zodiac", "the saved file")
	wantTitleSaved(t, e)
	uiQueue(e).Run()
	wantTitleSaved(t, e)
	if f, ok := e.win.Canvas().Focused().(*textField); !ok || f.Text != "ask_zodiac" || e.inspector.field("/name") != f {
		t.Errorf("the keyboard left the Name field on saving (it is on %T)", e.win.Canvas().Focused())
	}
}

// On the desktop a click on a toolbar button takes the keyboard from the
// field on the press (queuing the rename) and runs the button on release.
func TestSaveButtonWithANameTypedSavesItAndLeavesNoUnsavedChange(t *testing.T) {
	e := nameTypedInFile(t, "ask_zodiac")
	e.win.Canvas().Unfocus()
	test.Tap(toolbarButton(t, e, "Save"))
	uiQueue(e).Run()
	wantRenamedIn(t, savedFlow(t, e), "ask_zodiac", "the saved file")
	wantTitleSaved(t, e)
}

func TestSavingWithAnInvalidNameTypedSavesWithoutItAndKeepsItsProblem(t *testing.T) {
	e := nameTypedInFile(t, "split_sign")
	pressShortcut(t, e, ctrl(fyne.KeyS))
	uiQueue(e).Run()
	f := savedFlow(t, e)
	if f.State("ask_sign") == nil {
		t.Fatal("the saved file lost ask_sign")
	}
	wantTitleSaved(t, e)
	field, ok := e.inspector.field("/name").(*textField)
	if !ok || field.Text != "split_sign" {
		t.Fatalf("the Name field no longer shows what was typed")
	}
	if e.win.Canvas().Focused() != field {
		t.Errorf("the keyboard left the Name field")
	}
	if got := e.inspector.rowFor("/name").errLabel.Text; !strings.Contains(got, "already named") {
		t.Errorf("the Name field's problem reads %q", got)
	}
}

func TestTitleMarksAValidNameTypedAsUnsaved(t *testing.T) {
	e := nameTypedInFile(t, "ask_zodiac")
	if !strings.HasPrefix(e.win.Title(), "● ") {
		t.Errorf("with a new name typed the title is %q, want the unsaved mark", e.win.Title())
	}
	typeInto(t, e, "/name", "split_sign")
	if strings.HasPrefix(e.win.Title(), "●") {
		t.Errorf("with a name taken typed (which saving leaves out) the title is %q", e.win.Title())
	}
	typeInto(t, e, "/name", "ask_sign")
	if strings.HasPrefix(e.win.Title(), "●") {
		t.Errorf("with the name typed back the title is %q", e.win.Title())
	}
}

// Undo with a new name typed undoes the rename, as it undoes the text
// typed into any other field; the edit before stays, and Redo renames.
func TestUndoWithANameTypedUndoesTheRenameOnly(t *testing.T) {
	for _, how := range []struct {
		name string
		undo func(t *testing.T, e *Editor)
	}{
		{"Ctrl+Z", func(t *testing.T, e *Editor) { pressShortcut(t, e, &fyne.ShortcutUndo{}) }},
		{"the field's Ctrl+Z", func(t *testing.T, e *Editor) {
			e.win.Canvas().Focused().(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutUndo{})
		}},
		{"the toolbar", func(t *testing.T, e *Editor) {
			e.win.Canvas().Unfocus()
			test.Tap(toolbarButton(t, e, "Undo"))
		}},
	} {
		t.Run(how.name, func(t *testing.T) {
			a := test.NewTempApp(t)
			e := newTestEditor(t, a, Options{Flow: readShared(t, astrology)})
			e.selectWidgets([]string{"ask_sign"})
			typeInto(t, e, "/properties/body", "Your sign?")
			typeInto(t, e, "/name", "ask_zodiac")
			how.undo(t, e)
			uiQueue(e).Run()
			f := e.doc.Flow()
			if f.State("ask_sign") == nil || f.State("ask_zodiac") != nil {
				t.Fatalf("after Undo the widget is not named ask_sign again")
			}
			if got := f.State("ask_sign").StringProperty("body"); got != "Your sign?" {
				t.Errorf("Undo undid the body typed before the name: it is %q", got)
			}
			if got := e.inspector.field("/name").(*textField).Text; got != "ask_sign" {
				t.Errorf("the Name field shows %q after Undo", got)
			}
			pressShortcut(t, e, ctrlShift(fyne.KeyZ))
			uiQueue(e).Run()
			f = e.doc.Flow()
			if f.State("ask_zodiac") == nil || f.State("ask_zodiac").StringProperty("body") != "Your sign?" {
				t.Errorf("Redo did not bring the rename back")
			}
		})
	}
}

func TestClosingWithANameTypedAsksToSaveIt(t *testing.T) {
	e := nameTypedInFile(t, "ask_zodiac")
	pressShortcut(t, e, ctrl(fyne.KeyW))
	if !strings.Contains(dialogText(e.win), "Save changes to") {
		t.Fatalf("closing with a new name typed did not ask; dialogs say %q", dialogText(e.win))
	}
	test.Tap(dialogButton(t, e.win, "Save"))
	uiQueue(e).Run()
	wantRenamedIn(t, savedFlow(t, e), "ask_zodiac", "the file saved on closing")
}

// The commands that read the whole flow see the name typed.
func TestCommandsReadingTheFlowSeeTheNameTyped(t *testing.T) {
	for _, label := range []string{"Save As…", "Show Flow JSON…", "Run in Simulator", "Export PNG…", "Compare with Saved", "Find Usages of Widget", "Duplicate", "Tidy Up"} {
		t.Run(label, func(t *testing.T) {
			e := nameTypedInFile(t, "ask_zodiac")
			chooseMenuItem(t, e, label)
			if e.doc.Flow().State("ask_zodiac") == nil {
				t.Errorf("%s ran with the new name not applied", label)
			}
		})
	}
}

// Copy and Paste act on the field's text: they leave the name being typed.
func TestClipboardCommandsInTheNameFieldLeaveTheNameBeingTyped(t *testing.T) {
	e := nameTypedInFile(t, "ask_zodiac")
	field := e.win.Canvas().Focused().(*textField)
	field.TypedShortcut(&fyne.ShortcutSelectAll{})
	pressShortcut(t, e, &fyne.ShortcutCopy{Clipboard: e.app.Clipboard()})
	if e.doc.Flow().State("ask_sign") == nil {
		t.Errorf("Copy in the Name field applied the rename")
	}
	if got := e.app.Clipboard().Content(); got != "ask_zodiac" {
		t.Errorf("Copy in the Name field copied %q", got)
	}
}
