package model

import (
	"strings"
	"testing"
)

// exportStyle is a trigger as real exports write it: "next" first, left
// out when unconnected, and only the entry point the author used.
const exportStyle = `{
  "description": "Bot",
  "states": [
    {
      "name": "Trigger",
      "type": "trigger",
      "transitions": [
        {
          "next": "reply",
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
      "name": "reply",
      "type": "send-message",
      "transitions": [
        {
          "event": "sent"
        },
        {
          "event": "failed"
        }
      ],
      "properties": {
        "body": "hi"
      }
    }
  ],
  "initial_state": "Trigger",
  "flags": {
    "allow_concurrent_calls": true
  }
}
`

func mustParse(t *testing.T, text string) *Flow {
	t.Helper()
	f, err := Parse([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestConnectEventAddsTheMissingTriggerTransitionInTheFilesStyle(t *testing.T) {
	cases := []struct {
		name, flow, event string
		want              string
	}{
		{"export style: next first", exportStyle, "incomingParent",
			"{\n          \"next\": \"reply\",\n          \"event\": \"incomingParent\"\n        }"},
		{"blank-flow style: event first", strings.Replace(blankFlow, `"incomingRequest",
          "next": null`, `"incomingRequest",
          "next": "Trigger"`, 1), "incomingConversationMessage", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := mustParse(t, c.flow)
			if f.State("reply") == nil {
				// The blank flow has no widget to connect to: add one.
				d := NewDocument(f)
				if err := d.Apply(AddWidget(NewObject(Member{"name", "reply"}, Member{"type", "send-message"}), -1)); err != nil {
					t.Fatal(err)
				}
				f = d.Flow()
			}
			d := NewDocument(f)
			after := string(applyUndoRedo(t, d, ConnectEvent("Trigger", c.event, "reply")))
			if next, _ := d.Flow().Trigger().Next(c.event); next != "reply" {
				t.Fatalf("%s leads to %q", c.event, next)
			}
			want := c.want
			if want == "" {
				want = "{\n          \"event\": \"" + c.event + "\",\n          \"next\": \"reply\"\n        }"
			}
			if !strings.Contains(after, want) {
				t.Errorf("new transition not written as\n%s\nin\n%s", want, after)
			}
		})
	}
}

func TestConnectEventOnAnExistingTransitionOnlySetsItsNext(t *testing.T) {
	d := NewDocument(mustParse(t, exportStyle))
	applyUndoRedo(t, d, ConnectEvent("Trigger", "incomingMessage", ""))
	tr := d.Flow().Trigger()
	if tr.TransitionCount() != 1 {
		t.Fatalf("%d transitions, want the one there was", tr.TransitionCount())
	}
	if next, _ := tr.Next("incomingMessage"); next != "" {
		t.Errorf("still leads to %q", next)
	}
	if strings.Contains(string(d.Flow().Marshal()), "null") {
		t.Error("a file that leaves unconnected transitions out got a null")
	}
	if err := d.Apply(ConnectEvent("Trigger", "incomingCall", "nobody")); err == nil {
		t.Error("connecting to a widget that does not exist was accepted")
	}
}

func TestSetSplitInputRewritesEveryConditionsArgumentsInOneStep(t *testing.T) {
	f := mustParse(t, `{"states":[{"name":"Trigger","type":"trigger","transitions":[]},
{"name":"split","type":"split-based-on","properties":{"input":"{{widgets.gather_1.Digits}}"},"transitions":[
{"event":"noMatch"},
{"event":"match","conditions":[{"friendly_name":"If value equal_to 1","arguments":["{{widgets.gather_1.Digits}}"],"type":"equal_to","value":"1"}]},
{"event":"match","conditions":[{"friendly_name":"help","arguments":["{{widgets.other.Body}}"],"type":"contains","value":"help"}]}]}],
"initial_state":"Trigger"}`)
	d := NewDocument(f)
	after := string(applyUndoRedo(t, d, SetSplitInput("split", "{{trigger.message.Body}}")))
	if got := d.Flow().State("split").StringProperty("input"); got != "{{trigger.message.Body}}" {
		t.Errorf("input %q", got)
	}
	if n := strings.Count(after, `"{{trigger.message.Body}}"`); n != 3 {
		t.Errorf("the new variable appears %d times, want input + 2 conditions:\n%s", n, after)
	}
	if strings.Contains(after, "gather_1") || strings.Contains(after, "widgets.other") {
		t.Errorf("a condition still tests the old variable:\n%s", after)
	}
}
