package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/model"
)

func TestShowFlowJSONEditAndSaveReplacesTheFlowAsOneUndoStep(t *testing.T) {
	a := test.NewTempApp(t)
	f := readShared(t, astrology)
	original := string(f.Marshal())
	e := newTestEditor(t, a, Options{Flow: f})
	e.ShowFlowJSON()
	j := e.lastJSON
	if j.entry.Text != original {
		t.Fatal("Show Flow JSON does not show the canonical definition")
	}
	if !j.entry.TextStyle.Monospace {
		t.Error("the JSON is not in a monospace font")
	}
	test.Tap(dialogButton(t, e.win, "Copy"))
	if a.Clipboard().Content() != original {
		t.Error("Copy did not put the definition on the clipboard")
	}

	j.entry.SetText(strings.Replace(original, `"description": "Horoscope by text"`, `"description": "Astrology line"`, 1))
	test.Tap(dialogButton(t, e.win, "Apply"))
	if got := e.doc.Flow().Description(); got != "Astrology line" {
		t.Fatalf("description %q after Apply", got)
	}
	if !strings.Contains(j.status.Text, "Applied") {
		t.Errorf("status says %q", j.status.Text)
	}
	if !strings.Contains(e.win.Title(), "Astrology line") {
		t.Errorf("title %q does not follow the new description", e.win.Title())
	}
	e.Undo()
	if string(e.doc.Flow().Marshal()) != original {
		t.Error("one undo did not bring the original flow back")
	}
}

func TestShowFlowJSONSyntaxErrorPointsAtLineAndColumnAndAppliesNothing(t *testing.T) {
	a := test.NewTempApp(t)
	f := readShared(t, astrology)
	e := newTestEditor(t, a, Options{Flow: f})
	version := e.doc.Version()
	e.ShowFlowJSON()
	j := e.lastJSON
	lines := strings.Split(j.entry.Text, "\n")
	lines[2] = lines[2] + " oops"
	j.entry.SetText(strings.Join(lines, "\n"))
	if e.applyFlowJSON(j) {
		t.Fatal("malformed JSON was applied")
	}
	if e.doc.Version() != version {
		t.Error("the document changed")
	}
	if !strings.Contains(j.status.Text, "Line 3, column") {
		t.Errorf("status %q does not point at line 3", j.status.Text)
	}
	if j.entry.CursorRow != 2 {
		t.Errorf("cursor on row %d, want 2", j.entry.CursorRow)
	}

	j.entry.SetText(`{"description": "no states"}`)
	if e.applyFlowJSON(j) || e.doc.Version() != version {
		t.Error("a definition without states was applied")
	}
	if !strings.Contains(j.status.Text, "states") {
		t.Errorf("status %q does not say what is missing", j.status.Text)
	}
}

func TestImportAcceptsARESTFlowResourceAndLaysOutUnplacedWidgets(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{})
	e.ImportJSON()
	j := e.lastJSON
	j.entry.SetText(`{
  "sid": "FW00000000000000000000000000000000",
  "friendly_name": "Imported",
  "definition": {
    "description": "From the API",
    "states": [
      {"name": "Trigger", "type": "trigger", "transitions": [{"event": "incomingMessage", "next": "hello"}, {"event": "incomingCall"}, {"event": "incomingRequest"}], "properties": {}},
      {"name": "hello", "type": "send-message", "transitions": [{"event": "sent", "next": "bye"}, {"event": "failed"}], "properties": {"from": "{{flow.channel.address}}", "body": "Hi"}},
      {"name": "bye", "type": "send-message", "transitions": [{"event": "sent"}, {"event": "failed"}], "properties": {"from": "{{flow.channel.address}}", "body": "Bye"}}
    ],
    "initial_state": "Trigger",
    "flags": {"allow_concurrent_calls": true}
  },
  "status": "draft"
}`)
	test.Tap(dialogButton(t, e.win, "Import"))
	f := e.doc.Flow()
	if f.Len() != 3 || f.Description() != "From the API" {
		t.Fatalf("imported %d widgets, description %q", f.Len(), f.Description())
	}
	seen := map[model.Position]bool{}
	for _, s := range f.States() {
		x, y, ok := s.Offset()
		if !ok {
			t.Fatalf("%s has no position after import", s.Name())
		}
		seen[model.Position{X: x, Y: y}] = true
	}
	if len(seen) != 3 {
		t.Errorf("widgets share positions: %v", seen)
	}
	if !e.doc.Dirty() || e.Path() != "" {
		t.Error("an imported flow should be unsaved and without a file")
	}
}

func TestImportSyntaxErrorKeepsTheOpenFlow(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{})
	doc := e.doc
	e.ImportJSON()
	j := e.lastJSON
	j.entry.SetText("{\n  \"states\": [\n")
	if e.applyImport(j) || e.doc != doc {
		t.Fatal("malformed JSON was imported")
	}
	if !strings.Contains(j.status.Text, "Line 3") {
		t.Errorf("status %q", j.status.Text)
	}
}

// The summary after Save needs a whole-flow validation: it runs off the UI
// goroutine (the test drains what it posts, as fyne.Do would) and the
// status says the flow was applied meanwhile.
func TestShowFlowJSONSaveValidatesOffTheUIGoroutine(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{Flow: readShared(t, astrology)})
	e.live.sync = false
	e.ShowFlowJSON()
	j := e.lastJSON
	j.entry.SetText(`{"description": "Bare", "states": [{"name": "Trigger", "type": "trigger", "transitions": [], "properties": {"offset": {"x": 0, "y": 0}}}], "initial_state": "Trigger", "flags": {"allow_concurrent_calls": true}}`)
	test.Tap(dialogButton(t, e.win, "Apply"))
	if e.doc.Flow().Description() != "Bare" {
		t.Fatal("Apply did not apply the text")
	}
	if !strings.Contains(j.status.Text, "Applied") || strings.Contains(j.status.Text, "Problems") {
		t.Fatalf("right after Save the status says %q: the problems were counted on the UI goroutine", j.status.Text)
	}
	if !uiQueue(e).RunUntil(10*time.Second, func() bool { return strings.Contains(j.status.Text, "Problems") }) {
		t.Fatalf("no problem summary came; status %q", j.status.Text)
	}
	if !strings.Contains(j.status.Text, "1 warning") {
		t.Errorf("status %q, want the one warning of a trigger leading nowhere", j.status.Text)
	}
}
