package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/model"
)

// The keyboard-only journeys give the window the keyboard with
// XSetInputFocus (xdotool windowfocus), not a click: after the window
// opens, no mouse event reaches it.

// focusWindow gives the window the keyboard without touching the mouse.
func (x *xserver) focusWindow(t *testing.T, window string) {
	t.Helper()
	x.run(t, "xdotool", "windowfocus", "--sync", window)
}

// waitFocused waits until the probe says what has the keyboard (the text
// an entry or button shows, else the object's Go type) satisfies ok.
func (a *app) waitFocused(t *testing.T, what string, ok func(string) bool) string {
	t.Helper()
	got := ""
	a.until(t, "the keyboard on "+what, func() (bool, string) {
		answer, found := a.ask(t, "focused", "Studioflow")
		got = strings.Join(answer[1:], " ")
		return found && ok(got), strings.Join(answer, " ")
	})
	return got
}

// waitFocusedOn waits until what has the keyboard shows exactly want.
func (a *app) waitFocusedOn(t *testing.T, want string) {
	t.Helper()
	a.waitFocused(t, fmt.Sprintf("%q", want), func(s string) bool { return s == want })
}

// press presses keys (xdotool names) in the focused window. It does not
// wait: the journeys wait on what the probe then tells (focus, texts).
func (a *app) press(t *testing.T, keys ...string) {
	t.Helper()
	a.x.run(t, "xdotool", append([]string{"key", "--clearmodifiers", "--delay", "40"}, keys...)...)
}

// typeRaw types text into whatever has the keyboard, without waiting.
func (a *app) typeRaw(t *testing.T, text string) {
	t.Helper()
	a.x.run(t, "xdotool", "type", "--delay", "15", text)
}

// typeField types text into the focused field and waits until the field
// shows it.
func (a *app) typeField(t *testing.T, text string) {
	t.Helper()
	a.typeRaw(t, text)
	a.waitFocused(t, fmt.Sprintf("a field showing %q", text), func(s string) bool { return strings.Contains(s, text) })
}

const canvasFocus = "*canvas.Editor"

// toCanvas moves the keyboard from the inspector to the canvas (Shift+F6).
func (a *app) toCanvas(t *testing.T) {
	t.Helper()
	a.press(t, "shift+F6")
	a.waitFocusedOn(t, canvasFocus)
}

// addByKeys adds a widget from the library by keys: from the canvas
// Shift+F6 goes back to the library's search; its text typed over and
// Enter add the first match and leave the keyboard in its name.
func (a *app) addByKeys(t *testing.T, search, name string) {
	t.Helper()
	a.press(t, "shift+F6")
	a.waitFocused(t, "the library's search", func(s string) bool { return s != canvasFocus && !strings.HasPrefix(s, "*") })
	a.press(t, "ctrl+a")
	a.typeField(t, search)
	a.press(t, "Return")
	a.waitFocusedOn(t, name)
}

// setField presses Tab n times, checks the field reached shows was, and
// types text over it.
func (a *app) setField(t *testing.T, n int, was, text string) {
	t.Helper()
	a.tabs(t, n)
	a.waitFocusedOn(t, was)
	a.press(t, "ctrl+a")
	a.typeField(t, text)
}

// tabs presses Tab n times.
func (a *app) tabs(t *testing.T, n int) {
	t.Helper()
	keys := make([]string, n)
	for i := range keys {
		keys[i] = "Tab"
	}
	a.press(t, keys...)
}

// find jumps to a widget with Find (Ctrl+F, its name, Enter), which
// selects it and leaves the keyboard in its name.
func (a *app) find(t *testing.T, name string) {
	t.Helper()
	a.press(t, "ctrl+f", "ctrl+a")
	a.typeField(t, name)
	a.press(t, "Return")
	a.waitFocusedOn(t, name)
}

// wire draws a wire on the canvas by keys: W from the selected widget,
// Space until the status line names transition (its label, "(k of n)"),
// the target's name typed, Enter.
func (a *app) wire(t *testing.T, from, transition, to string) {
	t.Helper()
	a.press(t, "w")
	hint := "Wire from " + from + " · "
	at := regexp.MustCompile(regexp.QuoteMeta(hint) + `.*?\(\d+ of \d+\)`)
	shown := at.FindString(a.waitText(t, "Studioflow", hint))
	for presses := 0; !strings.HasPrefix(shown, hint+transition+" ("); presses++ {
		if presses == 5 {
			t.Fatalf("Space never reached %q: %s", transition, shown)
		}
		// Space, then wait for the hint to name the next transition.
		a.press(t, "space")
		before := shown
		a.until(t, "Space picking the next transition", func() (bool, string) {
			texts, _ := a.texts(t, "Studioflow")
			shown = at.FindString(texts)
			return shown != "" && shown != before, texts
		})
	}
	a.typeRaw(t, to)
	a.waitText(t, "Studioflow", hint+transition, ") to "+to+" — ")
	a.x.still(t, "kbd-wire-"+from+"-"+to, screenArea)
	a.press(t, "Return")
	a.until(t, "the wire "+from+" → "+to+" drawn", func() (bool, string) {
		shown, _ := a.texts(t, "Studioflow")
		return !strings.Contains(shown, "Wire from"), shown
	})
}

