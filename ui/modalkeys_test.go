package ui

import (
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

// windowState is what an editor command would change in the window
// behind a dialog.
type windowState struct {
	flow, file string
	dirty      bool
	selection  []string
	tab        int
	overlays   int
	windows    int
	focused    fyne.Focusable
}

func stateOf(t *testing.T, e *Editor, path string) windowState {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return windowState{
		flow: string(e.doc.Flow().Marshal()), file: string(data), dirty: e.doc.Dirty(),
		selection: slices.Clone(e.canvas.Selection()), tab: e.leftTabs.SelectedIndex(),
		overlays: len(e.win.Canvas().Overlays().List()), windows: len(fyne.CurrentApp().Driver().AllWindows()),
		focused: e.win.Canvas().Focused(),
	}
}

func (s windowState) diff(o windowState) string {
	var d []string
	if s.flow != o.flow {
		d = append(d, "the flow changed")
	}
	if s.file != o.file {
		d = append(d, "the file changed")
	}
	if s.dirty != o.dirty {
		d = append(d, "the unsaved mark changed")
	}
	if !slices.Equal(s.selection, o.selection) {
		d = append(d, "the selection changed")
	}
	if s.tab != o.tab {
		d = append(d, "the left pane changed tab")
	}
	if s.overlays != o.overlays {
		d = append(d, "a dialog or menu opened or closed")
	}
	if s.windows != o.windows {
		d = append(d, "a window opened or closed")
	}
	if s.focused != o.focused {
		d = append(d, "the keyboard moved")
	}
	return strings.Join(d, ", ")
}

// editorWithWork is an editor on a file with a selected widget, an unsaved
// edit to undo and widgets on the clipboard: what a leaked Save, Undo,
// Delete, Cut or Paste would change.
func editorWithWork(t *testing.T) (*Editor, string) {
	a := test.NewTempApp(t)
	path := copyShared(t, astrology)
	e := newTestEditor(t, a, Options{Path: path})
	e.selectWidgets([]string{"ask_sign"})
	typeInto(t, e, "/properties/body", "changed")
	if !e.copySelection() {
		t.Fatal("nothing to copy")
	}
	e.win.Canvas().Unfocus()
	return e, path
}

// everyShortcut presses each editor shortcut but Quit and Close (and
// Ctrl+Y, Alt+letters), first as the desktop driver does (the main menu's
// item), then through the window's shortcuts.
func everyShortcut(t *testing.T, e *Editor, each func(name string)) {
	t.Helper()
	for key, c := range e.commands() {
		if c.shortcut != nil && key != "quit" && key != "close" {
			menuAction(t, e, c.shortcut)
			each("menu " + c.shortcut.ShortcutName())
			windowShortcut(t, e, c.shortcut)
			each("window " + c.shortcut.ShortcutName())
		}
	}
	// The window's alone: Ctrl+Y and a menu's Alt+letter.
	for _, sc := range []fyne.Shortcut{ctrl(fyne.KeyY), &desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierAlt}} {
		windowShortcut(t, e, sc)
		each("window " + sc.ShortcutName())
	}
}

// windowShortcut runs the window's own handler of sc (AddShortcut), as the
// desktop driver does when no menu item has sc and what holds the keyboard
// takes no shortcuts. Fyne's test canvas has the handler in the canvas it
// wraps.
func windowShortcut(t *testing.T, e *Editor, sc fyne.Shortcut) {
	t.Helper()
	inner := reflect.ValueOf(e.win.Canvas()).Elem().FieldByName("WindowlessCanvas")
	h, ok := inner.Interface().(fyne.Shortcutable)
	if !ok {
		t.Fatalf("%T handles no shortcuts", e.win.Canvas())
	}
	h.TypedShortcut(sc)
}

