package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/model"
)

// For a workspace flow, Save in the close prompt stores the next revision
// and then closes the window (it used to store it and leave the window open).
func TestSaveInTheClosePromptOfAWorkspaceFlowSavesAndCloses(t *testing.T) {
	e, store, sid := workspaceEditor(t)
	info, err := store.Flow(sid)
	if err != nil {
		t.Fatal(err)
	}
	e.ws.openFlow(sid, info.Definition, info.Revision)
	closed := false
	e.win.SetOnClosed(func() { closed = true })
	if err := e.doc.Apply(model.SetFlowField("description", "Changed before closing")); err != nil {
		t.Fatal(err)
	}
	e.closeWindow()
	if !strings.Contains(dialogText(e.win), "Save changes") {
		t.Fatalf("closing a changed flow did not ask: %q", dialogText(e.win))
	}
	test.Tap(dialogButton(t, e.win, "Save")) // the close prompt
	test.Tap(dialogButton(t, e.win, "Save")) // the commit message
	if !closed {
		t.Fatal("Save in the close prompt left the window open")
	}
	// Closing released the workspace: read it again.
	reopened, err := e.ws.open()
	if err != nil {
		t.Fatal(err)
	}
	defer reopened.Close()
	latest, err := reopened.FlowInfo(sid)
	if err != nil {
		t.Fatal(err)
	}
	if latest.Revision != info.Revision+1 {
		t.Fatalf("revision %d after Save, want %d", latest.Revision, info.Revision+1)
	}
}

// Pasted or read from a file, an imported flow is stored nowhere yet: both
// open marked unsaved (the choice documented in applyImport).
func TestAnImportedFlowOpensUnsavedWhetherPastedOrWithPositions(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{})
	withPositions := string(model.NewBlankFlow().Marshal())
	withoutPositions := `{"description": "No positions", "flags": {"allow_concurrent_calls": true}, "initial_state": "Trigger",
		"states": [{"name": "Trigger", "type": "trigger", "properties": {}, "transitions": [{"event": "incomingMessage", "next": "reply"}]},
		{"name": "reply", "type": "send-message", "properties": {"body": "Hi", "from": "{{flow.channel.address}}", "to": "{{contact.channel.address}}"}, "transitions": []}]}`
	for name, text := range map[string]string{"with positions": withPositions, "without positions": withoutPositions} {
		e.ImportJSON()
		e.lastJSON.entry.SetText(text)
		if !e.applyImport(e.lastJSON) {
			t.Fatalf("%s: the import was refused: %s", name, e.lastJSON.status.Text)
		}
		if !e.doc.Dirty() || !strings.HasPrefix(e.win.Title(), "● ") {
			t.Errorf("%s: the imported flow opens as saved (title %q)", name, e.win.Title())
		}
		e.doc.MarkSaved() // the next import replaces it without asking
	}
}

// Escape in Show Flow JSON closes it without applying the edit; Ctrl+W
// (the window's Close) closes the dialog, not the window.
func TestEscapeAndCtrlWCloseShowFlowJSONWithoutApplying(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{})
	closed := false
	e.win.SetOnClosed(func() { closed = true })
	before := string(e.doc.Flow().Marshal())

	e.ShowFlowJSON()
	j := e.lastJSON
	if e.win.Canvas().Focused() != j.focusTarget() || j.focusTarget() == nil {
		t.Error("Show Flow JSON does not take the keyboard")
	}
	// Typing in the code view starts editing, in the text, with the
	// character typed at the caret (past the guard against characters
	// that reach a field before any key press, as on the desktop).
	j.entry.guardRunes = true
	j.keys.TypedRune('x')
	if e.win.Canvas().Focused() != j.entry {
		t.Error("typing in the code view does not put the keyboard in the text")
	}
	if j.entry.Text != "x"+before {
		t.Errorf("the character typed in the code view is not in the text: it begins %q", j.entry.Text[:min(12, len(j.entry.Text))])
	}
	j.entry.SetText(strings.Replace(before, `"A New Flow"`, `"Edited"`, 1))
	j.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if j.shown || len(e.win.Canvas().Overlays().List()) != 0 {
		t.Fatal("Escape did not close Show Flow JSON")
	}
	if string(e.doc.Flow().Marshal()) != before {
		t.Fatal("Escape applied the edited JSON")
	}

	e.ShowFlowJSON()
	e.lastJSON.entry.SetText("{}")
	e.Close() // Ctrl+W
	if e.lastJSON.shown || closed {
		t.Fatalf("Ctrl+W over Show Flow JSON: dialog up=%v, window closed=%v", e.lastJSON.shown, closed)
	}
	e.ImportJSON()
	e.lastJSON.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if e.lastJSON.shown {
		t.Fatal("Escape did not close Import from JSON")
	}
	// With the keyboard elsewhere (nothing focused), Escape still closes it.
	e.ShowFlowJSON()
	e.win.Canvas().Unfocus()
	e.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if e.lastJSON.shown {
		t.Fatal("Escape with nothing focused did not close Show Flow JSON")
	}
	if string(e.doc.Flow().Marshal()) != before {
		t.Fatal("closing the JSON dialogs changed the flow")
	}
}

func TestTheFlowsHomeTitleNamesTheSelectedFlow(t *testing.T) {
	e, _, sid := workspaceEditor(t)
	e.FlowsHome()
	if got := e.ws.win.Title(); got != "Flows — "+AppName {
		t.Fatalf("title %q with nothing selected", got)
	}
	e.ws.home.Select(sid)
	if got := e.ws.win.Title(); got != "Flows — Astrology — "+AppName {
		t.Fatalf("title %q with Astrology selected", got)
	}
}
