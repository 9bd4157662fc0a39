package kbd

import (
	"image/color"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	fynecanvas "fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Text is a dialog's message: wrapped, wide enough that a sentence reads on
// one or two lines.
func Text(text string) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	spacer := fynecanvas.NewRectangle(color.Transparent)
	spacer.SetMinSize(fyne.NewSize(420, 1))
	return container.NewVBox(spacer, l)
}

// ShowMessage shows a message with an OK button.
func ShowMessage(win fyne.Window, title, text string) *Dialog {
	d := NewMessage(title, "OK", Text(text), win)
	d.Show()
	return d
}

// ShowError shows err with an error icon and an OK button.
func ShowError(err error, win fyne.Window) *Dialog {
	msg := err.Error()
	if r, n := utf8.DecodeRuneInString(msg); n > 0 {
		msg = string(unicode.ToUpper(r)) + msg[n:]
	}
	d := NewMessage("Error", "OK", Text(strings.TrimSpace(msg)), win)
	d.SetIcon(theme.ErrorIcon())
	d.Show()
	return d
}

// ShowConfirm asks a yes-or-no question (Yes, No; Escape is No).
func ShowConfirm(title, message string, callback func(bool), win fyne.Window) *Dialog {
	d := NewConfirm(title, Text(message), "Yes", "No", callback, win)
	d.SetIcon(theme.QuestionIcon())
	d.Show()
	return d
}

// Form is a dialog of form items: its confirm button is enabled while the
// items validate, and Submit (Enter in a field set up with SubmitOnEnter)
// presses it.
type Form struct {
	*Dialog
	form    *widget.Form
	confirm *Button
}

// NewForm returns a form dialog: dismiss closes it with callback(false)
// (as Escape does), confirm with callback(true) once the items validate.
func NewForm(title, confirm, dismiss string, items []*widget.FormItem, callback func(bool), win fyne.Window) *Form {
	// The form takes the keyboard into its first field, and Fyne's entry
	// keeps a problem to itself while it has the keyboard: the confirm
	// button would stay enabled for text that does not validate.
	for _, it := range items {
		switch e := it.Widget.(type) {
		case *Entry:
			e.AlwaysShowValidationError = true
		case *widget.Entry:
			e.AlwaysShowValidationError = true
		}
	}
	form := widget.NewForm(items...)
	d := New(title, form, win)
	d.callback = callback
	f := &Form{Dialog: d, form: form}
	f.confirm = NewButtonWithIcon(confirm, theme.ConfirmIcon(), f.Submit)
	f.confirm.Importance = widget.HighImportance
	d.SetDismiss(NewButtonWithIcon(dismiss, theme.CancelIcon(), nil))
	d.SetButtons(d.dismiss, f.confirm)
	f.validated(form.Validate())
	form.SetOnValidationChanged(f.validated)
	return f
}

func (f *Form) validated(err error) {
	if err != nil {
		f.confirm.Disable()
		return
	}
	f.confirm.Enable()
}

// Submit closes the form with callback(true) when its items validate.
func (f *Form) Submit() {
	if f.confirm.Disabled() || f.form.Validate() != nil {
		return
	}
	f.Confirm()
}

// ConfirmButton is the form's confirm button.
func (f *Form) ConfirmButton() *Button { return f.confirm }

// SubmitOnEnter makes Return in the form's single-line fields submit it.
func (f *Form) SubmitOnEnter(fields ...*Entry) {
	for _, e := range fields {
		e.OnSubmitted = func(string) { f.Submit() }
	}
}
