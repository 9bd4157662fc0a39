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
	extra int
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
