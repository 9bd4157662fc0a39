package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/model"
)

func TestPastedWidgetsThatClashGetFreshNamesAndTheirTransitionsFollow(t *testing.T) {
	a := test.NewTempApp(t)
	f := readShared(t, astrology)
	e := newTestEditor(t, a, Options{Flow: f})
	// ask_sign leads to split_sign, whose conditions read ask_sign's reply.
	e.selectWidgets([]string{"ask_sign", "split_sign"})
	e.Copy()
	clip := a.Clipboard().Content()
	if !strings.Contains(clip, `"states"`) || !strings.Contains(clip, `"name": "split_sign"`) {
		t.Fatalf("clipboard does not hold the widgets as Studio JSON:\n%.300s", clip)
	}
	before := e.doc.Flow().Len()
	e.Paste()
	after := e.doc.Flow()
	if after.Len() != before+2 {
		t.Fatalf("%d widgets after paste, want %d", after.Len(), before+2)
	}
	sel := e.canvas.Selection()
	if len(sel) != 2 {
		t.Fatalf("selection after paste: %v", sel)
	}
	var ask, split *model.State
	for _, n := range sel {
		s := after.State(n)
		switch s.Type() {
		case "send-and-wait-for-reply":
			ask = s
		case "split-based-on":
			split = s
		}
	}
	if ask == nil || split == nil || ask.Name() == "ask_sign" || split.Name() == "split_sign" {
		t.Fatalf("pasted names %v clash with the originals", sel)
	}
	if next, _ := ask.Next("incomingMessage"); next != split.Name() {
		t.Errorf("pasted %s leads to %q, want the pasted split %q", ask.Name(), next, split.Name())
	}
	if in := split.StringProperty("input"); !strings.Contains(in, "widgets."+ask.Name()+".") {
		t.Errorf("pasted split tests %q, want a reference to %s", in, ask.Name())
	}
	for _, tr := range split.Transitions() {
		if tr.Next != "" && after.State(tr.Next) != nil && tr.Next != ask.Name() && tr.Next != split.Name() {
			t.Errorf("pasted split keeps a transition to %s outside the pasted group", tr.Next)
		}
	}
	ox, oy, _ := after.State("ask_sign").Offset()
	px, py, _ := ask.Offset()
	if ox == px && oy == py {
		t.Error("the pasted widget sits exactly on the original")
	}
	e.Undo()
	if e.doc.Flow().Len() != before {
		t.Error("one undo did not remove the pasted widgets")
	}
}

func TestPasteAcceptsOneWidgetObjectFromATextEditor(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{})
	a.Clipboard().SetContent(`{"name": "Trigger", "type": "say-play", "transitions": [{"event": "audioComplete", "next": "elsewhere"}], "properties": {"say": "hi", "offset": {"x": 0, "y": 0}}}`)
	e.Paste()
	sel := e.canvas.Selection()
	if len(sel) != 1 || sel[0] == "Trigger" {
		t.Fatalf("pasted as %v", sel)
	}
	s := e.doc.Flow().State(sel[0])
	if next, _ := s.Next("audioComplete"); next != "" {
		t.Errorf("a transition to a widget that was not pasted kept %q", next)
	}
	if x, y, _ := s.Offset(); x == 0 && y == 0 {
		t.Error("pasted on top of the trigger")
	}
}

func TestCutRemovesTheSelectionButNeverTheTrigger(t *testing.T) {
	a := test.NewTempApp(t)
	f := readShared(t, astrology)
	e := newTestEditor(t, a, Options{Flow: f})
	before := e.doc.Flow().Len()
	e.selectWidgets([]string{"Trigger", "ask_sign"})
	e.Cut()
	if e.doc.Flow().State("ask_sign") != nil || e.doc.Flow().Trigger() == nil || e.doc.Flow().Len() != before-1 {
		t.Fatalf("after cut: %d widgets", e.doc.Flow().Len())
	}
	if !strings.Contains(a.Clipboard().Content(), "ask_sign") {
		t.Error("cut did not copy")
	}
	e.Duplicate() // nothing selected: nothing happens
	if e.doc.Flow().Len() != before-1 {
		t.Error("duplicate with an empty selection added widgets")
	}
}

func TestFindSearchesNamesTypesAndTextAndJumps(t *testing.T) {
	a := test.NewTempApp(t)
	f := readShared(t, astrology)
	e := newTestEditor(t, a, Options{Flow: f})
	e.Find()
	if e.win.Canvas().Focused() != e.finder.entry {
		t.Error("Find does not focus the search box")
	}
	e.finder.Search("send & wait")
	if len(e.finder.Matches()) == 0 || e.finder.Matches()[0].Where != "type" {
		t.Fatalf("type search: %v", e.finder.Matches())
	}
	e.finder.Search("widgets.ask_sign")
	var inProps bool
	for _, m := range e.finder.Matches() {
		inProps = inProps || strings.Contains(m.Text, "widgets.ask_sign")
	}
	if !inProps {
		t.Fatalf("Liquid search found %v", e.finder.Matches())
	}
	first := e.finder.Matches()[0]
	e.finder.list.Select(0)
	if e.inspector.Shown() != first.Widget {
		t.Errorf("jumping to %s shows %q", first.Widget, e.inspector.Shown())
	}
}

func TestPasteOfTextThatIsNotStudioJSONSaysWhy(t *testing.T) {
	for text, want := range map[string]string{
		"hello":                     "does not hold Studio JSON",
		`{"description": "x"}`:      "no widgets",
		`{"states": [1]}`:           "not a JSON object",
		`[{"type": "say-play"}]`:    "has no name",
		strings.Repeat(" ", 11<<20): "more than a flow may",
	} {
		if _, err := pastedWidgets([]byte(text)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("pasting %.30q: %v, want an error saying %q", text, err, want)
		}
	}
}
