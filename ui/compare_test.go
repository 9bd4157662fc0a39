package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/model"
)

const compareOld = `{"states":[
{"name":"Trigger","type":"trigger","transitions":[{"event":"incomingMessage","next":"hello"}],"properties":{"offset":{"x":0,"y":0}}},
{"name":"hello","type":"send-message","transitions":[{"event":"sent","next":"bye"},{"event":"failed"}],"properties":{"offset":{"x":0,"y":200},"body":"Hello"}},
{"name":"bye","type":"send-message","transitions":[{"event":"sent"},{"event":"failed"}],"properties":{"offset":{"x":0,"y":400},"body":"Bye"}},
{"name":"old_note","type":"send-message","transitions":[{"event":"sent"},{"event":"failed"}],"properties":{"offset":{"x":400,"y":400},"body":"Gone soon"}}
],"initial_state":"Trigger","flags":{"allow_concurrent_calls":true}}`

func parseFlow(t *testing.T, s string) *model.Flow {
	t.Helper()
	f, err := model.Parse([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestCompareWindowStepsThroughChanges(t *testing.T) {
	a := test.NewTempApp(t)
	old := parseFlow(t, compareOld)
	nw := parseFlow(t, strings.NewReplacer(`"body":"Hello"`, `"body":"Hello there"`,
		`,
{"name":"old_note","type":"send-message","transitions":[{"event":"sent"},{"event":"failed"}],"properties":{"offset":{"x":400,"y":400},"body":"Gone soon"}}`, "",
		`{"event":"sent","next":"bye"}`, `{"event":"sent"}`).Replace(compareOld))
	c := NewCompare(a, loadCatalog(t), old, nw, "a.json", "b.json")
	c.Window().Resize(fyne.NewSize(1200, 800))
	marks := c.Marks()
	if len(marks) != 2 || marks[0].Widget != "hello" || marks[1].Widget != "old_note" {
		t.Fatalf("marks = %+v", marks)
	}
	if title := c.Window().Title(); !strings.Contains(title, "change 1 of 2 (hello changed)") {
		t.Errorf("title = %q", title)
	}
	if !strings.Contains(c.detail.Text, `body: "Hello" → "Hello there"`) || !strings.Contains(c.detail.Text, "rewired: hello --sent--> bye  became  … --> (nothing)") {
		t.Errorf("detail = %q", c.detail.Text)
	}
	if sel := c.view.Selection(); len(sel) != 1 || sel[0] != "hello" {
		t.Errorf("selection = %v", sel)
	}
	// The ghost of the removed widget is on the canvas.
	c.Window().Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyRight})
	if c.Current() != 1 || !strings.Contains(c.Window().Title(), "change 2 of 2 (old_note removed)") {
		t.Errorf("after next: %d, %q", c.Current(), c.Window().Title())
	}
	if sel := c.view.Selection(); len(sel) != 1 || sel[0] != "old_note" {
		t.Errorf("the ghost is not selectable: %v", sel)
	}
	c.Next() // wraps round
	if c.Current() != 0 {
		t.Errorf("next from the last = %d", c.Current())
	}
	c.Previous()
	if c.Current() != 1 {
		t.Errorf("previous from the first = %d", c.Current())
	}
	// Selecting a changed widget shows its change.
	c.view.SetSelection([]string{"hello"})
	if c.view.OnSelectionChanged != nil {
		c.view.OnSelectionChanged([]string{"hello"})
	}
	if c.Current() != 0 {
		t.Errorf("selecting hello shows change %d", c.Current())
	}
}

func TestCompareSameFlows(t *testing.T) {
	a := test.NewTempApp(t)
	f := parseFlow(t, compareOld)
	c := NewCompare(a, loadCatalog(t), f, f.Clone(), "a", "b")
	if len(c.Marks()) != 0 || !strings.Contains(c.Window().Title(), "no differences") {
		t.Errorf("marks %d, title %q", len(c.Marks()), c.Window().Title())
	}
	c.Next()
	c.Previous()
}

func TestChangeLinesAreOneChangeEach(t *testing.T) {
	text := "widgets changed:\n  menu (gather-input-on-call, was main)\n    timeout: 5 → 8\n    rewired: menu --keypress--> a  became  … --> b\nwidgets moved (layout only):\n  menu: (0, 0) → (1, 0)"
	got := strings.Join(changeLines(text), "|")
	want := "timeout: 5 → 8|rewired: menu --keypress--> a  became  … --> b|widgets moved (layout only): menu: (0, 0) → (1, 0)"
	if got != want {
		t.Errorf("lines = %q\nwant    %q", got, want)
	}
}
