package e2e

import (
	"fmt"
	"image"
	"image/color"
	"strings"
	"testing"
	"time"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
	wsstore "github.com/studioflow/studioflow/studio/workspace"
	"github.com/studioflow/studioflow/ui/workspace"
)

// firstRunIVR gathers one digit; 1 goes to sales.
const firstRunIVR = `{"description": "First-run IVR", "initial_state": "Trigger", "flags": {"allow_concurrent_calls": true}, "states": [
 {"name": "Trigger", "type": "trigger", "properties": {"offset": {"x": 0, "y": 0}},
  "transitions": [{"event": "incomingMessage"}, {"next": "menu", "event": "incomingCall"}, {"event": "incomingRequest"}]},
 {"name": "menu", "type": "gather-input-on-call",
  "properties": {"offset": {"x": 0, "y": 200}, "say": "Press 1 for sales.", "number_of_digits": 1, "timeout": 5, "stop_gather": true, "loop": 1},
  "transitions": [{"next": "route", "event": "keypress"}, {"event": "speech"}, {"next": "goodbye", "event": "timeout"}]},
 {"name": "route", "type": "split-based-on", "properties": {"offset": {"x": 0, "y": 400}, "input": "{{widgets.menu.Digits}}"},
  "transitions": [{"next": "goodbye", "event": "noMatch"},
   {"next": "sales", "event": "match", "conditions": [{"friendly_name": "If value equal_to 1", "arguments": ["{{widgets.menu.Digits}}"], "type": "equal_to", "value": "1"}]}]},
 {"name": "sales", "type": "say-play", "properties": {"offset": {"x": 0, "y": 600}, "say": "Connecting you to sales.", "loop": 1}, "transitions": [{"event": "audioComplete"}]},
 {"name": "goodbye", "type": "say-play", "properties": {"offset": {"x": 300, "y": 600}, "say": "Goodbye.", "loop": 1}, "transitions": [{"event": "audioComplete"}]}]}`

// firstRunLookup asks a URL that cannot resolve (.invalid never does).
const firstRunLookup = `{"description": "First-run lookup", "initial_state": "Trigger", "flags": {"allow_concurrent_calls": true}, "states": [
 {"name": "Trigger", "type": "trigger", "properties": {"offset": {"x": 0, "y": 0}},
  "transitions": [{"next": "lookup", "event": "incomingMessage"}, {"event": "incomingCall"}, {"event": "incomingRequest"}]},
 {"name": "lookup", "type": "make-http-request",
  "properties": {"offset": {"x": 0, "y": 200}, "method": "GET", "content_type": "application/json;charset=utf-8", "url": "https://orders.example.invalid/status"},
  "transitions": [{"next": "found", "event": "success"}, {"next": "sorry", "event": "failed"}]},
 {"name": "found", "type": "send-message",
  "properties": {"offset": {"x": 0, "y": 400}, "from": "{{flow.channel.address}}", "to": "{{contact.channel.address}}", "body": "Lookup answered {{widgets.lookup.status_code}}."},
  "transitions": [{"event": "sent"}, {"event": "failed"}]},
 {"name": "sorry", "type": "send-message",
  "properties": {"offset": {"x": 300, "y": 400}, "from": "{{flow.channel.address}}", "to": "{{contact.channel.address}}", "body": "Sorry, the lookup failed."},
  "transitions": [{"event": "sent"}, {"event": "failed"}]}]}`

