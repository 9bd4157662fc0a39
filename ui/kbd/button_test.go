package kbd

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// padKey stands for a type that extends Button (the simulator's keys).
type padKey struct {
	Button
}

func newPadKey(text string, tapped func()) *padKey {
	k := &padKey{}
	k.Text, k.OnTapped = text, tapped
	k.ExtendBaseWidget(k)
	return k
}

// Every kind of button, pressed from the keyboard with Space, Enter or
// Return, acts once and keeps the keyboard; Fyne's own Button lets go of
// it on Space (which is why none is made).
func TestAButtonPressedFromTheKeyboardKeepsIt(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("buttons")
	presses := map[string]int{}
	press := func(name string) func() { return func() { presses[name]++ } }
	plain := NewButton("Plain", press("plain"))
	icon := NewButtonWithIcon("", theme.DeleteIcon(), press("icon"))
	primary := NewButtonWithIcon("Primary", theme.ConfirmIcon(), press("primary"))
	primary.Importance = widget.HighImportance
	low := NewButton("Low", press("low"))
	low.Importance = widget.LowImportance
	embedded := newPadKey("1", press("embedded"))
	fyneButton := widget.NewButton("Fyne", press("fyne"))
	w.SetContent(container.NewVBox(plain, icon, primary, low, embedded, fyneButton))
	c := w.Canvas()

	kinds := []struct {
		name string
		b    interface {
			fyne.Focusable
			fyne.CanvasObject
		}
	}{{"plain", plain}, {"icon", icon}, {"primary", primary}, {"low", low}, {"embedded", embedded}}
	for _, k := range kinds {
		for _, key := range []fyne.KeyName{fyne.KeySpace, fyne.KeyReturn, fyne.KeyEnter} {
			c.Focus(k.b)
			before := presses[k.name]
			k.b.TypedKey(&fyne.KeyEvent{Name: key})
			if presses[k.name] != before+1 {
				t.Errorf("%s on the %s button: %d presses, want 1", key, k.name, presses[k.name]-before)
			}
			if c.Focused() != k.b {
				t.Errorf("%s on the %s button left the keyboard on %T", key, k.name, c.Focused())
			}
		}
	}

	// What this type exists for: Fyne's Button drops the keyboard.
	c.Focus(fyneButton)
	fyneButton.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if presses["fyne"] != 1 || c.Focused() != nil {
		t.Logf("Fyne's Button now keeps the keyboard (focused %T): kbd.Button may no longer be needed", c.Focused())
	}

	plain.Disable()
	c.Focus(plain)
	before := presses["plain"]
	plain.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if presses["plain"] != before {
		t.Error("Space pressed a disabled button")
	}
}

// Keys a button does not use (F10, F6, Escape) reach the window's key
// handler, as they do with nothing focused: F10 opens the menu bar while a
// button holds the keyboard. Its own keys do not.
func TestKeysAButtonDoesNotUseGoOnToTheWindow(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("hook")
	b := NewButton("Save", func() {})
	k := newPadKey("5", func() {})
	w.SetContent(container.NewVBox(b, k))
	var got []fyne.KeyName
	w.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) { got = append(got, ev.Name) })
	for _, btn := range []fyne.Focusable{b, k} {
		got = nil
		w.Canvas().Focus(btn)
		for _, key := range []fyne.KeyName{fyne.KeyF10, fyne.KeyF6, fyne.KeyEscape, fyne.KeySpace, fyne.KeyReturn} {
			btn.TypedKey(&fyne.KeyEvent{Name: key})
		}
		want := []fyne.KeyName{fyne.KeyF10, fyne.KeyF6, fyne.KeyEscape}
		if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
			t.Errorf("%T: the window heard %v, want %v", btn, got, want)
		}
	}
}
