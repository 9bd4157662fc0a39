package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/ui/kbd"
)

// triggerStyles are flows whose Trigger lists some of the entry points, in
// the styles files come in: a real export ("next" first, unconnected ones
// left out), Studio's blank flow (event first, "next": null), and a file
// listing all five.
var triggerStyles = map[string]string{
	"export, message only": `{
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
        "offset": {
          "x": 0,
          "y": 240
        },
        "body": "Hi"
      }
    }
  ],
  "initial_state": "Trigger",
  "flags": {
    "allow_concurrent_calls": true
  }
}`,
	"blank flow, null style": string(model.NewBlankFlow().Marshal()),
	"all five": `{
  "description": "All five",
  "states": [
    {
      "name": "Trigger",
      "type": "trigger",
      "transitions": [
        {
          "event": "incomingMessage"
        },
        {
          "event": "incomingCall"
        },
        {
          "event": "incomingConversationMessage"
        },
        {
          "event": "incomingRequest"
        },
        {
          "event": "incomingParent"
        }
      ],
      "properties": {
        "offset": {
          "x": 0,
          "y": 0
        }
      }
    }
  ],
  "initial_state": "Trigger"
}`,
}

// Showing all five entry points is the editor's: opening a file, looking at
// its Trigger and saving it writes back the very bytes it had.
func TestAnUntouchedFileSavesByteIdenticalWhateverItsTriggerLists(t *testing.T) {
	a := test.NewTempApp(t)
	for name, text := range triggerStyles {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "flow.json")
			if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			e := newTestEditor(t, a, Options{Path: path})
			e.selectWidgets([]string{"Trigger"})
			if got := len(rowsUnder(e.inspector, "/transitions/")); got < 5 {
				t.Errorf("the Trigger's inspector offers %d entry points: %v", got, rowPaths(e.inspector))
			}
			e.selectWidgets(nil)
			out := filepath.Join(dir, "saved.json")
			if err := e.SaveTo(out); err != nil {
				t.Fatal(err)
			}
			saved, _ := os.ReadFile(out)
			if !bytes.Equal(saved, []byte(text)) {
				t.Errorf("saving the untouched flow changed it:\n%s", saved)
			}
		})
	}
}

func rowsUnder(in *Inspector, prefix string) []string {
	var out []string
	for _, p := range rowPaths(in) {
		if strings.HasPrefix(p, prefix) {
			out = append(out, p)
		}
	}
	return out
}

// Wiring an entry point the file lacks from the inspector writes it the
// way the file writes the others.
func TestWiringAMissingEntryPointFromTheInspectorKeepsTheFilesStyle(t *testing.T) {
	a := test.NewTempApp(t)
	cases := map[string]string{
		"export, message only":   "{\n          \"next\": \"reply\",\n          \"event\": \"incomingParent\"\n        }",
		"blank flow, null style": "{\n          \"event\": \"incomingParent\",\n          \"next\": \"say_play_1\"\n        }",
	}
	for name, want := range cases {
		t.Run(name, func(t *testing.T) {
			f, err := model.Parse([]byte(triggerStyles[name]))
			if err != nil {
				t.Fatal(err)
			}
			e := newTestEditor(t, a, Options{Flow: f})
			target := "reply"
			if f.State(target) == nil {
				e.addAtCenter("say-play")
				target = "say_play_1"
			}
			e.selectWidgets([]string{"Trigger"})
			e.inspector.field("/transitions/incomingParent").(*kbd.Select).SetSelected(target)
			if got := string(e.doc.Flow().Marshal()); !strings.Contains(got, want) {
				t.Errorf("Subflow transition not written as\n%s\nin\n%s", want, got)
			}
		})
	}
}
