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
