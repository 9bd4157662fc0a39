package e2e

import (
	"strings"
	"testing"
)

// twoMessagesFlow has two Send Message widgets side by side, neither naming
// the other, with the same body: the inspector of one never shows the
// other's name, and the body field is found by its text in either.
const twoMessagesFlow = `{"description":"Rename then click","states":[
{"name":"Trigger","type":"trigger","transitions":[{"next":"greet","event":"incomingMessage"},{"event":"incomingCall"},{"next":"farewell","event":"incomingRequest"}],"properties":{"offset":{"x":0,"y":0}}},
{"name":"greet","type":"send-message","transitions":[{"event":"sent"},{"event":"failed"}],"properties":{"offset":{"x":-250,"y":250},"service":"{{trigger.message.InstanceSid}}","channel":"{{trigger.message.ChannelSid}}","from":"{{flow.channel.address}}","to":"{{contact.channel.address}}","body":"Hi there"}},
{"name":"farewell","type":"send-message","transitions":[{"event":"sent"},{"event":"failed"}],"properties":{"offset":{"x":250,"y":250},"service":"{{trigger.message.InstanceSid}}","channel":"{{trigger.message.ChannelSid}}","from":"{{flow.channel.address}}","to":"{{contact.channel.address}}","body":"Hi there"}}
],"initial_state":"Trigger","flags":{"allow_concurrent_calls":true}}`

// A rename typed in the Name field is committed when the field loses the
// keyboard; the click on another widget that takes it must still select
// that widget, so what is typed next goes into it (a GUI review found the
// selection going back to the renamed widget).
func TestRenamingAWidgetThenClickingAnotherEditsTheOneClicked(t *testing.T) {
	t.Parallel()
	x := startXvfb(t)
	app, window, path := typeNewName(t, x, twoMessagesFlow, "rename.json", "Rename then click", "greet", "welcome")
	x.screenshot(t, "rename-click-2-name-typed")

	// The click on farewell ends the edit of the name: the rename is
	// committed (the flow has unsaved changes) and farewell is selected.
	app.click(t, window, "Studioflow", "farewell")
	x.waitTitle(t, window, func(s string) bool { return strings.HasPrefix(s, "● ") })
	x.still(t, "rename-click-3-other-clicked", screenArea)

	const text = "See you soon"
	app.typeOver(t, window, "Hi there", text)
	x.screenshot(t, "rename-click-4-body-typed")

	f, saved := x.saveOpenFile(t, window, path, text)
	x.screenshot(t, "rename-click-5-saved")
	renamed := f.State("welcome")
	if renamed == nil || f.State("greet") != nil {
		t.Fatalf("greet was not renamed welcome:\n%s", saved)
	}
	if got := renamed.StringProperty("body"); got != "Hi there" {
		t.Errorf("the renamed widget's body is %q, want it untouched", got)
	}
	clicked := f.State("farewell")
	if clicked == nil {
		t.Fatalf("no farewell saved:\n%s", saved)
	}
	if got := clicked.StringProperty("body"); got != text {
		t.Errorf("the clicked widget's body is %q, want %q (the keys went to the renamed widget)", got, text)
	}
	if next, _ := f.Trigger().Next("incomingMessage"); next != "welcome" {
		t.Errorf("the Trigger's Incoming Message goes to %q, want the new name", next)
	}

	if code := x.quitWithKeys(t, app.process, window); code != 0 {
		t.Fatalf("exit code %d after Ctrl+Q; output:\n%s", code, app.output.String())
	}
}
