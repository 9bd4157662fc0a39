package e2e

import (
	"strings"
	"testing"

	"github.com/studioflow/studioflow/model"
)

// Journey (a): from Ctrl+N, an SMS bot whose split on the message body
// routes "1" and "help" differently, built with the library's search and
// Enter, one wire drag, Find, and the inspector's fields by Tab.
func TestJourneySMSBotFromCtrlN(t *testing.T) {
	t.Parallel()
	x := startXvfb(t)
	bin := buildStudioflow(t)
	app, window := newFlowWindow(t, x, bin)
	x.screenshot(t, "journey-a-1-new-flow")

	app.addFromLibrary(t, window, "split")
	added := app.wireFromTrigger(t, window, "Incoming Message")
	x.key(t, "Escape")
	x.focus(t, window, added)
	x.screenshot(t, "journey-a-2-split-wired")

	// Two replies, each added below the one selected, its text typed in
	// the inspector (Enter in the library leaves the keyboard in the new
	// widget's name; Tab goes on to its Body).
	for _, body := range []string{"You chose one.", "Here is some help."} {
		app.addFromLibrary(t, window, "send message")
		x.key(t, "Tab", "ctrl+a")
		app.typeInto(t, body)
	}
	x.screenshot(t, "journey-a-3-replies")

	// The split: what it tests, and where each condition goes. Tab order
	// from the name: Variable to test, No Condition Matches, then per
	// condition its up/down/delete buttons, friendly name, operator,
	// value and target.
	x.findWidget(t, "split_1")
	x.key(t, "Tab", "ctrl+a")
	app.typeInto(t, "{{trigger.message.Body}}")
	x.tabs(t, 8) // condition 1's target
	x.rights(t, 1)
	x.tabs(t, 5) // condition 2's operator: Equal To → Contains
	x.rights(t, 7)
	x.key(t, "Tab", "ctrl+a")
	app.typeInto(t, "help")
	x.key(t, "Tab") // condition 2's target
	x.rights(t, 2)
	x.screenshot(t, "journey-a-4-split-edited")

	saved := x.saveAs(t, window, "sms-bot.json", "help")
	x.screenshot(t, "journey-a-5-saved")
	f, err := model.Parse([]byte(saved))
	if err != nil {
		t.Fatalf("saved file does not parse: %v", err)
	}
	split := f.State("split_1")
	if split == nil {
		t.Fatalf("no split_1 saved:\n%s", saved)
	}
	if got := split.StringProperty("input"); got != "{{trigger.message.Body}}" {
		t.Errorf("split tests %q", got)
	}
	if strings.Contains(saved, "gather_1") {
		t.Errorf("a condition still tests the default variable:\n%s", saved)
	}
	if !strings.Contains(saved, `"friendly_name": "If value contains help"`) {
		t.Errorf("condition 2's name did not follow its operator and value:\n%s", saved)
	}

	file := x.savedPath(t, "sms-bot.json")
	for _, c := range []struct{ body, via, says string }{
		{"1", "send_message_1", "You chose one."},
		{"I need HELP", "send_message_2", "Here is some help."},
		{"hello", "", ""},
	} {
		path, said := x.runFlow(t, bin, file, "--trigger", "incomingMessage", "--body", c.body)
		if c.via == "" {
			if strings.Contains(path, "send_message") {
				t.Errorf("%q went %s, want No Condition Matches", c.body, path)
			}
			continue
		}
		if !strings.Contains(path, "-> "+c.via) || !strings.Contains(said, c.says) {
			t.Errorf("%q went %s saying %q, want via %s saying %q", c.body, path, said, c.via, c.says)
		}
	}

	if code := x.quitWithKeys(t, app.process, window); code != 0 {
		t.Fatalf("exit code %d after Ctrl+Q; output:\n%s", code, app.output.String())
	}
}

