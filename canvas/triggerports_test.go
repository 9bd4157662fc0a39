package canvas

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/model"
)

// onlyMessage is a flow whose Trigger lists one entry point, as a real
// export does ("next" first, unconnected transitions left out).
const onlyMessage = `{
  "description": "Only message",
  "states": [
    {
      "name": "Trigger",
      "type": "trigger",
      "transitions": [
        {
          "event": "incomingMessage"
        }
      ],
      "properties": {
        "offset": {
          "x": 0,
          "y": 0
        }
      }
    },
    {
      "name": "say",
      "type": "say-play",
      "transitions": [
        {
          "event": "audioComplete"
        }
      ],
      "properties": {
        "say": "Hello",
        "offset": {
          "x": 0,
          "y": 300
        }
      }
    }
  ],
  "initial_state": "Trigger",
  "flags": {
    "allow_concurrent_calls": true
  }
}
`

func portEvents(n *node) []string {
	var out []string
	for _, p := range n.ports {
		out = append(out, p.event)
	}
	return out
}

// studioOrder is the order of Studio's five entry points on the Trigger.
const studioOrder = "incomingMessage incomingCall incomingConversationMessage incomingRequest incomingParent"

func TestTheTriggerShowsAllFiveEntryPointsWhateverTheFileLists(t *testing.T) {
	test.NewTempApp(t)
	for name, f := range map[string]*model.Flow{"blank": model.NewBlankFlow(), "only message": mustParse(t, onlyMessage)} {
		e, _, _ := openEditor(t, f, editorSize)
		got := strings.Join(portEvents(nodeNamed(t, e, "Trigger")), " ")
		if got != studioOrder {
			t.Errorf("%s: the Trigger's ports are %s, want %s", name, got, studioOrder)
		}
	}
}

func TestWiringAnEntryPointTheFileLacksAddsItsTransition(t *testing.T) {
	test.NewTempApp(t)
	f := mustParse(t, onlyMessage)
	e, _, _ := openEditor(t, f, editorSize)
	before := e.doc.Flow().Marshal()
	trig := nodeNamed(t, e, "Trigger")
	call := -1
	for i, p := range trig.ports {
		if p.event == "incomingCall" {
			call = i
		}
	}
	if call < 0 {
		t.Fatal("no Incoming Call port")
	}
	drag(e, screenOf(e, trig.portAnchor(call)), center(e, nodeNamed(t, e, "say")), desktop.MouseButtonPrimary, 0)
	if next, _ := e.doc.Flow().Trigger().Next("incomingCall"); next != "say" {
		t.Fatalf("Incoming Call leads to %q, want say:\n%s", next, e.doc.Flow().Marshal())
	}
	if !strings.Contains(string(e.doc.Flow().Marshal()), "{\n          \"event\": \"incomingMessage\"\n        },\n        {\n          \"next\": \"say\",\n          \"event\": \"incomingCall\"\n        }") {
		t.Errorf("the new transition is not in the file's style:\n%s", e.doc.Flow().Marshal())
	}
	// The ports stay where they were: the wire starts at Incoming Call.
	trig = nodeNamed(t, e, "Trigger")
	if got := strings.Join(portEvents(trig), " "); got != studioOrder {
		t.Errorf("ports after wiring: %s", got)
	}
	if w := trig.ports[call].wire; w < 0 || e.graph.nodes[e.graph.wires[w].to].name != "say" {
		t.Error("no wire from the Incoming Call port")
	}
	undoRestores(t, e, before)
}

func TestSplitPortsUseStudiosWordsForAutomaticNames(t *testing.T) {
	test.NewTempApp(t)
	f := mustParse(t, `{"states":[{"name":"Trigger","type":"trigger","transitions":[]},
{"name":"split","type":"split-based-on","properties":{"input":"x"},"transitions":[
{"event":"noMatch"},
{"event":"match","conditions":[{"friendly_name":"If value does_not_match_any_of a,b","arguments":["x"],"type":"does_not_match_any_of","value":"a,b"}]},
{"event":"match","conditions":[{"friendly_name":"Wants help","arguments":["x"],"type":"contains","value":"help"}]}]}],
"initial_state":"Trigger"}`)
	e, _, _ := openEditor(t, f, editorSize)
	ports := nodeNamed(t, e, "split").ports
	if got := ports[1].label; got != "If value does not match any of a,b" {
		t.Errorf("automatic name shown as %q", got)
	}
	if got := ports[2].label; got != "Wants help" {
		t.Errorf("a typed name shown as %q", got)
	}
}

func mustParse(t *testing.T, text string) *model.Flow {
	t.Helper()
	f, err := model.Parse([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return f
}
