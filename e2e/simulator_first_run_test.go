package e2e

import (
	"image"
	"strings"
	"testing"
	"time"

	"github.com/studioflow/studioflow/engine"
	wsstore "github.com/studioflow/studioflow/studio/workspace"
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

// recordedRuns reads the executions the application recorded for sid and
// each one's steps as "from>to" (after the application quit).
func recordedRuns(t *testing.T, x *xserver, sid string) ([]wsstore.Execution, [][]string) {
	t.Helper()
	store, err := wsstore.Open(x.workspaceDir(), wsstore.Options{})
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

// simulateWorkspaceFlow starts the application on a workspace holding one
// flow, opens it from the Flows home and opens the Simulator beside it
// (Ctrl+R); it returns the app, the main window and its title as the
// probe matches it.
func simulateWorkspaceFlow(t *testing.T, x *xserver, name, def string) (*app, string, string, string) {
	t.Helper()
	sid := seedFlow(t, x, name, def, time.Now())
	a, main, flows := openFlowsHome(t, x)
	a.click(t, flows, flowsTitle, name)
	a.click(t, flows, flowsTitle, "Open")
	title := name + " (workspace)"
	a.waitWindowTitled(t, title)
	// Opening the flow brought the editor forward; the shortcut only opens
	// the panel, so pressing it again is harmless.
	x.raise(t, main)
	area := x.windowGeometry(t, main)
	x.focus(t, main, image.Pt(area.Dx()/2, area.Dy()-60))
	a.until(t, "Ctrl+R opening the Simulator", func() (bool, string) {
		shown, _ := a.texts(t, title)
		if strings.Contains(shown, "Pick a trigger and press Start.") {
			return true, ""
		}
		x.run(t, "xdotool", "key", "--clearmodifiers", "ctrl+r")
		return false, shown
	})
	// A first run needs no setting: the virtual clock is on by default.
	if answer, _ := a.ask(t, "checked", title, "Virtual clock"); len(answer) < 2 || answer[1] != "true" {
		t.Fatalf("the simulator opens with the virtual clock %v", answer)
	}
	return a, main, title, sid
}

// quit closes the application with Ctrl+Q and waits for it to exit (the
// runs it recorded are then in the workspace).
func quit(t *testing.T, x *xserver, a *app, main string) {
	t.Helper()
	if code := x.quitWithKeys(t, a.process, main); code != 0 {
		t.Fatalf("studioflow exited with %d:\n%s", code, a.output.String())
	}
}

// A first call in the real binary: the simulator shows the phone, the
// keypad's 1 reaches the gather and the call routes to sales; after a
// second call's gather timed out, a key pressed says it was not heard and
// why. Both runs are recorded under the workspace flow's own SID.
func TestFirstSimulatedCallKeypadDigitReachesTheGather(t *testing.T) {
	t.Parallel()
	x := startXvfb(t)
	a, main, title, sid := simulateWorkspaceFlow(t, x, "Sales line", firstRunIVR)

	a.click(t, main, title, "Start")
	shown := a.waitText(t, title, "In call", "Waiting at menu", "Says: Press 1 for sales.", "Hang up")
	if strings.Contains(shown, "text the flow…") {
		t.Errorf("a call shows the message thread: %s", shown)
	}
	x.screenshot(t, "first-call-ringing")
	a.click(t, main, title, "1")
	a.waitText(t, title, "Call ended", "You pressed 1", "Says: Connecting you to sales.")
	x.screenshot(t, "first-call-ended")

	// The caller stays silent until the gather gives up; a key pressed then
	// is not dropped without a word.
	a.click(t, main, title, "Start")
	a.waitText(t, title, "Waiting at menu")
	a.click(t, main, title, "Fast-forward")
	a.waitText(t, title, "Call ended", "Says: Goodbye.")
	a.click(t, main, title, "5")
	a.waitText(t, title, "key 5 was not heard: menu stopped listening")
	x.screenshot(t, "first-call-key-not-heard")
	quit(t, x, a, main)

	execs, paths := recordedRuns(t, x, sid)
	if len(execs) != 2 {
		t.Fatalf("%d executions recorded, want the two calls: %v", len(execs), paths)
	}
	sales := 0
	for i, x := range execs {
		if strings.Contains(strings.Join(paths[i], " "), "route>sales") {
			sales++
		}
		flow, _ := x.Context["flow"].(map[string]any)
		if x.FlowSID != sid || flow["flow_sid"] != sid {
			t.Errorf("a run ran as %s (flow.flow_sid %v), the workspace flow is %s", x.FlowSID, flow["flow_sid"], sid)
		}
	}
	if sales != 1 {
		t.Fatalf("runs took %v: the key did not reach the gather once", paths)
	}
}

// A first messaging run in the real binary, offline: the HTTP widget's
// request cannot be made, the run stops and offers a canned answer under
// the status line; using it completes the run on the success path, and
// the next run uses it without asking.
func TestFirstSimulatedMessageOfflineHTTPOffersACannedAnswer(t *testing.T) {
	t.Parallel()
	x := startXvfb(t)
	a, main, title, sid := simulateWorkspaceFlow(t, x, "Order lookup", firstRunLookup)

	a.click(t, main, title, "Start")
	shown := a.waitText(t, title, "lookup could not make its request", "Use this answer", "Let it fail")
	if strings.Contains(shown, "Hang up") {
		t.Errorf("a messaging run shows the phone: %s", shown)
	}
	x.screenshot(t, "first-message-asks")
	a.click(t, main, title, "Use this answer")
	a.waitText(t, title, "Lookup answered 200.", "later runs use it too", "text the flow…")
	if _, hidden, _ := a.where(t, title, "text the flow…"); hidden {
		t.Error("the reply box is below the fold")
	}
	x.screenshot(t, "first-message-answered")

	a.click(t, main, title, "Start") // the answer is remembered: no question
	a.until(t, "the second run ending without asking", func() (bool, string) {
		shown, _ := a.texts(t, title)
		return strings.Contains(shown, "#2 Incoming Message") || (strings.Contains(shown, "Ended (completed)") && !strings.Contains(shown, "later runs use it too")), shown
	})
	x.screenshot(t, "first-message-second-run")
	quit(t, x, a, main)

	execs, paths := recordedRuns(t, x, sid)
	if len(execs) != 2 {
		t.Fatalf("%d executions recorded, want 2: %v", len(execs), paths)
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
