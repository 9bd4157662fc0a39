package e2e

import (
	"os"
	"strings"
	"testing"
)

// Keyboard only, in both themes: Ctrl+J opens Show Flow JSON; Tab reaches
// its Copy button, and the screenshot shows the focus ring around it, over
// the dialog; Space copies and the keyboard stays on Copy (the probe says
// so, and the ring is still there); Escape there closes the dialog. Opened
// again, Space on Edit takes the keyboard into the text it opens, and
// Escape there closes it too; the file is as it was. The shots stay in shots/e2e/dialog-focus-* for a person to look at.
func TestKeyboardOnlyDialogButtonsKeepTheKeyboardWithARing(t *testing.T) {
	t.Parallel()
	bin := buildStudioflow(t)
	for _, variant := range []string{"light", "dark"} {
		t.Run(variant, func(t *testing.T) { t.Parallel(); dialogButtonRing(t, bin, variant) })
	}
}

func dialogButtonRing(t *testing.T, bin, variant string) {
	x, ring := ringScreen(t, variant)
	rw := openRings(t, x, bin, "dialog-focus-"+variant+"-open")
	app, area := rw.app, rw.area
	x.focusWindow(t, rw.window) // no mouse event from here on

	app.press(t, "ctrl+j")
	app.waitFocusedOn(t, "*ui.codeKeys") // the code view has the keyboard
	app.waitText(t, "Studioflow", "Press Edit to change it")
	for range 6 {
		if app.focusKind(t) == "*kbd.Button" && app.focusedText(t) == "Copy" {
			break
		}
		app.press(t, "Tab")
		app.ping()
	}
	app.waitFocusedOn(t, "Copy")
	box := app.focusBox(t, "*kbd.Button")
	app.waitRing(t, "dialog-focus-"+variant+"-copy", box.Add(area.Min), ring)

	app.press(t, "space")
	app.waitText(t, "Studioflow", "Copied to the clipboard.")
	app.waitFocusedOn(t, "Copy")
	app.waitRing(t, "dialog-focus-"+variant+"-copy-pressed", app.focusBox(t, "*kbd.Button").Add(area.Min), ring)

	// Escape on the button closes the dialog, applying nothing.
	app.press(t, "Escape")
	closed := func(what string) {
		t.Helper()
		app.until(t, what, func() (bool, string) {
			shown, ok := app.texts(t, "Studioflow")
			return ok && !strings.Contains(shown, "Press Edit to change it") && !strings.Contains(shown, "Copied to the clipboard."), shown
		})
	}
	closed("Escape on Copy closing Show Flow JSON")

	// Edit moves the keyboard on, predictably, into the text it opens;
	// Escape there closes the dialog too.
	app.press(t, "ctrl+j")
	app.waitFocusedOn(t, "*ui.codeKeys")
	for range 8 {
		if app.focusedText(t) == "Edit" {
			break
		}
		app.press(t, "Tab")
		app.ping()
	}
	app.waitFocusedOn(t, "Edit")
	app.waitRing(t, "dialog-focus-"+variant+"-edit", app.focusBox(t, "*kbd.Button").Add(area.Min), ring)
	app.press(t, "space")
	app.waitFocused(t, "the JSON text", func(s string) bool { return strings.Contains(s, `"description": "Rings"`) })
	app.press(t, "Escape")
	closed("Escape in the text closing Show Flow JSON")
	got, err := os.ReadFile(rw.path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != ringFlow {
		t.Errorf("the file changed:\n%s", got)
	}
}

// focusedText is what the focused element shows ("" when none).
func (a *app) focusedText(t *testing.T) string {
	t.Helper()
	answer, ok := a.ask(t, "focused", "Studioflow")
	if !ok {
		return ""
	}
	return strings.Join(answer[1:], " ")
}
