package probe

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// field extends widget.Entry, as the inspector's text fields do.
type field struct {
	widget.Entry
}

func newField() *field {
	f := &field{}
	f.ExtendBaseWidget(f)
	return f
}

func TestFocusedTellsTheTextOfAFieldExtendingEntry(t *testing.T) {
	a := test.NewApp()
	defer a.Quit()
	plain, extended := widget.NewEntry(), newField()
	plain.SetText("plain text")
	extended.SetText("Hello {{flow.data.name}}!")
	w := a.NewWindow("Probe window")
	w.SetContent(container.NewVBox(plain, extended))

	w.Canvas().Focus(plain)
	if got, want := Answer(a, "focused\tProbe window"), "focused\tplain text"; got != want {
		t.Errorf("plain entry focused: %q, want %q", got, want)
	}
	w.Canvas().Focus(extended)
	if got, want := Answer(a, "focused\tProbe window"), "focused\tHello {{flow.data.name}}!"; got != want {
		t.Errorf("extended entry focused: %q, want %q", got, want)
	}
}

// extendedLabel stands for a label type of the application (struct
// { widget.Label; … }).
type extendedLabel struct {
	widget.Label
}

type extendedButton struct{ widget.Button }

func TestTextsReadLabelsOfTypesExtendingLabel(t *testing.T) {
	l := &extendedLabel{}
	l.Text = "In call"
	l.ExtendBaseWidget(l)
	if got, ok := textOf(l); !ok || got != "In call" {
		t.Errorf("textOf an extended label = %q, %v", got, ok)
	}
	b := &extendedButton{}
	b.Text = "Start"
	b.ExtendBaseWidget(b)
	if got, ok := textOf(b); !ok || got != "Start" {
		t.Errorf("textOf an extended button = %q, %v", got, ok)
	}
	if _, ok := textOf(container.NewVBox()); ok {
		t.Error("a container has a text")
	}
}

func TestFocusboxTellsTheFocusedObjectsTypeAndBox(t *testing.T) {
	a := test.NewApp()
	defer a.Quit()
	check := widget.NewCheck("Virtual time", nil)
	w := a.NewWindow("Probe window")
	w.SetContent(container.NewVBox(widget.NewLabel("above"), check))
	w.Resize(fyne.NewSize(300, 200))
	if got := Answer(a, "focusbox\tProbe window"); !strings.HasPrefix(got, "error\t") {
		t.Errorf("nothing focused: %q", got)
	}
	w.Canvas().Focus(check)
	at := a.Driver().AbsolutePositionForObject(check)
	want := fmt.Sprintf("focusbox\t*widget.Check\t%d\t%d\t%d\t%d", int(at.X), int(at.Y), int(check.Size().Width), int(check.Size().Height))
	if got := Answer(a, "focusbox\tProbe window"); got != want {
		t.Errorf("check focused: %q, want %q", got, want)
	}
}

func TestBoxTellsWhereAFieldExtendingEntryIs(t *testing.T) {
	a := test.NewApp()
	defer a.Quit()
	extended := newField()
	extended.SetText("{{flow.variables.order}} is your order")
	w := a.NewWindow("Probe window")
	w.SetContent(container.NewVBox(widget.NewLabel("above"), extended))
	w.Resize(fyne.NewSize(400, 200))
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(extended)
	size := extended.Size()
	want := fmt.Sprintf("box\t%d\t%d\t%d\t%d", int(at.X), int(at.Y), int(size.Width), int(size.Height))
	if got := Answer(a, "box\tProbe window\t{{flow.variables.order}} is your order"); got != want {
		t.Errorf("box of the field: %q, want %q", got, want)
	}
	if got := Answer(a, "box\tProbe window\tnothing like it"); !strings.HasPrefix(got, "error\t") {
		t.Errorf("box of a text not shown: %q", got)
	}
}

// key extends widget.Button, as the simulator's dial pad keys do.
type key struct {
	widget.Button
}

func TestTextsWhereAndFocusedKnowAButtonExtendingButton(t *testing.T) {
	a := test.NewApp()
	defer a.Quit()
	k := &key{}
	k.Text = "#"
	k.ExtendBaseWidget(k)
	w := a.NewWindow("Probe window")
	w.SetContent(container.NewVBox(widget.NewLabel("above"), k))
	w.Resize(fyne.NewSize(200, 200))

	if got := Answer(a, "texts\tProbe window"); !strings.Contains(got, "\t#") {
		t.Errorf("texts %q lack the key's label", got)
	}
	if got := Answer(a, "where\tProbe window\t#"); !strings.HasPrefix(got, "at\t") {
		t.Errorf("where the key is: %q", got)
	}
	w.Canvas().Focus(k)
	if got, want := Answer(a, "focused\tProbe window"), "focused\t#"; got != want {
		t.Errorf("key focused: %q, want %q", got, want)
	}
}

func TestFocusedNamesTheTypeOfAnObjectShowingNoText(t *testing.T) {
	a := test.NewApp()
	defer a.Quit()
	list := widget.NewList(func() int { return 0 }, func() fyne.CanvasObject { return widget.NewLabel("") }, func(widget.ListItemID, fyne.CanvasObject) {})
	w := a.NewWindow("Probe window")
	w.SetContent(list)
	w.Canvas().Focus(list)
	if got, want := Answer(a, "focused\tProbe window"), "focused\t*widget.List"; got != want {
		t.Errorf("list focused: %q, want %q", got, want)
	}
}

// A request it does not know, or with the wrong number of fields, and one
// about a window that is not open, are answered with an error saying so;
// nothing focused, or no such check box, likewise.
func TestBadRequestsAreAnsweredWithAnError(t *testing.T) {
	a := test.NewApp()
	defer a.Quit()
	w := a.NewWindow("Probe window")
	w.SetContent(container.NewVBox(widget.NewCheck("Remember", nil)))
	for request, want := range map[string]string{
		"hello":                                "error\tunknown request hello",
		"texts":                                "error\tunknown request texts",
		"focused\tProbe window\textra":         "error\tunknown request focused Probe window extra",
		"where\tProbe window\tRemember\t1\t2":  "error\tunknown request where Probe window Remember 1 2",
		"windows\tProbe window":                "error\tunknown request windows Probe window",
		"texts\tNo such window":                "error\tno window titled No such window",
		"focusbox\tNo such window":             "error\tno window titled No such window",
		"focused\tProbe window":                "error\tnothing focused in Probe window",
		"focusbox\tProbe window":               "error\tnothing focused in Probe window",
		"checked\tProbe window\tForget":        "error\tno check box Forget in Probe window",
		"checked\tProbe window\tRemember":      "checked\tfalse",
		"where\tProbe window\tRemember\tfirst": "error\tnot a match number: first",
	} {
		if got := Answer(a, request); got != want {
			t.Errorf("%q answered %q, want %q", request, got, want)
		}
	}
}
