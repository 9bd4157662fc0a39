// Package kbd holds what keeps the keyboard usable in every window: the
// button that keeps the keyboard when pressed, the dialog that takes and
// gives back the keyboard and closes on Escape, the focus ring drawn around
// whatever holds the keyboard (in a window and in its dialogs), a scrolled
// text the keyboard scrolls, and the bookkeeping that puts the keyboard
// back after a view is rebuilt.
package kbd

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Button is the only button the user interface makes. Fyne's Button lets
// go of the keyboard on every press (it cannot tell a key from a click), so
// after a press nothing would hold the keyboard, and a dialog the press
// opened would give it back to nothing. Button keeps it: Space, Enter and
// Return press it and leave the keyboard on it. Other keys (F10, F6,
// Escape…) go on to the window's key handler (the canvas' OnTypedKey), as
// they would with nothing focused, so window keys work while a button holds
// the keyboard. Shortcuts with a modifier (Alt+letter) already reach the
// window, since Button takes none.
type Button struct {
	widget.Button
	// self is the widget drawn: b, or a type embedding it.
	self fyne.Widget
}

// ExtendBaseWidget is widget.BaseWidget's, remembering which widget is
// drawn (a type that embeds Button calls it with itself).
func (b *Button) ExtendBaseWidget(w fyne.Widget) {
	b.self = w
	b.Button.ExtendBaseWidget(w)
}

// NewButton is a Button with text that calls tapped when pressed.
func NewButton(text string, tapped func()) *Button {
	return NewButtonWithIcon(text, nil, tapped)
}

// NewButtonWithIcon is a Button with text and icon (either may be empty)
// that calls tapped when pressed.
func NewButtonWithIcon(text string, icon fyne.Resource, tapped func()) *Button {
	return extended(&Button{Button: widget.Button{Text: text, Icon: icon, OnTapped: tapped}})
}

// extended is w made the widget drawn for itself (ExtendBaseWidget(w)):
// the last step of making each of this package's widgets.
func extended[W interface {
	fyne.Widget
	ExtendBaseWidget(fyne.Widget)
}](w W) W {
	w.ExtendBaseWidget(w)
	return w
}

// TypedKey is part of fyne.Focusable.
func (b *Button) TypedKey(ev *fyne.KeyEvent) {
	useOrPass(b.self, ev, func(*fyne.KeyEvent) { b.Press() }, pressKeys...)
}

// Press acts as a press from the keyboard: the button's action, with the
// keyboard left where it is.
func (b *Button) Press() {
	if !b.Disabled() && b.OnTapped != nil {
		b.OnTapped()
	}
}

// pressKeys press a focused button.
var pressKeys = []fyne.KeyName{fyne.KeySpace, fyne.KeyReturn, fyne.KeyEnter}

// IsPress reports whether ev presses a focused button: Space, Enter or
// Return.
func IsPress(ev *fyne.KeyEvent) bool { return slices.Contains(pressKeys, ev.Name) }

// arrowsAndSpace are the keys Fyne's Select, Table and Tree use: the
// arrows move (or change the choice), Space chooses or opens.
var arrowsAndSpace = []fyne.KeyName{fyne.KeyUp, fyne.KeyDown, fyne.KeyLeft, fyne.KeyRight, fyne.KeySpace}

// useOrPass is the TypedKey of a control that keeps only the keys it uses:
// ev goes to use when its key is one of keys, and any other key on to the
// key handler of o's window (PassKey), where the Fyne control would have
// swallowed it. o is the widget drawn (the one on the canvas).
func useOrPass(o fyne.CanvasObject, ev *fyne.KeyEvent, use func(*fyne.KeyEvent), keys ...fyne.KeyName) {
	if slices.Contains(keys, ev.Name) {
		c := CanvasOf(o)
		use(ev)
		if ev.Name == fyne.KeySpace {
			charFollowsFocus(c, o, ' ')
		}
		return
	}
	PassKey(o, ev)
}

// charSkipper is a field that can drop the character of a key it never
// saw pressed (Entry).
type charSkipper interface{ skipChar(r rune) }

// charFollowsFocus warns the field that now holds c's keyboard, when o's
// key moved it there, that the key's character r is still to come: a
// desktop driver hands a key's character, after the key, to whatever is
// focused then, so Space on Start would type a space into the reply box.
func charFollowsFocus(c fyne.Canvas, o fyne.CanvasObject, r rune) {
	if c == nil {
		return
	}
	if f, ok := c.Focused().(charSkipper); ok && any(f) != any(o) {
		f.skipChar(r)
	}
}

// PassKey hands a key the focused object o does not use to the key handler
// of o's window (canvas.OnTypedKey), the one keys reach when nothing is
// focused: F10 opens the menu bar, F6 cycles the panes, Escape closes a
// dialog. It does nothing when o is on no canvas or the canvas has no
// handler, and reports whether there was one.
func PassKey(o fyne.CanvasObject, ev *fyne.KeyEvent) bool {
	c := CanvasOf(o)
	if c == nil {
		return false
	}
	if h := c.OnTypedKey(); h != nil {
		h(ev)
		return true
	}
	return false
}

// CanvasOf is the canvas of the window showing o (in its content or a
// dialog over it), nil when none does. It asks each window when there are
// several: Fyne's test driver answers CanvasForObject with its last window.
func CanvasOf(o fyne.CanvasObject) fyne.Canvas {
	if o == nil || fyne.CurrentApp() == nil {
		return nil
	}
	d := fyne.CurrentApp().Driver()
	windows := d.AllWindows()
	if len(windows) > 1 {
		for _, w := range windows {
			c := w.Canvas()
			if PathTo(w.Content(), o) != nil {
				return c
			}
			for _, ov := range c.Overlays().List() {
				if PathTo(ov, o) != nil {
					return c
				}
			}
		}
	}
	return d.CanvasForObject(o)
}
