package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// keyMenu is the main menu as the keyboard opens it (F10, Alt+letter) where
// Fyne draws the menu bar (Linux, Windows). Fyne 2.8.1's own menus ignore
// typed characters and cannot underline a letter, so this one is laid over
// the window instead: it underlines each title's and item's mnemonic, a
// typed letter chooses its item, and arrows, Enter, Space and Escape work
// as in Fyne's. The mouse works in it too; a click outside closes it.
// While it is open it holds the keyboard; closing it gives the keyboard
// back to whatever held it before.
type keyMenu struct {
	widget.BaseWidget
	canvas fyne.Canvas
	// main is the window's main menu, read when the menu opens (the
	// recent files and the check marks change).
	main func() *fyne.MainMenu
	mn   func() *mnemonics

	// menus and letters are the main menu and its mnemonics as they were
	// when the menu opened (refreshMenus replaces both together).
	menus   []*fyne.Menu
	letters *mnemonics
	at      int          // the open menu's index in menus
	levels  []*menuLevel // the open menu, then its open submenu
	shown   bool
	geo     keyMenuGeometry
}

// menuLevel is one open menu box: its menu and the highlighted item (-1:
// none).
type menuLevel struct {
	menu   *fyne.Menu
	active int
}

func newKeyMenu(c fyne.Canvas, main func() *fyne.MainMenu, mn func() *mnemonics) *keyMenu {
	k := &keyMenu{canvas: c, main: main, mn: mn}
	k.ExtendBaseWidget(k)
	return k
}

// Open shows menu index (wrapping), with nothing highlighted, and takes
// the keyboard; when it is already open it switches to that menu.
func (k *keyMenu) Open(index int) bool {
	m := k.main()
	if m == nil || len(m.Items) == 0 {
		return false
	}
	k.menus, k.letters = m.Items, k.mn()
	k.at = (index%len(k.menus) + len(k.menus)) % len(k.menus)
	k.levels = []*menuLevel{{menu: k.menus[k.at], active: -1}}
	if !k.shown {
		k.shown = true
		k.Move(fyne.NewPos(0, 0))
		k.Resize(k.canvas.Size())
		k.canvas.Overlays().Add(k)
	}
	k.Refresh()
	k.canvas.Focus(k)
	return true
}

// Close hides the menu; the keyboard goes back where it was.
func (k *keyMenu) Close() {
	if !k.shown {
		return
	}
	k.shown = false
	k.levels = nil
	k.canvas.Overlays().Remove(k)
}

// Shown tells whether the menu is open.
func (k *keyMenu) Shown() bool { return k.shown }

// OpenIndex is the open menu's index, or -1.
func (k *keyMenu) OpenIndex() int {
	if !k.shown {
		return -1
	}
	return k.at
}

// Highlighted is the highlighted item of the innermost open menu, or nil.
func (k *keyMenu) Highlighted() *fyne.MenuItem {
	if !k.shown {
		return nil
	}
	l := k.levels[len(k.levels)-1]
	if l.active < 0 {
		return nil
	}
	return l.menu.Items[l.active]
}

func (k *keyMenu) deepest() *menuLevel { return k.levels[len(k.levels)-1] }

// choosable tells whether an item can be highlighted.
func choosable(it *fyne.MenuItem) bool { return !it.IsSeparator && !it.Disabled }

// step highlights the next (or previous) choosable item of the innermost
// menu, going round.
func (k *keyMenu) step(back bool) {
	l := k.deepest()
	n := len(l.menu.Items)
	i := l.active
	for range n {
		switch {
		case back && i <= 0:
			i = n - 1
		case back:
			i--
		case i >= n-1:
			i = 0
		default:
			i++
		}
		if choosable(l.menu.Items[i]) {
			l.active = i
			k.Refresh()
			return
		}
	}
}

