package simulator

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/ui/winkeys"
)

// keyButton is a button that keeps the keyboard when pressed from it:
// Fyne's Button lets go of the focus on every press (it cannot tell a key
// from a click), so after Start or a keypad key nothing would hold the
// keyboard, and a dialog the press opened would give it back to nothing.
// Space, Enter and Return press it.
type keyButton struct {
	widget.Button
}

func newKeyButton(text string, icon fyne.Resource, tapped func()) *keyButton {
	b := &keyButton{}
	b.Text, b.Icon, b.OnTapped = text, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

// TypedKey is part of fyne.Focusable.
func (b *keyButton) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeySpace, fyne.KeyReturn, fyne.KeyEnter:
		if !b.Disabled() && b.OnTapped != nil {
			b.OnTapped()
		}
	default:
		winkeys.Pass(b, ev)
	}
}
