package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/ui/kbd"
)

const testSubflowSID = "FW0123456789abcdef0123456789abcdef"

// greeter is a subflow reading one parameter.
const greeter = `{
  "description": "Greeter",
  "states": [
    {
      "name": "Trigger",
      "type": "trigger",
      "transitions": [
        {
          "next": "remember",
          "event": "incomingParent"
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
      "name": "remember",
      "type": "set-variables",
      "transitions": [
        {
          "event": "next"
        }
      ],
      "properties": {
        "variables": [
          {
            "key": "greeting",
            "value": "Hello {{trigger.parent.parameters.name}}"
          }
        ],
        "offset": {
          "x": 0,
          "y": 200
        }
      }
    }
  ],
  "initial_state": "Trigger"
}
`

func TestRunSubflowPicksAFlowBesideItAndAddsTheParametersItReads(t *testing.T) {
	a := test.NewTempApp(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, testSubflowSID+".json"), []byte(greeter), 0o644); err != nil {
		t.Fatal(err)
	}
	// A file without an SID in its name cannot be found by the engine.
	if err := os.WriteFile(filepath.Join(dir, "notes.json"), []byte(greeter), 0o644); err != nil {
		t.Fatal(err)
	}
	f, names := flowWith(t, loadCatalog(t), "run-subflow")
	parent := filepath.Join(dir, "parent.json")
	if err := os.WriteFile(parent, f.Marshal(), 0o644); err != nil {
		t.Fatal(err)
	}
	e := newTestEditor(t, a, Options{Path: parent})
	e.selectWidgets(names)
	picker := findSelect(t, e, "Choose a flow")
	if len(picker.Options) != 1 || !strings.Contains(picker.Options[0], testSubflowSID) || !strings.Contains(picker.Options[0], "Greeter") {
		t.Fatalf("picker offers %v", picker.Options)
	}
	picker.SetSelected(picker.Options[0])
	s := e.doc.Flow().State(names[0])
	if got := s.StringProperty("flow_sid"); got != testSubflowSID {
		t.Fatalf("flow_sid %q", got)
	}
	findButton(t, e, "Add the parameters it reads").OnTapped()
	v, _ := e.doc.Flow().State(names[0]).Property("parameters")
	list, _ := v.([]any)
	if len(list) != 1 {
		t.Fatalf("parameters %v", model.MarshalCanonical(v))
	}
	if k, _ := list[0].(*model.Object).String("key"); k != "name" {
		t.Errorf("parameter %q added, want name", k)
	}
	// Twice adds nothing more.
	findButton(t, e, "Add the parameters it reads").OnTapped()
	v, _ = e.doc.Flow().State(names[0]).Property("parameters")
	if l, _ := v.([]any); len(l) != 1 {
		t.Errorf("%d parameters after adding again", len(l))
	}
}

func TestTheTriggerOfASubflowListsTheParametersItReads(t *testing.T) {
	a := test.NewTempApp(t)
	f, err := model.Parse([]byte(greeter))
	if err != nil {
		t.Fatal(err)
	}
	e := newTestEditor(t, a, Options{Flow: f})
	e.selectWidgets([]string{"Trigger"})
	found := false
	for _, o := range test.LaidOutObjects(e.inspector.Object()) {
		if m, ok := o.(*mutedLabel); ok && strings.Contains(m.seg.Text, "{{trigger.parent.parameters.name}}") {
			found = true
		}
	}
	if !found {
		t.Error("the Trigger does not show the parameter the subflow reads")
	}
}

func findSelect(t *testing.T, e *Editor, placeholder string) *kbd.Select {
	t.Helper()
	for _, o := range test.LaidOutObjects(e.inspector.Object()) {
		if s, ok := o.(*kbd.Select); ok && s.PlaceHolder == placeholder {
			return s
		}
	}
	t.Fatalf("no picker %q in the inspector", placeholder)
	return nil
}

func findButton(t *testing.T, e *Editor, text string) *kbd.Button {
	t.Helper()
	for _, o := range test.LaidOutObjects(e.inspector.Object()) {
		if b, ok := o.(*kbd.Button); ok && b.Text == text {
			return b
		}
	}
	t.Fatalf("no %q button in the inspector", text)
	return nil
}

// A flow not saved yet looks for subflows where the last flow file was
// (a subflow saved just before, say).
func TestAnUnsavedFlowOffersTheSubflowsBesideTheLastFileUsed(t *testing.T) {
	a := test.NewTempApp(t)
	dir := t.TempDir()
	sub := filepath.Join(dir, testSubflowSID+".json")
	if err := os.WriteFile(sub, []byte(greeter), 0o644); err != nil {
		t.Fatal(err)
	}
	e := newTestEditor(t, a, Options{Flow: model.NewBlankFlow()})
	if got := e.subflowChoices(); len(got) != 0 {
		t.Fatalf("choices %v before any file was used", got)
	}
	e.addRecent(sub)
	got := e.subflowChoices()
	if len(got) != 1 || got[0].SID != testSubflowSID {
		t.Errorf("choices %v, want the subflow saved beside the last file", got)
	}
}
