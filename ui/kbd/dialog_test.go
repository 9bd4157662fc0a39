package kbd

import (
	"errors"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// behind is a window whose content has a field and whose key handler
// records what reaches it.
func behind(t *testing.T) (fyne.Window, *widget.Entry, *[]fyne.KeyName) {
	t.Helper()
	a := test.NewTempApp(t)
	w := a.NewWindow("behind")
	field := widget.NewEntry()
	w.SetContent(container.NewVBox(field, widget.NewLabel("below")))
	w.Resize(fyne.NewSize(800, 600))
	heard := &[]fyne.KeyName{}
	w.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) { *heard = append(*heard, ev.Name) })
	w.Canvas().Focus(field)
	return w, field, heard
}

// A question takes the keyboard on its harmless answer; while it is up no
// key reaches the window behind it; Escape closes it answering no, and the
// window's keys are its own again.
func TestAConfirmTakesTheKeysAndEscapeClosesItWithoutApplying(t *testing.T) {
	w, field, heard := behind(t)
	var answers []bool
	d := NewConfirm("Delete?", Text("It cannot be undone."), "Delete", "Keep", func(ok bool) { answers = append(answers, ok) }, w)
	d.Show()
	c := w.Canvas()
	if c.Focused() != d.Buttons()[0] || d.Buttons()[0].Text != "Keep" {
		t.Fatalf("the question put the keyboard on %T, want Keep", c.Focused())
	}
	// Space on a button that does not close the dialog, typed keys: none
	// reaches the field or the window behind.
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF6})
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeySpace})
	if len(*heard) != 0 || field.Text != "" {
		t.Fatalf("keys reached what is behind the dialog: window heard %v, field %q", *heard, field.Text)
	}
	// Escape from the focused button: the dialog's, through the window.
	d.Buttons()[0].TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if d.Shown() || c.Overlays().Top() != nil {
		t.Fatal("Escape did not close the question")
	}
	if len(answers) != 1 || answers[0] {
		t.Fatalf("Escape answered %v, want one no", answers)
	}
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF6})
	if len(*heard) != 1 {
		t.Fatalf("after the dialog the window heard %v, want F6", *heard)
	}

	// Confirm from the keyboard answers yes, once.
	d.Show()
	yes := d.Buttons()[1]
	c.Focus(yes)
	yes.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if d.Shown() || len(answers) != 2 || !answers[1] {
		t.Fatalf("Enter on Delete: shown=%v answers %v", d.Shown(), answers)
	}
}

// A form takes the keyboard into its first field; Escape typed there
// closes it applying nothing; Return submits it only when it validates.
func TestAFormTakesTheKeyboardAndEscapeInAFieldClosesIt(t *testing.T) {
	w, _, _ := behind(t)
	name := NewEntry()
	name.Validator = func(s string) error {
		if s == "" {
			return errors.New("a name is needed")
		}
		return nil
	}
	var answers []bool
	f := NewForm("Rename", "Rename", "Cancel", []*widget.FormItem{widget.NewFormItem("Name", name)}, func(ok bool) { answers = append(answers, ok) }, w)
	f.SubmitOnEnter(name)
	f.Show()
	c := w.Canvas()
	if c.Focused() != name {
		t.Fatalf("the form put the keyboard on %T, want its field", c.Focused())
	}
	name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if f.Shown() || len(answers) != 1 || answers[0] {
		t.Fatalf("Escape in the field: shown=%v answers %v", f.Shown(), answers)
	}

	f.Show()
	name.SetText("")
	if !f.ConfirmButton().Disabled() {
		t.Error("Rename is enabled with a blank name typed in the focused field")
	}
	name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if !f.Shown() || len(answers) != 1 {
		t.Fatalf("Return on a blank name: shown=%v answers %v", f.Shown(), answers)
	}
	test.Type(name, "Reminders")
	name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if f.Shown() || len(answers) != 2 || !answers[1] {
		t.Fatalf("Return on a name: shown=%v answers %v", f.Shown(), answers)
	}
}