// Journey (c): an IVR from Incoming Call with a gather and a split on its
// digits (the split's default Variable to test is gather_1's Digits).
func TestJourneyIVRWithAGatherAndASplitOnItsDigits(t *testing.T) {
	t.Parallel()
	x := startXvfb(t)
	bin := buildStudioflow(t)
	app, window := newFlowWindow(t, x, bin)

	app.addFromLibrary(t, window, "gather")
	x.tabs(t, 6) // Timeout, Finish on key, Stop gather, Number of digits, Save response as, Say
	x.key(t, "ctrl+a")
	app.typeInto(t, "Press 1 for sales or 2 for support.")
	added := app.wireFromTrigger(t, window, "Incoming Call")
	x.key(t, "Escape")
	x.focus(t, window, added)
	x.screenshot(t, "journey-c-1-gather-wired")

	app.addFromLibrary(t, window, "split")
	for _, text := range []string{"Connecting you to sales.", "Connecting you to support."} {
		app.addFromLibrary(t, window, "say")
		x.key(t, "Tab", "ctrl+a")
		app.typeInto(t, text)
	}

	// The split's conditions to the two messages; targets are offered as
	// (not connected), then the widgets by name.
	x.findWidget(t, "split_1")
	x.tabs(t, 9) // condition 1's target
	x.rights(t, 2)
	x.tabs(t, 7) // condition 2's target
	x.rights(t, 3)
	// The gather's User Pressed Keys to the split, by a wire: the port by
	// its label (the probe), the split by its purple header once the view
	// is still.
	// At zoom 1 the gather sits just above the view: one Zoom Out brings
	// it in, at 0.8. A click on the split's header gives the canvas the
	// keyboard (Find left it in the inspector), then Ctrl+- zooms out.
	before := x.settled(t, "journey-c-2-at-zoom-1")
	x.focus(t, window, header(t, before, canvasArea, flowPurple).Add(nameRowFromHeader))
	before = x.settled(t, "journey-c-2-split-clicked")
	x.key(t, "ctrl+minus")
	const zoom = 0.8
	img := x.changed(t, "journey-c-2-before-wire", before, canvasArea)
	split := header(t, img, canvasArea, flowPurple)
	x.drag(t, window, app.portAtZoom(t, "User Pressed Keys", zoom), split.Add(scaled(nameRowFromHeader, zoom)))
	x.screenshot(t, "journey-c-2-wired")

	saved := x.saveAs(t, window, "ivr.json", "support")
	x.screenshot(t, "journey-c-3-saved")
	if !strings.Contains(saved, "Press 1 for sales or 2 for support.") {
		t.Errorf("the gather's prompt was not saved:\n%s", saved)
	}
	file := x.savedPath(t, "ivr.json")
	for _, c := range []struct{ press, via, says string }{
		{"press 1", "say_play_1", "sales"},
		{"press 2", "say_play_2", "support"},
	} {
		path, said := x.runFlowWithInput(t, bin, file, c.press+"\n", "--trigger", "incomingCall")
		for _, hop := range []string{"-incomingCall-> gather_1", "-keypress-> split_1", "-> " + c.via} {
			if !strings.Contains(path, hop) {
				t.Errorf("%s: the run went %s, not %s", c.press, path, hop)
			}
		}
		if !strings.Contains(said, c.says) {
			t.Errorf("%s: the caller heard %q", c.press, said)
		}
	}
	if code := x.quitWithKeys(t, app.process, window); code != 0 {
		t.Fatalf("exit code %d after Ctrl+Q; output:\n%s", code, app.output.String())
	}
}

// subflowSID names the subflow's file, as the engine finds subflows.
const subflowSID = "FW00000000000000000000000000000b0b"

// Journey (b): a subflow with a parameter, wired from the Subflow entry
// point (which a new flow's file does not list), called from a parent
// flow's Run Subflow that picks it and fills in the parameter it reads.
func TestJourneySubflowWithAParameterCalledFromRunSubflow(t *testing.T) {
	t.Parallel()
	x := startXvfb(t)
	bin := buildStudioflow(t)
	app, window := newFlowWindow(t, x, bin)

	// The subflow: Subflow → a message greeting by the parameter.
	app.addFromLibrary(t, window, "send message")
	x.key(t, "Tab", "ctrl+a")
	app.typeInto(t, "Hello {{trigger.parent.parameters.name}}!")
	app.wireFromTrigger(t, window, "Subflow")
	x.screenshot(t, "journey-b-1-subflow")
	subText := x.saveAs(t, window, subflowSID+".json", "incomingParent")
	if !strings.Contains(subText, `"next": "send_message_1"`) {
		t.Errorf("the Subflow entry point is not wired in the saved subflow:\n%s", subText)
	}

	// The parent, from Ctrl+N: Incoming Message → Run Subflow.
	app.newFlow(t, window)
	app.addFromLibrary(t, window, "run subflow")
	x.key(t, "Tab")                 // the flow picker
	x.rights(t, 1)                  // its one choice: the subflow just saved
	x.key(t, "Tab", "Tab", "space") // past the SID to "Add the parameters it reads"
	x.screenshot(t, "journey-b-2-flow-chosen")
	// The parameter the subflow reads is now a row: its value.
	x.findWidget(t, "subflow_1")
	x.tabs(t, 7) // flow picker, SID, add button, revision, key, the row's remove button, value
	x.key(t, "ctrl+a")
	app.typeInto(t, "{{trigger.message.Body}}")
	x.screenshot(t, "journey-b-3-parameter")
	app.wireFromTrigger(t, window, "Incoming Message")
	x.screenshot(t, "journey-b-4-parent")
	parentText := x.saveAs(t, window, "parent.json", subflowSID)
	if !strings.Contains(parentText, `"key": "name"`) {
		t.Errorf("the parameter is not in the saved parent:\n%s", parentText)
	}

	path, said := x.runFlow(t, bin, x.savedPath(t, "parent.json"), "--trigger", "incomingMessage", "--body", "Ada")
	if !strings.Contains(path, "-incomingMessage-> subflow_1") || !strings.Contains(path, "completed") {
		t.Errorf("the parent went %s", path)
	}
	if !strings.Contains(said, "Hello Ada!") {
		t.Errorf("the subflow said %q, want it to greet Ada", said)
	}
	if code := x.quitWithKeys(t, app.process, window); code != 0 {
		t.Fatalf("exit code %d after Ctrl+Q; output:\n%s", code, app.output.String())
	}
}
