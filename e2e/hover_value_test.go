package e2e

import (
	"fmt"
	"image"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// box is where the field holding text (or else the object showing it) is
// in the window titled title, in window pixels.
func (a *app) box(t *testing.T, title, text string) image.Rectangle {
	t.Helper()
	var r image.Rectangle
	a.until(t, fmt.Sprintf("where %q is", text), func() (bool, string) {
		answer, ok := a.ask(t, "box", title, text)
		if !ok || len(answer) != 5 {
			return false, strings.Join(answer, " ")
		}
		var v [4]int
		for i := range v {
			fmt.Sscan(answer[i+1], &v[i])
		}
		r = image.Rect(v[0], v[1], v[0]+v[2], v[1]+v[3])
		return true, ""
	})
	return r
}

// orderLine is a call flow that sets a variable from Liquid and says it.
const orderLine = `{
  "description": "Order line",
  "states": [
    {"name": "Trigger", "type": "trigger", "transitions": [{"event": "incomingMessage"}, {"event": "incomingCall", "next": "set_order"}, {"event": "incomingRequest"}], "properties": {"offset": {"x": 0, "y": 0}}},
    {"name": "set_order", "type": "set-variables", "transitions": [{"event": "next", "next": "greet"}], "properties": {"variables": [{"key": "order", "value": "A-{{ 6 | times: 7 }}"}], "offset": {"x": 0, "y": 200}}},
    {"name": "greet", "type": "say-play", "transitions": [{"event": "audioComplete"}], "properties": {"say": "{{flow.variables.order}} is your order number.", "loop": 1, "offset": {"x": 0, "y": 400}}}
  ],
  "initial_state": "Trigger",
  "flags": {"allow_concurrent_calls": true}
}
`

// After a simulated call, hovering {{flow.variables.order}} in greet's Say
// field shows the value it had when greet ran; the tip goes when the
// pointer leaves the field.
func TestHoveringAReferenceShowsItsLastRunValue(t *testing.T) {
	t.Parallel()
	x := startXvfb(t)
	bin := buildStudioflow(t)
	const file = "order-line.json"
	path := filepath.Join(t.TempDir(), file)
	if err := os.WriteFile(path, []byte(orderLine), 0o644); err != nil {
		t.Fatal(err)
	}
	a := startApp(t, x, bin, "edit", path)
	window := x.waitWindow(t, a.process, regexp.QuoteMeta(file)+".*Studioflow")
	area := x.windowGeometry(t, window)
	x.focus(t, window, image.Pt(area.Dx()/2, area.Dy()-60))
	a.until(t, "Ctrl+R opening the Simulator", func() (bool, string) {
		shown, _ := a.texts(t, file)
		if strings.Contains(shown, "Pick a trigger and press Start.") {
			return true, ""
		}
		x.run(t, "xdotool", "key", "--clearmodifiers", "ctrl+r")
		return false, shown
	})
	a.click(t, window, file, "Start")
	a.waitText(t, file, "A-42 is your order number.")
	x.screenshot(t, "hover-1-run")

	a.click(t, window, file, "Inspector")
	x.focus(t, window, emptyCanvas)
	x.findWidget(t, "greet")
	const say = "{{flow.variables.order}} is your order number."
	a.waitText(t, file, say)
	// The Say field begins with the reference: the pointer rests on its
	// fifth character ("f"), on the first row, inside the field's padding.
	field := a.box(t, file, say)
	x.run(t, "xdotool", "mousemove", "--window", window, fmt.Sprint(field.Min.X+40), fmt.Sprint(field.Min.Y+20))
	a.waitText(t, file, "{{flow.variables.order}} = A-42 (last run)")
	x.screenshot(t, "hover-2-value-tip")

	// Over the plain words after the reference ("order number") the tip
	// goes; back on the reference it shows again; off the field it goes.
	tipGone := func(what string) {
		a.until(t, what, func() (bool, string) {
			shown, ok := a.texts(t, file)
			return ok && !strings.Contains(shown, "(last run)"), shown
		})
	}
	x.run(t, "xdotool", "mousemove", "--window", window, fmt.Sprint(field.Min.X+270), fmt.Sprint(field.Min.Y+20))
	tipGone("the tip to go over plain words")
	x.screenshot(t, "hover-3-plain-words")
	x.run(t, "xdotool", "mousemove", "--window", window, fmt.Sprint(field.Min.X+150), fmt.Sprint(field.Min.Y+20))
	a.waitText(t, file, "{{flow.variables.order}} = A-42 (last run)")
	x.run(t, "xdotool", "mousemove", "--window", window, fmt.Sprint(emptyCanvas.X), fmt.Sprint(emptyCanvas.Y))
	tipGone("the tip to go when the pointer leaves the field")
	x.key(t, "Escape")
	x.focus(t, window, emptyCanvas)
	if code := x.quitWithKeys(t, a.process, window); code != 0 {
		t.Fatalf("exit code %d after Ctrl+Q; output:\n%s", code, a.output.String())
	}
}
