package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/model"
)

// echoBotFlow asks for a reply and echoes it.
const echoBotFlow = `{"description":"Echo bot","flags":{"allow_concurrent_calls":true},"initial_state":"Trigger","states":[
 {"name":"Trigger","type":"trigger","transitions":[{"event":"incomingMessage","next":"ask"}],"properties":{"offset":{"x":0,"y":0}}},
 {"name":"ask","type":"send-and-wait-for-reply","transitions":[{"event":"incomingMessage","next":"echo"},{"event":"timeout"},{"event":"deliveryFailure"}],
  "properties":{"body":"What would you like?","timeout":"3600","offset":{"x":0,"y":250}}},
 {"name":"echo","type":"send-message","transitions":[{"event":"sent"},{"event":"failed"}],
  "properties":{"body":"You said: {{widgets.ask.inbound.Body}}","offset":{"x":0,"y":500}}}]}`

// openByKeys writes flowJSON to a file named name, opens it in the real
// binary and gives its window the keyboard.
func openByKeys(t *testing.T, x *xserver, flowJSON, name, description string) (*app, string, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(flowJSON), 0o644); err != nil {
		t.Fatal(err)
	}
	a := startApp(t, x, buildStudioflow(t), "edit", path)
	window := x.waitWindow(t, a.process, regexp.QuoteMeta(description)+".*Studioflow")
	waitForDrawing(t, x, "kbd-keys-open-"+strings.TrimSuffix(name, ".json"), x.windowGeometry(t, window))
	x.focusWindow(t, window)
	return a, window, path
}

// Ctrl+R, then Space on Start: the key that starts the run types nothing
// into the reply box it moves the keyboard to, so the reply typed next
// goes to the flow, and comes back, as typed (it came back as " pizza").
func TestKeyboardSpaceOnStartTypesNothingIntoTheReply(t *testing.T) {
	t.Parallel()
	x := startXvfb(t)
	a, window, _ := openByKeys(t, x, echoBotFlow, "echo.json", "Echo bot")
	a.press(t, "ctrl+r")
	a.waitFocusedOn(t, "Start")
	a.press(t, "space")
	a.waitText(t, "Studioflow", "Waiting at ask for a reply", "What would you like?")
	// The reply box, empty, shows its placeholder.
	a.waitFocusedOn(t, "text the flow…")
	a.typeField(t, "pizza")
	a.waitFocusedOn(t, "pizza")
	a.press(t, "Return")
	shown := a.waitText(t, "Studioflow", "You said: ", "Ended (completed)")
	x.still(t, "kbd-space-start-reply", screenArea)
	if !strings.Contains(shown, "| pizza |") || !strings.Contains(shown, "You said: pizza") {
		t.Errorf("the reply and its echo are not \"pizza\" as typed: %s", shown)
	}
	if strings.Contains(shown, "  pizza") {
		t.Errorf("a space came before the reply: %s", shown)
	}
	if code := x.quitWithKeys(t, a.process, window); code != 0 {
		t.Fatalf("exit code %d after Ctrl+Q; output:\n%s", code, a.output.String())
	}
}

// reachFlow has one widget between the trigger and another, so the one
// nearest the middle of the opened view is plain.
const reachFlow = `{"description":"Reach","flags":{"allow_concurrent_calls":true},"initial_state":"Trigger","states":[
 {"name":"Trigger","type":"trigger","transitions":[{"event":"incomingMessage","next":"greet"}],"properties":{"offset":{"x":0,"y":0}}},
 {"name":"greet","type":"send-message","transitions":[{"event":"sent","next":"bye"},{"event":"failed"}],"properties":{"body":"Hello","offset":{"x":0,"y":300}}},
 {"name":"bye","type":"send-message","transitions":[{"event":"sent"},{"event":"failed"}],"properties":{"body":"Bye","offset":{"x":0,"y":600}}}]}`

// With the keyboard alone: F6 to the canvas, where nothing is selected; an
// arrow selects the widget in the middle of the view; Enter takes the
// keyboard into its name, Tab to its body, which is typed over and saved
// with Ctrl+S.
func TestKeyboardOnlyArrowSelectsAWidgetOnTheCanvasToEdit(t *testing.T) {
	t.Parallel()
	x := startXvfb(t)
	a, window, path := openByKeys(t, x, reachFlow, "reach.json", "Reach")
	a.press(t, "F6")
	a.waitFocusedOn(t, "Search widgets")
	a.press(t, "F6")
	a.waitFocusedOn(t, canvasFocus)
	x.still(t, "kbd-reach-0-canvas-nothing-selected", screenArea)
	a.press(t, "Down")
	// The inspector shows a widget, no longer the flow's settings.
	a.waitText(t, "Studioflow", "Widget name *")
	x.still(t, "kbd-reach-1-selected", screenArea)
	a.press(t, "Return")
	a.waitFocusedOn(t, "greet")
	a.setField(t, 1, "Hello", "Good morning")
	a.press(t, "ctrl+s")
	saved := waitFile(t, path, "Good morning")
	x.waitTitle(t, window, func(s string) bool { return !strings.HasPrefix(s, "● ") })
	x.still(t, "kbd-reach-2-saved", screenArea)
	f, err := model.Parse([]byte(saved))
	if err != nil {
		t.Fatalf("the saved flow does not parse: %v\n%s", err, saved)
	}
	if got := f.State("greet").StringProperty("body"); got != "Good morning" {
		t.Errorf("greet's body is %q, want the text typed", got)
	}
	if got := f.State("bye").StringProperty("body"); got != "Bye" {
		t.Errorf("bye's body is %q: another widget was edited", got)
	}
	if code := x.quitWithKeys(t, a.process, window); code != 0 {
		t.Fatalf("exit code %d after Ctrl+Q; output:\n%s", code, a.output.String())
	}
}