// A dialog's button that does not close it keeps the keyboard when
// pressed, and the focus ring is drawn around it, over the dialog, not
// under it in the window's layer.
func TestTheRingIsDrawnAroundAFocusedButtonInADialog(t *testing.T) {
	w, field, _ := behind(t)
	ring := Install(w)
	c := w.Canvas()
	c.Focus(field)
	ring.Track()
	if _, _, shown := ring.Shown(); !shown {
		t.Fatal("no ring around the window's field")
	}
	copies := 0
	d := New("Flow JSON", widget.NewLabel("{}"), w)
	closeBtn := NewButton("Close", nil)
	d.SetDismiss(closeBtn)
	copyBtn := NewButton("Copy", func() { copies++ })
	d.SetButtons(closeBtn, copyBtn)
	d.Show()
	c.Focus(copyBtn)
	copyBtn.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if copies != 1 || c.Focused() != copyBtn {
		t.Fatalf("Space on Copy: %d copies, keyboard on %T", copies, c.Focused())
	}
	ring.Track()
	pos, size, shown := ring.Shown()
	if !shown {
		t.Fatal("no ring around the dialog's focused button")
	}
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(copyBtn)
	want, wantSize := at.SubtractXY(Gap, Gap), copyBtn.Size().AddWidthHeight(2*Gap, 2*Gap)
	if pos != want || size != wantSize {
		t.Errorf("ring at %v %v, want %v %v around Copy", pos, size, want, wantSize)
	}
	if ring.main.rect.Visible() {
		t.Error("the window's own ring (under the dialog) is still drawn")
	}
	if ring.layer == ring.main || PathTo(c.Overlays().Top(), ring.layer) == nil {
		t.Error("the ring is not drawn on the dialog's layer")
	}

	// Closed, the ring goes back to the window's field.
	copyBtn.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	c.Focus(field)
	ring.Track()
	if _, _, shown := ring.Shown(); !shown || !ring.main.rect.Visible() {
		t.Error("after the dialog the ring is not back in the window")
	}
}

// A dialog holding the keyboard itself (a progress with only Cancel): no
// control of it and nothing behind it has the keys; Space and Enter do
// nothing, Escape closes it.
func TestADialogHoldingTheKeyboardIgnoresEnterAndClosesOnEscape(t *testing.T) {
	w, field, heard := behind(t)
	canceled := 0
	d := NewMessage("Working", "Cancel", Text("Please wait."), w)
	d.SetOnClosed(func() { canceled++ })
	d.HoldKeyboard()
	d.Show()
	c := w.Canvas()
	if f := c.Focused(); f != nil {
		t.Fatalf("the keyboard is on %T, want the dialog itself", f)
	}
	for _, k := range []fyne.KeyName{fyne.KeySpace, fyne.KeyReturn, fyne.KeyEnter, fyne.KeyF6} {
		c.OnTypedKey()(&fyne.KeyEvent{Name: k})
	}
	if !d.Shown() || canceled != 0 {
		t.Fatalf("Space or Enter closed the dialog (shown %v, closed %d times)", d.Shown(), canceled)
	}
	if len(*heard) != 0 || field.Text != "" {
		t.Fatalf("keys reached what is behind the dialog: window heard %v, field %q", *heard, field.Text)
	}
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if d.Shown() || canceled != 1 {
		t.Fatalf("Escape: shown %v, closed %d times", d.Shown(), canceled)
	}
}

// A question names its answers by role, not by their place in the row.
func TestAConfirmNamesItsConfirmAndDismissButtons(t *testing.T) {
	w, _, _ := behind(t)
	q := NewConfirm("Delete?", Text("It cannot be undone."), "Delete", "Keep", func(bool) {}, w)
	if q.ConfirmButton() == nil || q.ConfirmButton().Text != "Delete" || q.DismissButton() == nil || q.DismissButton().Text != "Keep" {
		t.Fatalf("confirm %v, dismiss %v", q.ConfirmButton(), q.DismissButton())
	}
	m := NewMessage("Done", "OK", Text("Saved."), w)
	if m.ConfirmButton() != nil || m.DismissButton() == nil || m.DismissButton().Text != "OK" {
		t.Fatalf("a message: confirm %v, dismiss %v", m.ConfirmButton(), m.DismissButton())
	}
}
