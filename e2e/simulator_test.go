package e2e

import (
	"image"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/canvas/look"
)

// The canvas draws the wires an execution took in this green (canvas/look).
var takenGreen = rgba(look.ActiveColor)

// openSimulator starts the real binary on one of the project's test flows
// and opens the Simulator beside the canvas with Ctrl+R, on the virtual
// clock (a gather then waits for the clicks however slow the machine is).
// It returns the app, the window's X id and its title as the probe knows it.
func openSimulator(t *testing.T, x *xserver, flowFile string) (*app, string, string) {
	t.Helper()
	return simulatorOn(t, x, buildStudioflow(t), flowFile)
}

// simulatorOn is openSimulator with the settings the test has set up.
func simulatorOn(t *testing.T, x *xserver, bin, flowFile string) (*app, string, string) {
	t.Helper()
	a := startApp(t, x, bin, "edit", filepath.Join(flowsDir, flowFile))
	window := x.waitWindow(t, a.process, regexp.QuoteMeta(flowFile)+".*Studioflow")
	area := x.windowGeometry(t, window)
	// Without a window manager a click gives the window the keyboard; the
	// shortcut only opens the panel, so pressing it again is harmless.
	x.focus(t, window, image.Pt(area.Dx()/2, area.Dy()-60))
	a.until(t, "Ctrl+R opening the Simulator", func() (bool, string) {
		shown, _ := a.texts(t, flowFile)
		if strings.Contains(shown, "Pick a trigger and press Start.") {
			return true, ""
		}
		x.run(t, "xdotool", "key", "--clearmodifiers", "ctrl+r")
		return false, shown
	})
	if answer, _ := a.ask(t, "checked", flowFile, "Virtual clock"); len(answer) < 2 || answer[1] != "true" {
		a.click(t, window, flowFile, "Virtual clock")
		a.until(t, "the virtual clock on", func() (bool, string) {
			answer, ok := a.ask(t, "checked", flowFile, "Virtual clock")
			return ok && answer[1] == "true", strings.Join(answer, " ")
		})
	}
	return a, window, flowFile
}

// A call to the joke line from the real main window: the dial pad answers
// the menu, the recording is hung up, the canvas marks the wires taken and
// the step log shows the context after the gather.
func TestSimulatorCallsTheJokeLineWithTheDialPadAndHangsUp(t *testing.T) {
	t.Parallel()
	x := startXvfb(t)
	a, window, title := openSimulator(t, x, "joke-line.json")
	area := x.windowGeometry(t, window)
	greenBefore := measure(x.screenshot(t, "simulator-call-before"), area).near(takenGreen, 12)

	a.click(t, window, title, "Start")
	shown := a.waitText(t, title, "In call", "Waiting at menu")
	if !strings.Contains(shown, "Says: ") {
		t.Errorf("the phone's transcript shows nothing the flow said: %s", shown)
	}
	// The canvas beside the panel marks the wires the call took.
	a.until(t, "the taken wires drawn on the canvas", func() (bool, string) {
		green := measure(x.screenshot(t, "simulator-call-menu"), area).near(takenGreen, 12)
		return green > greenBefore+400, "green pixels: " + strconv.Itoa(green)
	})

	a.click(t, window, title, "1")
	a.waitText(t, title, "Recording at record_voicemail_1")
	x.screenshot(t, "simulator-call-recording")

	a.click(t, window, title, "Hang up")
	shown = a.waitText(t, title, "Call ended", "You hung up")
	if !strings.Contains(shown, "You pressed 1") {
		t.Errorf("the transcript lacks the key press: %s", shown)
	}
	x.screenshot(t, "simulator-call-ended")

	// The step log: picking the gather's step shows the context after it.
	a.click(t, window, title, "Steps")
	a.click(t, window, title, "gather-input-on-call")
	a.waitText(t, title, "menu (gather-input-on-call) left on keypress")
	x.screenshot(t, "simulator-call-steps")
}

// textAnUnknownSign holds a text conversation with the horoscope flow open
// in the simulator: "hello" starts it, and "the sun", a sign it does not
// know, has it ask again.
func textAnUnknownSign(t *testing.T, x *xserver, a *app, window, title string) {
	t.Helper()
	a.focusEntry(t, window, title, "first message (Hi)")
	x.run(t, "xdotool", "type", "--delay", "30", "hello")
	a.waitText(t, title, "hello")
	a.click(t, window, title, "Start")
	a.waitText(t, title, "tell us your sign")

	a.focusEntry(t, window, title, "text the flow…")
	x.run(t, "xdotool", "type", "--delay", "30", "the sun")
	a.waitText(t, title, "the sun")
	a.click(t, window, title, "Send")
	a.waitText(t, title, "We did not recognise that sign", "Waiting at send_and_reply_no_match")
}

// A text conversation with the horoscope flow: the first message starts
// it, a reply the split does not know is asked again, and letting the wait
// time out ends the run.
func TestSimulatorTextsTheHoroscopeFlowAndReplies(t *testing.T) {
	t.Parallel()
	x := startXvfb(t)
	a, window, title := openSimulator(t, x, "horoscope.json")
	textAnUnknownSign(t, x, a, window, title)
	x.screenshot(t, "simulator-sms-reply")

	a.click(t, window, title, "No reply")
	a.waitText(t, title, "no reply: the wait timed out", "Ended (completed)")
	x.screenshot(t, "simulator-sms-ended")
}
