package simulator

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/model"
)

// lookupFunctionFlow texts the contact what a Run Function decided.
const lookupFunctionFlow = `{"description":"function","initial_state":"Trigger","flags":{"allow_concurrent_calls":true},"states":[
  {"name":"Trigger","type":"trigger","properties":{"offset":{"x":0,"y":0}},"transitions":[{"event":"incomingMessage","next":"lookup"}]},
  {"name":"lookup","type":"run-function","properties":{"url":"https://example-1234.twil.io/lookup","offset":{"x":0,"y":200}},"transitions":[{"event":"success","next":"found"},{"event":"fail","next":"sorry"}]},
  {"name":"found","type":"send-message","properties":{"from":"{{flow.channel.address}}","to":"{{contact.channel.address}}","body":"Found","offset":{"x":0,"y":400}},"transitions":[{"event":"sent"},{"event":"failed"}]},
  {"name":"sorry","type":"send-message","properties":{"from":"{{flow.channel.address}}","to":"{{contact.channel.address}}","body":"Sorry","offset":{"x":300,"y":400}},"transitions":[{"event":"sent"},{"event":"failed"}]}]}`

// Run Function is a Twilio product like the others: without a canned
// response the simulator offers its outcome buttons, and the one tapped is
// the event it takes.
func TestRunFunctionTakesTheOutcomeButtonTapped(t *testing.T) {
	f, err := model.Parse([]byte(lookupFunctionFlow))
	if err != nil {
		t.Fatal(err)
	}
	p, _, _ := newTestPanelFlow(t, f)
	startAs(t, p, engine.TriggerMessage)
	var labels []string
	buttons := outcomeButtons(p)
	for _, b := range buttons {
		labels = append(labels, b.Text)
	}
	if !slices.Equal(labels, []string{"success", "fail"}) {
		t.Fatalf("outcome buttons %v, want success, fail", labels)
	}
	test.Tap(buttons[1])
	settle(p)
	if got := stepTrail(p); !slices.Equal(got, []string{"Trigger:incomingMessage", "lookup:fail", "sorry:sent"}) {
		t.Fatalf("steps %v", got)
	}
	// No request was made, so Save as test records the choice, not a
	// response, and the test replays.
	path := filepath.Join(t.TempDir(), "function.yaml")
	if err := p.SaveTest(path); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	if !strings.Contains(string(data), "choose: fail") || strings.Contains(string(data), "status: 500") {
		t.Errorf("the saved test:\n%s", data)
	}
	replay(t, path)
}