// Journey of issue 20's proof: the SMS bot of the authoring journeys built
// with the keyboard alone: widgets added from the library, their texts
// typed in the inspector, the wires drawn with W, saved; then a simulated
// text answered by typing, and the saved file run by the real binary.
func TestKeyboardOnlySMSBotIsBuiltWiredSavedAndSimulated(t *testing.T) {
	t.Parallel()
	x := startXvfb(t)
	bin := buildStudioflow(t)
	start := filepath.Join(t.TempDir(), "start.json")
	if err := os.WriteFile(start, []byte(`{"description":"Start","states":[{"name":"Trigger","type":"trigger","transitions":[],"properties":{"offset":{"x":0,"y":0}}}],"initial_state":"Trigger"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	a := startApp(t, x, bin, "edit", start)
	window := x.waitWindow(t, a.process, regexp.QuoteMeta("Start")+".*Studioflow")
	waitForDrawing(t, x, "kbd-journey-0-open", x.windowGeometry(t, window))
	x.focusWindow(t, window)
	a.press(t, "ctrl+n")
	x.waitTitle(t, window, func(s string) bool { return strings.Contains(s, "Untitled") })

	// F6 with nothing focused: the library's search.
	a.press(t, "F6")
	a.waitFocusedOn(t, "Search widgets")
	a.typeField(t, "reply")
	a.press(t, "Return")
	a.waitFocusedOn(t, "send_and_reply_1")
	const ask = "Reply 1 for our hours, or help."
	a.setField(t, 1, "Hello. Please reply.", ask)

	// The trigger (above the new widget) to it.
	a.toCanvas(t)
	a.press(t, "Up")
	a.wire(t, "Trigger", "Incoming Message", "send_and_reply_1")
	x.still(t, "kbd-journey-1-first-wire", screenArea)

	// The split: what it tests, and condition 2's value (Tab order from
	// the Variable: No Condition Matches, then per condition its up, down
	// and delete buttons, friendly name, operator, value and target).
	a.addByKeys(t, "split", "split_1")
	a.setField(t, 1, "{{widgets.gather_1.Digits}}", "{{widgets.send_and_reply_1.inbound.Body}}")
	a.tabs(t, 7)
	a.waitFocusedOn(t, "1")
	a.setField(t, 7, "2", "help")

	const hours, help = "We are open 9 to 5.", "Here is some help: reply 1 for our hours."
	a.toCanvas(t)
	a.addByKeys(t, "send message", "send_message_1")
	a.setField(t, 1, "Hello world!", hours)
	a.toCanvas(t)
	a.addByKeys(t, "send message", "send_message_2")
	a.setField(t, 1, "Hello world!", help)
	x.still(t, "kbd-journey-2-widgets", screenArea)

	// The wires, each from a widget found with Find (which leaves the
	// keyboard in its name; Shift+F6 goes to the canvas, the widget selected).
	a.find(t, "send_and_reply_1")
	a.toCanvas(t)
	a.wire(t, "send_and_reply_1", "Reply", "split_1")
	a.find(t, "split_1")
	a.toCanvas(t)
	a.wire(t, "split_1", "If value equal to 1", "send_message_1")
	a.wire(t, "split_1", "If value equal to help", "send_message_2")
	x.still(t, "kbd-journey-3-wired", screenArea)

	saved := x.saveAs(t, window, "kbd-sms-bot.json", "send_message_2")
	x.still(t, "kbd-journey-4-saved", screenArea)
	checkKeyboardBot(t, saved, ask, hours, help)
	file := x.savedPath(t, "kbd-sms-bot.json")
	for _, c := range []struct{ reply, via, says string }{
		{"1", "send_message_1", hours},
		{"help", "send_message_2", help},
		{"hello", "", ""},
	} {
		path, said := x.runFlowWithInput(t, bin, file, c.reply+"\n", "--trigger", "incomingMessage", "--body", "Hi")
		for _, hop := range []string{"Trigger -incomingMessage-> send_and_reply_1", "-incomingMessage-> split_1"} {
			if !strings.Contains(path, hop) {
				t.Errorf("reply %q: the run went %s, not %s", c.reply, path, hop)
			}
		}
		if c.via == "" {
			if strings.Contains(path, "send_message") {
				t.Errorf("reply %q went %s, want No Condition Matches", c.reply, path)
			}
			continue
		}
		if !strings.Contains(path, "-> "+c.via) || !strings.Contains(said, c.says) {
			t.Errorf("reply %q went %s saying %q, want via %s saying %q", c.reply, path, said, c.via, c.says)
		}
	}

	// Simulated: Ctrl+Shift+R texts the flow; the keyboard is in the reply
	// box, where the replies are typed and sent with Enter.
	a.press(t, "ctrl+shift+r")
	a.waitText(t, "Studioflow", "Waiting at send_and_reply_1 for a reply", ask)
	a.waitFocusedOn(t, "text the flow…")
	a.typeField(t, "1")
	a.press(t, "Return")
	a.waitText(t, "Studioflow", hours, "Ended (completed)")
	a.waitFocusedOn(t, "text the flow…")
	x.still(t, "kbd-journey-5-simulated-hours", screenArea)
	a.press(t, "ctrl+shift+r")
	a.waitText(t, "Studioflow", "#2", "Waiting at send_and_reply_1 for a reply")
	a.typeField(t, "help")
	a.press(t, "Return")
	a.waitText(t, "Studioflow", help, "Ended (completed)")
	x.still(t, "kbd-journey-6-simulated-help", screenArea)

	if data, err := os.ReadFile(file); err != nil || string(data) != saved {
		t.Errorf("simulating changed the saved file (%v)", err)
	}
	if code := x.quitWithKeys(t, a.process, window); code != 0 {
		t.Fatalf("exit code %d after Ctrl+Q; output:\n%s", code, a.output.String())
	}
}

// checkKeyboardBot checks the saved bot: the texts as typed, the split
// testing the reply, its wires, and no string in the file holding a tab
// or a stray space at either end.
func checkKeyboardBot(t *testing.T, saved, ask, hours, help string) {
	t.Helper()
	f, err := model.Parse([]byte(saved))
	if err != nil {
		t.Fatalf("saved file does not parse: %v\n%s", err, saved)
	}
	for name, want := range map[string]string{"send_and_reply_1": ask, "send_message_1": hours, "send_message_2": help} {
		if s := f.State(name); s == nil || s.StringProperty("body") != want {
			t.Errorf("%s's body is not %q:\n%s", name, want, saved)
		}
	}
	split := f.State("split_1")
	if split == nil || split.StringProperty("input") != "{{widgets.send_and_reply_1.inbound.Body}}" {
		t.Fatalf("the split does not test the reply:\n%s", saved)
	}
	for _, w := range []struct {
		from  string
		index int
		to    string
	}{{"Trigger", 0, "send_and_reply_1"}, {"send_and_reply_1", 0, "split_1"}, {"split_1", 1, "send_message_1"}, {"split_1", 2, "send_message_2"}} {
		s := f.State(w.from)
		if s == nil || s.Transition(w.index).Next != w.to {
			t.Errorf("%s's transition %d does not go to %s:\n%s", w.from, w.index, w.to, saved)
		}
	}
	if strings.Contains(saved, `\t`) || strings.Contains(saved, "\t") {
		t.Errorf("the saved flow holds a tab character:\n%s", saved)
	}
	for _, s := range regexp.MustCompile(`"(?:[^"\\]|\\.)*"`).FindAllString(saved, -1) {
		if inner := strings.Trim(s, `"`); inner != strings.TrimSpace(inner) {
			t.Errorf("a string with a stray space was saved: %s", s)
		}
	}
}

