package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/ui/kbd"
)

// Ctrl+R opens the simulator with the keyboard on Start; Ctrl+Shift+R
// starts a run at once, the keyboard in the reply box of a messaging flow.
func TestCtrlRPutsTheKeyboardOnStartAndCtrlShiftRStartsARun(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{Flow: readShared(t, astrology)})
	cmds := e.commands()
	if sc, ok := cmds["startRun"].shortcut.(*desktop.CustomShortcut); !ok || sc.KeyName != fyne.KeyR || sc.Modifier&fyne.KeyModifierShift == 0 {
		t.Fatalf("Start a Simulated Run has shortcut %v, want Ctrl+Shift+R", cmds["startRun"].shortcut)
	}

	cmds["run"].run()
	// Start keeps the keyboard when pressed from it (a button type of the
	// simulator's own); it names itself as Fyne's Button does.
	b, ok := e.win.Canvas().Focused().(fyne.Accessible)
	if !ok || b.AccessibilityLabel() != "Start" {
		t.Fatalf("after Ctrl+R the keyboard is on %T %v, want the Start button", e.win.Canvas().Focused(), e.win.Canvas().Focused())
	}

	cmds["startRun"].run()
	// The run's updates reach the window from the engine's goroutine under
	// the test driver: wait for them before reading the window.
	e.sim.panel.WaitIdle()
	reply, ok := e.win.Canvas().Focused().(*kbd.Entry)
	if !ok || reply.PlaceHolder != "text the flow…" {
		t.Fatalf("after Ctrl+Shift+R the keyboard is on %T, want the reply box", e.win.Canvas().Focused())
	}
	if len(e.sim.tabs.Items) != 2 {
		t.Errorf("starting mounted %d tabs", len(e.sim.tabs.Items))
	}
	e.sim.setDocument(e.doc) // stop the run's worker before the test ends
}

// While a wire is drawn from the keyboard, the status line says what the
// keys do; when it ends, the line names the file again.
func TestTheStatusLineGuidesAWireDrawnFromTheKeyboard(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{Flow: readShared(t, astrology)})
	before := e.status.Text
	e.selectWidgets([]string{"ask_sign"})
	c := e.canvas.Object().(fyne.Focusable)
	e.win.Canvas().Focus(c)
	c.TypedRune('w')
	if got := e.status.Text; !strings.HasPrefix(got, "Wire from ask_sign · ") || !strings.Contains(got, "Enter: connect") {
		t.Fatalf("status %q while wiring", got)
	}
	c.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if got := e.status.Text; got != before {
		t.Errorf("status %q after Escape, want %q back", got, before)
	}
	if e.doc.Dirty() {
		t.Error("an abandoned wire changed the flow")
	}
}

// Ending a wire drawn from the keyboard gives the status line back what it
// showed before, a coverage summary included, not the file's summary.
func TestAKeyboardWireGivesTheStatusLineBackAsItWas(t *testing.T) {
	e := provenanceEditor(t)
	c := e.canvas.Object().(fyne.Focusable)
	e.win.Canvas().Focus(c)
	for _, before := range []string{"Coverage (2 scenarios): transitions 3/5 (60%), 2 never taken", ""} {
		if before == "" {
			e.updateTitle()
			before = e.status.Text
		} else {
			e.status.SetText(before)
		}
		e.selectWidgets([]string{"lookup"})
		c.TypedRune('w')
		if got := e.status.Text; !strings.HasPrefix(got, "Wire from lookup · ") {
			t.Fatalf("status %q while wiring", got)
		}
		c.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		if got := e.status.Text; got != before {
			t.Errorf("status %q after the wire, want %q back", got, before)
		}
	}
}
