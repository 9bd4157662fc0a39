package kbd

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/ui/drawn"
)

// Dialog is the only dialog the user interface makes: Fyne's custom dialog
// with Buttons (which keep the keyboard), a focus ring of its own, and the
// keys of its window while it is up. On Show it takes the keyboard (the
// first field or the button named with SetFocus); Escape closes it without
// applying (as its dismiss button does); no other key reaches what is
// behind it. When it closes, the window's key handler is its own again.
type Dialog struct {
	custom  *dialog.CustomDialog
	win     fyne.Window
	content fyne.CanvasObject
	layer   *Layer // the ring's, in the dialog
	buttons []*Button
	// dismiss is the button that closes it applying nothing (nil: none).
	dismiss *Button
	// confirm is NewConfirm's button that answers yes (nil: none).
	confirm *Button
	// initial takes the keyboard on Show (nil: the first focusable of the
	// content, else the dismiss button).
	initial fyne.Focusable
	// holdKeys: the dialog itself holds the keyboard on Show
	// (HoldKeyboard), no control of it.
	holdKeys bool

	callback func(confirmed bool)
	closed   []func()
	shown    bool
	answer   bool
	prevKey  func(*fyne.KeyEvent)
}

// New returns a dialog over win showing content, with no buttons yet.
func New(title string, content fyne.CanvasObject, win fyne.Window) *Dialog {
	d := &Dialog{win: win, content: content, layer: NewLayer()}
	d.layer.dialog = d
	d.custom = dialog.NewCustomWithoutButtons(title, container.NewStack(content, d.layer), win)
	d.custom.SetOnClosed(d.onClosed)
	return d
}

// NewMessage is a dialog showing content with one button, dismiss ("OK",
// "Close"), that closes it.
func NewMessage(title, dismiss string, content fyne.CanvasObject, win fyne.Window) *Dialog {
	d := New(title, content, win)
	d.SetDismiss(NewButton(dismiss, nil))
	d.SetButtons(d.dismiss)
	return d
}

// NewConfirm is a dialog asking a question: dismiss closes it with
// callback(false) (as Escape does), confirm with callback(true). The
// keyboard starts on dismiss: Space or Enter at once does nothing harmful.
func NewConfirm(title string, content fyne.CanvasObject, confirm, dismiss string, callback func(bool), win fyne.Window) *Dialog {
	d := New(title, content, win)
	d.callback = callback
	d.confirm = NewButton(confirm, d.Confirm)
	d.confirm.Importance = widget.HighImportance
	d.SetDismiss(NewButton(dismiss, nil))
	d.SetButtons(d.dismiss, d.confirm)
	return d
}

// SetDismiss makes b the button that closes the dialog applying nothing;
// its own action (if any) runs first. Add it with SetButtons too.
func (d *Dialog) SetDismiss(b *Button) {
	act := b.OnTapped
	b.OnTapped = func() {
		if act != nil {
			act()
		}
		d.Hide()
	}
	d.dismiss = b
}

// SetButtons sets the row of buttons at the bottom, left to right.
func (d *Dialog) SetButtons(bs ...*Button) {
	d.buttons = bs
	objs := make([]fyne.CanvasObject, len(bs))
	for i, b := range bs {
		objs[i] = b
	}
	d.custom.SetButtons(objs)
}

// Buttons are the dialog's buttons, left to right.
func (d *Dialog) Buttons() []*Button { return d.buttons }

// ConfirmButton is the button that answers yes (NewConfirm's confirm),
// nil when the dialog has none: set its Importance for a destructive
// answer (widget.DangerImportance).
func (d *Dialog) ConfirmButton() *Button { return d.confirm }

// DismissButton is the button that closes the dialog applying nothing
// (SetDismiss), nil when it has none.
func (d *Dialog) DismissButton() *Button { return d.dismiss }

// SetFocus names what takes the keyboard when the dialog shows.
func (d *Dialog) SetFocus(f fyne.Focusable) { d.initial = f }

// HoldKeyboard makes the dialog itself hold the keyboard when it shows,
// not one of its controls: Escape closes it, Tab reaches its buttons, and
// a stray Space or Enter does nothing. For a dialog whose only button
// undoes what the user has just begun (a progress's Cancel).
func (d *Dialog) HoldKeyboard() { d.holdKeys = true }

// Show puts the dialog up with the keyboard in it and its window's keys.
func (d *Dialog) Show() {
	if d.shown {
		return
	}
	d.shown, d.answer = true, false
	c := d.win.Canvas()
	d.prevKey = c.OnTypedKey()
	c.SetOnTypedKey(d.typedKey)
	d.custom.Show()
	if d.holdKeys {
		// Nothing of the dialog's overlay focused: the keys come to
		// typedKey.
		c.Unfocus()
	} else if f := d.focusTarget(); f != nil {
		c.Focus(f)
	}
}

