package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/ui/kbd"
)

// chooseMatch chooses the Find result in that widget's field, as a click on
// its row does.
func chooseMatch(t *testing.T, e *Editor, widget, where string) {
	t.Helper()
	for i, m := range e.finder.Matches() {
		if m.Widget == widget && m.Where == where {
			e.finder.list.Select(i)
			return
		}
	}
	t.Fatalf("no match in %s · %s among %v", widget, where, e.finder.Matches())
}

// assertFocusedInView fails unless the inspector shows widget with the
// keyboard in its field at path, scrolled into view.
func assertFocusedInView(t *testing.T, e *Editor, widget, path string) {
	t.Helper()
	if e.inspector.Shown() != widget {
		t.Fatalf("the inspector shows %q, want %s", e.inspector.Shown(), widget)
	}
	f := e.inspector.field(path)
	if f == nil || e.win.Canvas().Focused() != f {
		t.Fatalf("the keyboard is in a %T, want the field at %s", e.win.Canvas().Focused(), path)
	}
	s := e.inspector.scroll
	o := f.(fyne.CanvasObject)
	at, ok := kbd.PositionIn(s.Content, o)
	if !ok || at.Y < s.Offset.Y || at.Y+o.Size().Height > s.Offset.Y+s.Size().Height {
		t.Errorf("the field at %s (y %v to %v) is out of view (%v to %v)", path, at.Y, at.Y+o.Size().Height, s.Offset.Y, s.Offset.Y+s.Size().Height)
	}
}

func TestFindGoesToTheFieldThatMatched(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{Flow: readShared(t, astrology)})
	e.Find()
	e.finder.Search("one moment")
	chooseMatch(t, e, "send_waiting", "body")
	assertFocusedInView(t, e, "send_waiting", "/properties/body")

	// A split's condition sits in a card, below the fold of a short window.
	e.win.Resize(fyne.NewSize(1280, 560))
	e.finder.Search("sagittarius")
	chooseMatch(t, e, "split_sign", "transitions[1].conditions[0].value")
	assertFocusedInView(t, e, "split_sign", "/transitions/1/conditions/0/value")

	e.finder.Search("split_see")
	chooseMatch(t, e, "split_see_match", "name")
	assertFocusedInView(t, e, "split_see_match", "/name")
}

func TestChoosingTheSameFindResultAgainGoesThereAgain(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{Flow: readShared(t, astrology)})
	e.Find()
	e.finder.Search("one moment")
	chooseMatch(t, e, "send_waiting", "body")
	// The person moves elsewhere, then clicks the same result.
	e.selectWidgets([]string{"ask_sign"})
	e.win.Canvas().Focus(e.finder.entry)
	chooseMatch(t, e, "send_waiting", "body")
	assertFocusedInView(t, e, "send_waiting", "/properties/body")
}