// enter chooses the item at index of the innermost menu: a submenu opens
// (its first item highlighted), any other item closes the menu and acts.
func (k *keyMenu) enter(index int) {
	l := k.deepest()
	it := l.menu.Items[index]
	if !choosable(it) {
		return
	}
	l.active = index
	if it.ChildMenu != nil {
		k.levels = append(k.levels, &menuLevel{menu: it.ChildMenu, active: -1})
		k.step(false)
		return
	}
	k.Close()
	if it.Action != nil {
		it.Action()
	}
}

// FocusGained is part of fyne.Focusable.
func (k *keyMenu) FocusGained() {}

// FocusLost is part of fyne.Focusable.
func (k *keyMenu) FocusLost() {}

// TypedRune is part of fyne.Focusable: the letter of an item chooses it.
func (k *keyMenu) TypedRune(r rune) {
	if !k.shown {
		return
	}
	if i := k.letters.find(k.deepest().menu, r); i >= 0 {
		k.enter(i)
	}
}

// TypedKey is part of fyne.Focusable.
func (k *keyMenu) TypedKey(ev *fyne.KeyEvent) {
	if !k.shown {
		return
	}
	l := k.deepest()
	switch ev.Name {
	case fyne.KeyDown:
		k.step(false)
	case fyne.KeyUp:
		k.step(true)
	case fyne.KeyRight:
		if l.active >= 0 && l.menu.Items[l.active].ChildMenu != nil {
			k.enter(l.active)
		} else {
			k.Open(k.at + 1)
		}
	case fyne.KeyLeft:
		if len(k.levels) > 1 {
			k.levels = k.levels[:len(k.levels)-1]
			k.Refresh()
		} else {
			k.Open(k.at - 1)
		}
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace:
		if l.active >= 0 {
			k.enter(l.active)
		} else {
			k.Close()
		}
	case fyne.KeyEscape:
		if len(k.levels) > 1 {
			k.levels = k.levels[:len(k.levels)-1]
			k.Refresh()
		} else {
			k.Close()
		}
	case fyne.KeyF10:
		k.Close()
	}
}

// Tapped is part of fyne.Tappable: a click on an item chooses it, on
// another title opens its menu, on the open menu's title or outside the
// menus closes them.
func (k *keyMenu) Tapped(ev *fyne.PointEvent) {
	if i := k.titleAt(ev.Position); i >= 0 {
		if i == k.at {
			k.Close()
		} else {
			k.Open(i)
		}
		return
	}
	level, row, inside := k.geo.hit(ev.Position)
	if !inside {
		k.Close()
		return
	}
	if row < 0 {
		return
	}
	k.levels = k.levels[:level+1]
	k.enter(row)
}

// MouseIn is part of desktop.Hoverable.
func (k *keyMenu) MouseIn(*desktop.MouseEvent) {}

// MouseOut is part of desktop.Hoverable.
func (k *keyMenu) MouseOut() {}

// MouseMoved is part of desktop.Hoverable: the item under the pointer is
// highlighted, and a submenu under it opens; over another title of the
// bar, that menu opens.
func (k *keyMenu) MouseMoved(ev *desktop.MouseEvent) {
	if i := k.titleAt(ev.Position); i >= 0 && i != k.at && k.shown {
		k.Open(i) // another title: its menu, as in Fyne's bar
		return
	}
	level, row, inside := k.geo.hit(ev.Position)
	if !inside || row < 0 || !k.shown {
		return
	}
	l := k.levels[level]
	it := l.menu.Items[row]
	if !choosable(it) || (l.active == row && len(k.levels) == level+1+boolInt(it.ChildMenu != nil)) {
		return
	}
	k.levels = k.levels[:level+1]
	l.active = row
	if it.ChildMenu != nil {
		k.levels = append(k.levels, &menuLevel{menu: it.ChildMenu, active: -1})
	}
	k.Refresh()
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// CreateRenderer is part of fyne.Widget.
func (k *keyMenu) CreateRenderer() fyne.WidgetRenderer {
	return &keyMenuRenderer{k: k}
}
