package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// horoscopeCopy writes the horoscope flow to a file of the test's and
// returns its path and text.
func horoscopeCopy(t *testing.T) (string, string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(flowsDir, "horoscope.json"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "horoscope.json")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path, string(data)
}

// openHoroscope opens a copy of the horoscope flow with ask_sign selected
// (clicked on the canvas) and shown in the inspector; it returns the app,
// the window, the file and its text.
func openHoroscope(t *testing.T, x *xserver) (*app, string, string, string) {
	t.Helper()
	path, original := horoscopeCopy(t)
	a := startApp(t, x, buildStudioflow(t), "edit", path)
	window := x.waitWindow(t, a.process, regexp.QuoteMeta("horoscope.json")+".*Studioflow")
	waitForDrawing(t, x, "modal-open", x.windowGeometry(t, window))
	a.click(t, window, "Studioflow", "ask_sign")
	a.waitText(t, "Studioflow", "3600") // its Timeout, in the inspector
	return a, window, path, original
}

// The editor's shortcuts pressed while Show Flow JSON (then Keyboard
// Shortcuts) is up over the window with a widget selected: none reaches
// the window behind. Ctrl+F used to take the keyboard to Find behind the
// dialog, and the Ctrl key itself made the JSON view editable; Delete,
// Ctrl+X, Ctrl+V, Ctrl+D, Ctrl+Z, Ctrl+S would edit or save the flow
// behind. A character typed last (x) starts editing and is typed at the
// caret, the text's start: the text then begins "x{", which shows that
// every key before it has been handled and that none of them edited the
// text (Delete, Ctrl+X or Ctrl+V in an editable text would have). The
// file, the title's unsaved mark, the selection and the library pane stay
// as they were.
func TestEditorShortcutsDoNotReachTheWindowBehindADialog(t *testing.T) {
	t.Parallel()
	x := startXvfb(t)
	a, window, path, original := openHoroscope(t, x)
	x.focusWindow(t, window)

	a.press(t, "ctrl+j")
	a.waitFocusedOn(t, "*ui.codeKeys")
	a.waitText(t, "Studioflow", "Press Edit to change it")
	a.press(t, "ctrl+f", "Delete", "ctrl+x", "ctrl+d", "ctrl+v", "ctrl+a", "ctrl+z", "ctrl+shift+l", "ctrl+minus", "ctrl+s", "BackSpace", "F6")
	x.screenshot(t, "modal-keys-1-json-after-shortcuts")
	a.press(t, "x")
	text := a.waitFocused(t, "the JSON text", func(s string) bool { return strings.Contains(s, `"description"`) })
	if !strings.HasPrefix(text, "x{") {
		t.Errorf("the text does not start with the x typed, before the JSON: it starts %.40q, ends %q", text, text[max(0, len(text)-40):])
	}
	a.press(t, "Escape")
	a.until(t, "Escape closing Show Flow JSON", func() (bool, string) {
		shown, ok := a.texts(t, "Studioflow")
		return ok && !strings.Contains(shown, "Press Edit to change it"), shown
	})
	unchanged := func(after string) {
		t.Helper()
		if title := x.run(t, "xdotool", "getwindowname", window); strings.HasPrefix(title, "● ") {
			t.Errorf("after %s the flow is marked changed: %q", after, title)
		}
		if got, err := os.ReadFile(path); err != nil || string(got) != original {
			t.Errorf("after %s the file changed (%v)", after, err)
		}
		// The Library tab still shows (Ctrl+F would show Find), and the
		// inspector still ask_sign.
		a.waitText(t, "Studioflow", "Say/Play", "3600", "ask_sign")
	}
	unchanged("the shortcuts in Show Flow JSON")

	// Help ▸ Keyboard Shortcuts, from the keyboard: a dialog whose scroll
	// holds the keyboard and takes no shortcuts.
	a.press(t, "alt+h", "k")
	a.waitFocusedOn(t, "*kbd.Scroll")
	a.press(t, "Delete", "ctrl+x", "ctrl+v", "ctrl+d", "ctrl+z", "ctrl+s", "ctrl+f")
	x.screenshot(t, "modal-keys-2-shortcuts-after-shortcuts")
	a.press(t, "ctrl+w") // closes the dialog, not the window
	a.until(t, "Ctrl+W closing Keyboard Shortcuts", func() (bool, string) {
		shown, ok := a.texts(t, "Studioflow")
		return ok && !strings.Contains(shown, "Draw a Wire from the Selected Widget"), shown
	})
	unchanged("the shortcuts in Keyboard Shortcuts")
	x.screenshot(t, "modal-keys-3-closed")
}

// wheelOver turns the mouse wheel one notch (button 4: up, 5: down) over
// the middle of the field holding text, and waits until the field has
// moved; it returns how far, in pixels. The field is clicked first: Fyne
// 2.8.1 reads a wheel turn where the pointer was at its last frame, so a
// turn just after a move goes to what the pointer left (the canvas); a
// click takes the pointer's place at once.
func (a *app) wheelOver(t *testing.T, window, text, button string) int {
	t.Helper()
	b := a.box(t, "Studioflow", text)
	mid := b.Min.Add(b.Size().Div(2))
	a.x.run(t, "xdotool", "mousemove", "--window", window, fmt.Sprint(mid.X), fmt.Sprint(mid.Y), "click", "1")
	a.waitFocusedOn(t, text)
	b = a.box(t, "Studioflow", text)
	a.x.run(t, "xdotool", "click", button)
	moved := 0
	a.until(t, "the inspector scrolling under the wheel over "+text, func() (bool, string) {
		moved = a.box(t, "Studioflow", text).Min.Y - b.Min.Y
		return moved != 0, fmt.Sprint(moved)
	})
	return moved
}

// The mouse wheel over the inspector's text fields scrolls the inspector:
// over the multi-line message body (shorter than its box) and over the
// single-line name, down then back up, a notch at a time, about three
// lines of text a notch. The fields' own scrolls used to keep the turn
// with nothing to scroll, and a notch elsewhere moved 25 units.
func TestTheWheelScrollsTheInspectorOverItsTextFields(t *testing.T) {
	t.Parallel()
	x := startXvfb(t)
	a, window, _, _ := openHoroscope(t, x)
	const body = "Hello! Please tell us your sign and we will read your horoscope for today."
	x.screenshot(t, "inspector-wheel-1-top")
	down := a.wheelOver(t, window, body, "5")
	x.screenshot(t, "inspector-wheel-2-down-over-body")
	t.Logf("a notch moves the inspector %d px", -down)
	// Three lines of 14-unit text are 57 units; at Fyne's scale on this
	// screen a pixel is at least 0.8 of a unit. 25 units were at most 32.
	if down > -40 {
		t.Errorf("a notch down over the message body moved the inspector %d px, want about three lines", down)
	}
	if up := a.wheelOver(t, window, body, "4"); up != -down {
		t.Errorf("a notch back up moved it %d px, want %d", up, -down)
	}
	if d := a.wheelOver(t, window, "ask_sign", "5"); d != down {
		t.Errorf("a notch down over the name moved the inspector %d px, want %d as over the body", d, down)
	}
	x.screenshot(t, "inspector-wheel-3-down-over-name")
}