func TestEditorShortcutsDoNotActBehindShowFlowJSON(t *testing.T) {
	e, path := editorWithWork(t)
	e.ShowFlowJSON()
	j := e.lastJSON
	before := stateOf(t, e, path)
	if before.focused != j.keys {
		t.Fatalf("the keyboard is on %T, not the JSON view", before.focused)
	}
	check := func(what string) {
		t.Helper()
		if d := before.diff(stateOf(t, e, path)); d != "" {
			t.Errorf("%s with Show Flow JSON up: %s", what, d)
		}
		if j.editing {
			t.Fatalf("%s made Show Flow JSON editable", what)
		}
	}
	// The driver types the modifier of a shortcut as a key of its own.
	for _, k := range []fyne.KeyName{desktop.KeyControlLeft, desktop.KeyShiftLeft, desktop.KeyAltLeft, desktop.KeySuperLeft, fyne.KeyDelete, fyne.KeyBackspace, fyne.KeyReturn, fyne.KeyF6} {
		j.keys.TypedKey(&fyne.KeyEvent{Name: k})
		check(string(k))
	}
	e.app.Clipboard().SetContent("")
	everyShortcut(t, e, check)
	if got := e.app.Clipboard().Content(); got != j.entry.Text {
		t.Errorf("Ctrl+C in the JSON view put %d bytes on the clipboard, want its %d", len(got), len(j.entry.Text))
	}

	// Ctrl+W closes the dialog, not the window, applying nothing.
	menuAction(t, e, ctrl(fyne.KeyW))
	after := stateOf(t, e, path)
	if j.shown || after.overlays != 0 || after.windows != before.windows || after.flow != before.flow {
		t.Fatalf("Ctrl+W: dialog shown %v, %d overlays, %d windows, flow kept %v", j.shown, after.overlays, after.windows, after.flow == before.flow)
	}
}

func TestShortcutsInADialogFieldActOnItsText(t *testing.T) {
	e, path := editorWithWork(t)
	widgets := e.app.Clipboard().Content()
	e.ImportJSON()
	j := e.lastJSON
	before := stateOf(t, e, path)
	if before.focused != j.entry {
		t.Fatalf("the keyboard is on %T, not the text", before.focused)
	}
	menuAction(t, e, &fyne.ShortcutPaste{})
	if j.entry.Text != widgets {
		t.Fatalf("Ctrl+V in Import from JSON's text left %q", j.entry.Text)
	}
	menuAction(t, e, &fyne.ShortcutSelectAll{})
	menuAction(t, e, &fyne.ShortcutCut{})
	if j.entry.Text != "" || e.app.Clipboard().Content() != widgets {
		t.Fatalf("Ctrl+A, Ctrl+X in the text left %q", j.entry.Text)
	}
	if d := before.diff(stateOf(t, e, path)); d != "" {
		t.Errorf("editing the text of Import from JSON with shortcuts: %s", d)
	}
	everyShortcut(t, e, func(what string) {
		t.Helper()
		now := stateOf(t, e, path)
		now.focused = before.focused // a field keeps the keyboard; checked below
		if d := before.diff(now); d != "" {
			t.Errorf("%s with Import from JSON up: %s", what, d)
		}
	})
	if e.win.Canvas().Focused() != j.entry {
		t.Errorf("the keyboard left the text for %T", e.win.Canvas().Focused())
	}
}

func TestEditorShortcutsDoNotActBehindAMessage(t *testing.T) {
	e, path := editorWithWork(t)
	for name, show := range map[string]func(){"Keyboard Shortcuts": e.ShowShortcuts, "About": e.About} {
		show()
		before := stateOf(t, e, path)
		everyShortcut(t, e, func(what string) {
			t.Helper()
			if d := before.diff(stateOf(t, e, path)); d != "" {
				t.Errorf("%s with %s up: %s", what, name, d)
			}
		})
		menuAction(t, e, ctrl(fyne.KeyW))
		if n := len(e.win.Canvas().Overlays().List()); n != 0 {
			t.Fatalf("Ctrl+W left %s up", name)
		}
	}
}