// seedFlow stores one flow in the application's workspace and returns its SID.
func seedFlow(t *testing.T, name, def string) string {
	t.Helper()
	dir, err := wsstore.DefaultDir()
	if err != nil {
		t.Fatal(err)
	}
	store, err := wsstore.Open(dir, wsstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	cat, err := schemas.Load()
	if err != nil {
		t.Fatal(err)
	}
	val, err := schemas.NewValidator(cat)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := model.Parse([]byte(def)); err != nil {
		t.Fatalf("fixture %s: %v", name, err)
	}
	f, err := workspace.CreateFlow(store, val, name, []byte(def), "seeded", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return f.SID
}

// recordedRuns reads the executions the application recorded for sid and
// each one's steps as "from>to" (after the application quit).
func recordedRuns(t *testing.T, sid string) ([]wsstore.Execution, [][]string) {
	t.Helper()
	dir, err := wsstore.DefaultDir()
	if err != nil {
		t.Fatal(err)
	}
	store, err := wsstore.Open(dir, wsstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	execs, err := store.Executions(sid, time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	var paths [][]string
	for _, x := range execs {
		steps, err := store.Steps(sid, x.SID)
		if err != nil {
			t.Fatal(err)
		}
		var p []string
		for _, s := range steps {
			p = append(p, s.TransitionedFrom+">"+s.TransitionedTo)
		}
		paths = append(paths, p)
	}
	return execs, paths
}

// openWorkspaceFlow starts the editor, opens the only workspace flow from
// the Flows home and runs it in the simulator (Ctrl+R, Start); it returns
// the main window, its area and the Start button's centre.
func openWorkspaceFlow(t *testing.T, x *xserver, app *process, name string) (string, image.Rectangle, image.Point) {
	t.Helper()
	main := x.waitWindow(t, app, "Studioflow$")
	area := x.windowGeometry(t, main)
	x.focus(t, main, image.Pt(area.Dx()/2, area.Dy()-60))
	x.run(t, "xdotool", "key", "--clearmodifiers", "ctrl+shift+h")
	home := x.waitWindow(t, app, "^Flows")
	time.Sleep(300 * time.Millisecond) // the list draws
	row := flowsHomeRow(0)
	x.run(t, "xdotool", "mousemove", "--window", home, fmt.Sprint(row.X), fmt.Sprint(row.Y), "click", "--repeat", "2", "--delay", "80", "1")
	x.waitTitle(t, main, func(s string) bool { return strings.Contains(s, name+" (workspace)") })
	// Opening the flow brings the editor forward, over the Flows home.
	x.raise(t, main)
	x.focus(t, main, image.Pt(area.Dx()/2, area.Dy()-60))
	x.run(t, "xdotool", "key", "--clearmodifiers", "ctrl+r")
	var start image.Rectangle
	ok := false
	for range 40 {
		time.Sleep(250 * time.Millisecond)
		img := x.screenshot(t, "first-run-simulator-open")
		if start, ok = colourBlock(img, image.Rect(area.Max.X-160, area.Min.Y+60, area.Max.X, area.Min.Y+220), primaryColours()); ok {
			break
		}
	}
	if !ok {
		t.Fatalf("Ctrl+R did not show the simulator's Start button; output:\n%s", app.output.String())
	}
	centre := start.Min.Add(start.Size().Div(2)).Sub(area.Min)
	clickHovered(t, x, main, area, centre, "first-run-start")
	return main, area, centre
}

// clickHovered moves the pointer onto the primary-coloured button at at
// (window coordinates), waits until it shows hovered (so the window has
// seen the pointer arrive: a click in the same instant can be lost) and
// clicks it.
func clickHovered(t *testing.T, x *xserver, main string, area image.Rectangle, at image.Point, shot string) {
	t.Helper()
	x.run(t, "xdotool", "mousemove", "--window", main, fmt.Sprint(at.X), fmt.Sprint(at.Y))
	spot := image.Rectangle{Min: area.Min.Add(at).Sub(image.Pt(4, 4)), Max: area.Min.Add(at).Add(image.Pt(4, 4))}
	waitBlock(t, x, shot, spot, primaryColours(), true)
	x.run(t, "xdotool", "click", "1")
}

// waitBlock waits until a block of one of colours appears in r (in screen
// coordinates) and returns it; gone waits for it to disappear instead.
func waitBlock(t *testing.T, x *xserver, shot string, r image.Rectangle, colours []color.RGBA, gone bool) image.Rectangle {
	t.Helper()
	deadline := time.Now().Add(patience)
	for time.Now().Before(deadline) {
		img := x.screenshot(t, shot)
		b, ok := colourBlock(img, r, colours)
		if ok != gone {
			return b
		}
		time.Sleep(250 * time.Millisecond)
	}
	t.Fatalf("waited in vain for a block of %v in %v (gone=%v); see shots/e2e/%s.png", colours, r, gone, shot)
	return image.Rectangle{}
}

// quit closes the application with Ctrl+Q and waits for it to exit.
func quit(t *testing.T, x *xserver, app *process, main string, at image.Point) {
	t.Helper()
	x.focus(t, main, at)
	x.run(t, "xdotool", "key", "--clearmodifiers", "ctrl+q")
	if code := app.waitExit(t); code != 0 {
		t.Fatalf("studioflow exited with %d:\n%s", code, app.output.String())
	}
}

// A first call in the real binary: the simulator opens on the phone, the
// keypad's 1 reaches the gather (the virtual clock keeps it listening) and
// the call routes to sales; the run is recorded under the flow's own SID.
func TestFirstSimulatedCallKeypadDigitReachesTheGather(t *testing.T) {
	x := startXvfb(t)
	bin := buildStudioflow(t) // before isolatedConfig: it moves HOME, and with it Go's caches
	isolatedConfig(t)
	sid := seedFlow(t, "Sales line", firstRunIVR)
	app := x.start(t, bin, "edit")
	main, area, startAt := openWorkspaceFlow(t, x, app, "Sales line")

	// The call is live: the red Hang up button shows under the keypad.
	panel := image.Rect(area.Max.X-400, area.Min.Y+60, area.Max.X, area.Max.Y)
	hangup := waitBlock(t, x, "first-call-ringing", panel, dangerColours(), false)
	one := keypadKey(x.screenshot(t, "first-call-keypad"), hangup, 0, 0)
	x.focus(t, main, one.Sub(area.Min))
	// The call ends (sales says its line and hangs up): Hang up is disabled.
	waitBlock(t, x, "first-call-ended", panel, dangerColours(), true)
	quit(t, x, app, main, startAt)

	execs, paths := recordedRuns(t, sid)
	if len(execs) != 1 {
		t.Fatalf("%d executions recorded, want the one call", len(execs))
	}
	path := strings.Join(paths[0], " ")
	if !strings.Contains(path, "menu>route") || !strings.Contains(path, "route>sales") {
		t.Fatalf("the call took %s: the key did not reach the gather", path)
	}
	flow, _ := execs[0].Context["flow"].(map[string]any)
	if execs[0].FlowSID != sid || flow["flow_sid"] != sid {
		t.Errorf("the run ran as %s (flow.flow_sid %v), the workspace flow is %s", execs[0].FlowSID, flow["flow_sid"], sid)
	}
}

// A first messaging run in the real binary, offline: the HTTP widget's
// request cannot be made, the run stops and offers a canned answer under
// the status line; using it completes the run on the success path, and
// the next run uses it without asking.
func TestFirstSimulatedMessageOfflineHTTPOffersACannedAnswer(t *testing.T) {
	x := startXvfb(t)
	bin := buildStudioflow(t) // before isolatedConfig: it moves HOME, and with it Go's caches
	isolatedConfig(t)
	sid := seedFlow(t, "Order lookup", firstRunLookup)
	app := x.start(t, bin, "edit")
	main, area, startAt := openWorkspaceFlow(t, x, app, "Order lookup")

	// "Use this answer" is the blue button below the Start button.
	below := image.Rect(area.Max.X-400, area.Min.Y+startAt.Y+30, area.Max.X, area.Max.Y-40)
	use := waitBlock(t, x, "first-message-asks", below, primaryColours(), false)
	clickHovered(t, x, main, area, use.Min.Add(use.Size().Div(2)).Sub(area.Min), "first-message-use")
	// The pointer leaves the button (a hovered button is another blue), and
	// the answered run ends: the form goes away.
	x.run(t, "xdotool", "mousemove", "--window", main, "20", fmt.Sprint(area.Dy()-40))
	waitBlock(t, x, "first-message-answered", below, primaryColours(), true)

	// A second run: the answer is remembered, so it completes at once.
	clickHovered(t, x, main, area, startAt, "first-message-second-start")
	x.screenshot(t, "first-message-second-run")
	quit(t, x, app, main, startAt)

	execs, paths := recordedRuns(t, sid)
	if len(execs) != 2 {
		t.Fatalf("%d executions recorded, want 2; %v\n%s", len(execs), paths, app.output.String())
	}
	for i, p := range paths {
		if path := strings.Join(p, " "); !strings.Contains(path, "lookup>found") {
			t.Errorf("run %d took %s, not the canned answer's success path", i+1, path)
		}
		if execs[i].EndedKind != engine.EndCompleted {
			t.Errorf("run %d ended %s", i+1, execs[i].EndedKind)
		}
	}
}

// dangerColours is Fyne's error red, the Hang up button's colour.
func dangerColours() []color.RGBA {
	return []color.RGBA{{0xf4, 0x43, 0x36, 0xff}}
}

// keypadKey is the centre of the key at row, col of the dial pad, found
// from the Hang up button, which sits in the row below the pad at its
// right edge: rows are a button's height and the theme's padding apart
// (40 px at the default theme), and the pad's left edge is where the
// key colour (sampled on the pad's top right key) ends.
func keypadKey(img image.Image, hangup image.Rectangle, row, col int) image.Point {
	const pitch, half = 40, 18
	y := hangup.Min.Y - pitch*(4-row) + half
	right := hangup.Max.X
	keyColour := img.At(right-12, hangup.Min.Y-pitch*4+half-12)
	left, gap := right, 0
	for x := right - 12; x > 0 && gap < 40; x-- {
		if near(img.At(x, y), keyColour, 6) {
			left, gap = x, 0
		} else {
			gap++
		}
	}
	w := (right - left) / 3
	return image.Pt(left+w*col+w/2, y)
}

func near(a, b color.Color, tolerance int) bool {
	ar, ag, ab, _ := a.RGBA()
	br, bg, bb, _ := b.RGBA()
	return abs(int(ar>>8)-int(br>>8)) <= tolerance && abs(int(ag>>8)-int(bg>>8)) <= tolerance && abs(int(ab>>8)-int(bb>>8)) <= tolerance
}
