package e2e

import (
	"strings"
	"testing"
)

// greetThenFarewellFlow: the Trigger's Incoming Message goes to greet,
// whose Sent goes to farewell.
const greetThenFarewellFlow = `{"description":"Rename then save","states":[
{"name":"Trigger","type":"trigger","transitions":[{"next":"greet","event":"incomingMessage"},{"event":"incomingCall"},{"event":"incomingRequest"}],"properties":{"offset":{"x":0,"y":0}}},
{"name":"greet","type":"send-message","transitions":[{"next":"farewell","event":"sent"},{"event":"failed"}],"properties":{"offset":{"x":0,"y":250},"service":"{{trigger.message.InstanceSid}}","channel":"{{trigger.message.ChannelSid}}","from":"{{flow.channel.address}}","to":"{{contact.channel.address}}","body":"Hi there"}},
{"name":"farewell","type":"send-message","transitions":[{"event":"sent"},{"event":"failed"}],"properties":{"offset":{"x":0,"y":500},"service":"{{trigger.message.InstanceSid}}","channel":"{{trigger.message.ChannelSid}}","from":"{{flow.channel.address}}","to":"{{contact.channel.address}}","body":"Bye"}}
],"initial_state":"Trigger","flags":{"allow_concurrent_calls":true}}`

// A name typed into the Name field renames the widget when the field is
// left; Ctrl+S pressed with the keyboard still in the field must save the
// new name too (it saved the old one, and left the flow marked saved).
func TestCtrlSInTheNameFieldSavesTheRename(t *testing.T) {
	t.Parallel()
	x := startXvfb(t)
	app, window, path := typeNewName(t, x, greetThenFarewellFlow, "save.json", "Rename then save", "greet", "welcome")
	// A valid name typed is an unsaved change, as text typed into any other
	// field is.
	x.waitTitle(t, window, func(s string) bool { return strings.HasPrefix(s, "● ") })
	x.screenshot(t, "rename-save-2-name-typed")

	f, saved := x.saveOpenFile(t, window, path, `"welcome"`)
	x.still(t, "rename-save-3-saved", screenArea)
	renamed := f.State("welcome")
	if renamed == nil || f.State("greet") != nil {
		t.Fatalf("greet was not saved renamed welcome:\n%s", saved)
	}
	if next, _ := f.Trigger().Next("incomingMessage"); next != "welcome" {
		t.Errorf("the Trigger's Incoming Message goes to %q, want the new name", next)
	}
	if next, _ := renamed.Next("sent"); next != "farewell" {
		t.Errorf("welcome's Sent goes to %q, want farewell", next)
	}
	// The keyboard stays in the Name field, which shows the new name.
	if answer, ok := app.ask(t, "focused", "Studioflow"); !ok || len(answer) < 2 || answer[1] != "welcome" {
		t.Errorf("after Ctrl+S the keyboard is on %v, want the Name field showing welcome", answer)
	}

	if code := x.quitWithKeys(t, app.process, window); code != 0 {
		t.Fatalf("exit code %d after Ctrl+Q (it should not ask: all is saved); output:\n%s", code, app.output.String())
	}
}
