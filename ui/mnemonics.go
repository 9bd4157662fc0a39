package ui

import (
	"runtime"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
)

// nativeMenus tells whether the system draws the main menu (macOS). There
// the menus keep the system's own keys and nothing here is used; elsewhere
// Fyne draws the menu bar, and F10 and Alt+letter open the keyboard menu
// (keymenu.go) with these mnemonics.
const nativeMenus = runtime.GOOS == "darwin"

// mnemonics are the letters that choose the main menu's titles (with Alt)
// and items (typed in an open keyboard menu). They are declared once,
// beside the menus (refreshMenus), and read by the keyboard menu, the
// Alt+letter shortcuts and the keyboard reference.
type mnemonics struct {
	titles map[*fyne.Menu]rune
	items  map[*fyne.MenuItem]rune
}

func newMnemonics() *mnemonics {
	return &mnemonics{titles: map[*fyne.Menu]rune{}, items: map[*fyne.MenuItem]rune{}}
}

// menu gives a menu's title its letter.
func (m *mnemonics) menu(menu *fyne.Menu, letter rune) *fyne.Menu {
	m.titles[menu] = unicode.ToUpper(letter)
	return menu
}

// item gives a menu item its letter.
func (m *mnemonics) item(it *fyne.MenuItem, letter rune) *fyne.MenuItem {
	m.items[it] = unicode.ToUpper(letter)
	return it
}

// title is a menu's letter, or 0.
func (m *mnemonics) title(menu *fyne.Menu) rune {
	if m == nil {
		return 0
	}
	return m.titles[menu]
}

// of is an item's letter, or 0.
func (m *mnemonics) of(it *fyne.MenuItem) rune {
	if m == nil {
		return 0
	}
	return m.items[it]
}

// find is the index of the enabled item of menu whose letter is r
// (case-insensitive), or -1.
func (m *mnemonics) find(menu *fyne.Menu, r rune) int {
	r = unicode.ToUpper(r)
	for i, it := range menu.Items {
		if !it.IsSeparator && !it.Disabled && m.of(it) == r {
			return i
		}
	}
	return -1
}

// mnemonicAt is where letter is underlined in label: the first letter
// starting a word that matches it (case-insensitive), else its first
// occurrence; -1 when the label does not hold it. The result is a byte
// index into label.
func mnemonicAt(label string, letter rune) int {
	if letter == 0 {
		return -1
	}
	up := unicode.ToUpper(letter)
	first := -1
	prev := ' '
	for i, r := range label {
		if unicode.ToUpper(r) == up {
			if !unicode.IsLetter(prev) && !unicode.IsDigit(prev) {
				return i
			}
			if first < 0 {
				first = i
			}
		}
		prev = r
	}
	return first
}

// combiningLowLine underlines the character before it (the theme's fonts,
// Inter and Noto Sans, both hold it).
const combiningLowLine = "\u0332"

// underlined is label with its letter underlined, for drawing.
func underlined(label string, letter rune) string {
	at := mnemonicAt(label, letter)
	if at < 0 {
		return label
	}
	_, size := firstRune(label[at:])
	return label[:at+size] + combiningLowLine + label[at+size:]
}

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}

// lines are the keyboard reference's lines for the mnemonics: one per
// menu, its title's Alt+letter, then each item's letter (one a line in the
// reference window, which breaks the keys at "; ").
func (m *mnemonics) lines(main *fyne.MainMenu) []shortcutLine {
	if m == nil || main == nil {
		return nil
	}
	var out []shortcutLine
	for _, menu := range main.Items {
		var keys []string
		if t := m.title(menu); t != 0 {
			keys = append(keys, "Alt+"+string(t))
		}
		if items := m.itemLetters("", menu.Items); len(items) > 0 {
			items[0] = "then " + items[0]
			keys = append(keys, items...)
		}
		out = append(out, shortcutLine{action: "The " + menu.Label + " Menu (Underlined Letters)", keys: strings.Join(keys, "; ")})
	}
	return out
}

// itemLetters words the letters of items, "N New", a submenu's items
// after their item's ("H Theme ▸ D Dark"); the recent files' digits are
// left out (they change).
func (m *mnemonics) itemLetters(prefix string, items []*fyne.MenuItem) []string {
	var out []string
	for _, it := range items {
		l := m.of(it)
		if l == 0 || unicode.IsDigit(l) {
			continue
		}
		s := prefix + string(l) + " " + strings.TrimSuffix(it.Label, "…")
		out = append(out, s)
		if it.ChildMenu != nil {
			out = append(out, m.itemLetters(s+" ▸ ", it.ChildMenu.Items)...)
		}
	}
	return out
}