// A call from the keyboard alone: Ctrl+R puts the keyboard on Start,
// Space starts the call, and the digit typed goes to the dial pad, where
// the keyboard stays.
func TestKeyboardOnlyCallTakesTypedDigits(t *testing.T) {
	t.Parallel()
	x := startXvfb(t)
	bin := buildStudioflow(t)
	path := filepath.Join(t.TempDir(), "ivr.json")
	if err := os.WriteFile(path, []byte(firstRunIVR), 0o644); err != nil {
		t.Fatal(err)
	}
	a := startApp(t, x, bin, "edit", path)
	window := x.waitWindow(t, a.process, regexp.QuoteMeta("First-run IVR")+".*Studioflow")
	waitForDrawing(t, x, "kbd-call-0-open", x.windowGeometry(t, window))
	x.focusWindow(t, window)
	a.press(t, "ctrl+r")
	a.waitFocusedOn(t, "Start")
	a.press(t, "space")
	a.waitText(t, "Studioflow", "Waiting at menu", "Says: Press 1 for sales.")
	a.waitFocusedOn(t, "1")
	x.still(t, "kbd-call-1-keypad", screenArea)
	a.typeRaw(t, "1")
	a.waitText(t, "Studioflow", "You pressed 1", "Says: Connecting you to sales.", "Call ended")
	a.waitFocusedOn(t, "1")
	x.still(t, "kbd-call-2-ended", screenArea)

	// Ctrl+Shift+R calls again at once; * is a key like the others.
	a.press(t, "ctrl+shift+r")
	a.waitText(t, "Studioflow", "#2", "Waiting at menu")
	a.typeRaw(t, "*")
	a.waitText(t, "Studioflow", "You pressed *", "Says: Goodbye.", "Call ended")
	if code := x.quitWithKeys(t, a.process, window); code != 0 {
		t.Fatalf("exit code %d after Ctrl+Q; output:\n%s", code, a.output.String())
	}
}