// typedKey is the window's key handler while the dialog is up: the keys
// that reach the window (nothing focused, or a Button or field passing them
// on) stop here; Escape closes the dialog.
func (d *Dialog) typedKey(ev *fyne.KeyEvent) {
	if d.shown && !d.overWindow() {
		// Taken off the window behind its back (its overlay removed):
		// closed, applying nothing.
		d.onClosed()
	}
	if !d.shown {
		if d.prevKey != nil {
			d.prevKey(ev)
		}
		return
	}
	if ev.Name == fyne.KeyEscape {
		d.Hide()
	}
}

// overWindow reports whether the dialog is among its window's overlays.
func (d *Dialog) overWindow() bool { return d.overlay() != nil }

// overlay is the overlay of its window showing the dialog, nil when none
// does.
func (d *Dialog) overlay() fyne.CanvasObject {
	for _, o := range d.win.Canvas().Overlays().List() {
		if PathTo(o, d.layer) != nil {
			return o
		}
	}
	return nil
}

// Holds reports whether o is shown in the dialog.
func (d *Dialog) Holds(o fyne.CanvasObject) bool {
	ov := d.overlay()
	return ov != nil && o != nil && PathTo(ov, o) != nil
}

// Over is the Dialog shown over the window of canvas c (the top one when
// several are), nil when none is. A menu popped up over a dialog (a
// field's) does not hide it.
func Over(c fyne.Canvas) *Dialog {
	list := c.Overlays().List()
	for i := len(list) - 1; i >= 0; i-- {
		if l := layerIn(list[i]); l != nil && l.dialog != nil && l.dialog.shown {
			return l.dialog
		}
	}
	return nil
}

func (d *Dialog) focusTarget() fyne.Focusable {
	if d.initial != nil {
		return d.initial
	}
	if f := firstFocusable(d.content); f != nil {
		return f
	}
	if d.dismiss != nil {
		return d.dismiss
	}
	if len(d.buttons) > 0 {
		return d.buttons[0]
	}
	return nil
}

// firstFocusable is the first enabled object under o that takes the
// keyboard, in drawing order (as Tab goes), nil when there is none.
func firstFocusable(o fyne.CanvasObject) fyne.Focusable {
	if o == nil || !o.Visible() {
		return nil
	}
	if f, ok := o.(fyne.Focusable); ok {
		if dis, ok := o.(fyne.Disableable); !ok || !dis.Disabled() {
			return f
		}
	}
	if c, ok := o.(*fyne.Container); ok {
		for _, child := range c.Objects {
			if f := firstFocusable(child); f != nil {
				return f
			}
		}
		return nil
	}
	if w, ok := o.(fyne.Widget); ok {
		for _, child := range drawn.Children(w) {
			if f := firstFocusable(child); f != nil {
				return f
			}
		}
	}
	return nil
}

// Hide closes the dialog applying nothing: callback(false).
func (d *Dialog) Hide() {
	if d.shown {
		d.custom.Hide()
	}
}

// Dismiss is Hide (part of dialog.Dialog).
func (d *Dialog) Dismiss() { d.Hide() }

// Confirm closes the dialog with callback(true).
func (d *Dialog) Confirm() {
	if !d.shown {
		return
	}
	d.answer = true
	d.custom.Hide()
}

func (d *Dialog) onClosed() {
	if !d.shown {
		return
	}
	d.shown = false
	c := d.win.Canvas()
	c.SetOnTypedKey(d.prevKey)
	d.prevKey = nil
	if d.callback != nil {
		d.callback(d.answer)
	}
	for _, f := range d.closed {
		f()
	}
}

// Shown reports whether the dialog is up.
func (d *Dialog) Shown() bool { return d.shown }

// SetOnClosed adds f to what runs when the dialog closes, however it does.
func (d *Dialog) SetOnClosed(f func()) { d.closed = append(d.closed, f) }

// SetDismissText names the dismiss button (part of dialog.Dialog).
func (d *Dialog) SetDismissText(label string) {
	if d.dismiss != nil {
		d.dismiss.SetText(label)
	}
}

// Refresh is part of dialog.Dialog.
func (d *Dialog) Refresh() { d.custom.Refresh() }

// Resize is part of dialog.Dialog.
func (d *Dialog) Resize(s fyne.Size) { d.custom.Resize(s) }

// MinSize is part of dialog.Dialog.
func (d *Dialog) MinSize() fyne.Size { return d.custom.MinSize() }

// SetIcon shows icon at the dialog's top right (nil: none).
func (d *Dialog) SetIcon(icon fyne.Resource) { d.custom.SetIcon(icon) }

var _ dialog.Dialog = (*Dialog)(nil)
