package ui

import (
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/ui/kbd"
)

// Every title and item of the main menu has a mnemonic, taken from its own
// label and unique within its menu (a submenu is a menu of its own); the
// titles' letters are unique along the bar.
func TestMenuMnemonicsAreUniqueLettersOfTheirLabels(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{})
	var check func(where string, items []*fyne.MenuItem)
	check = func(where string, items []*fyne.MenuItem) {
		seen := map[rune]string{}
		for _, it := range items {
			if it.IsSeparator || it.Disabled {
				continue
			}
			l := e.mnemonics.of(it)
			switch {
			case l == 0:
				t.Errorf("%s: %q has no mnemonic", where, it.Label)
			case mnemonicAt(it.Label, l) < 0:
				t.Errorf("%s: %q has the mnemonic %c, not in its label", where, it.Label, l)
			case seen[l] != "":
				t.Errorf("%s: %q and %q share the mnemonic %c", where, seen[l], it.Label, l)
			}
			seen[l] = it.Label
			if it.ChildMenu != nil {
				check(where+" ▸ "+it.Label, it.ChildMenu.Items)
			}
		}
	}
	titles := map[rune]string{}
	menus := e.win.MainMenu().Items
	if len(menus) < 5 {
		t.Fatalf("the main menu has %d menus", len(menus))
	}
	for _, m := range menus {
		l := e.mnemonics.title(m)
		if l == 0 || mnemonicAt(m.Label, l) < 0 || titles[l] != "" {
			t.Errorf("menu %q has the mnemonic %q (titles so far %v)", m.Label, l, titles)
		}
		titles[l] = m.Label
		check(m.Label, m.Items)
	}
}

func TestUnderlinedMarksTheMnemonicStartingAWord(t *testing.T) {
	for _, c := range []struct {
		label  string
		letter rune
		want   string
	}{
		{"Save As…", 'A', "Save A\u0332s…"},
		{"Duplicate", 'L', "Dupl\u0332icate"},
		{"Find Usages of Widget", 'W', "Find Usages of W\u0332idget"},
		{"Save", 'X', "Save"},
	} {
		if got := underlined(c.label, c.letter); got != c.want {
			t.Errorf("underlined(%q, %c) = %q, want %q", c.label, c.letter, got, c.want)
		}
	}
}

// openKeyMenu presses F10 where the keyboard is, as the driver hands it
// to the focused widget (or the window when nothing is focused).
func pressKey(c fyne.Canvas, k fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: k}
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
	} else if h := c.OnTypedKey(); h != nil {
		h(ev)
	}
}

func typeRune(c fyne.Canvas, r rune) {
	if f := c.Focused(); f != nil {
		f.TypedRune(r)
	}
}

func TestTypedLettersChooseItemsInAnOpenMenu(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{})
	c := e.win.Canvas()
	c.Focus(e.library.search)

	// F10, Right twice: View; M toggles the minimap and closes the menu,
	// giving the keyboard back to the library's search.
	shown := e.MinimapShown()
	pressKey(c, fyne.KeyF10)
	if e.keyMenu == nil || e.keyMenu.OpenIndex() != 0 || c.Focused() != e.keyMenu {
		t.Fatalf("F10 from the library's search: keyboard menu %v, keyboard on %T", e.keyMenu, c.Focused())
	}
	pressKey(c, fyne.KeyRight)
	pressKey(c, fyne.KeyRight)
	if got := e.win.MainMenu().Items[e.keyMenu.OpenIndex()].Label; got != "View" {
		t.Fatalf("F10, Right, Right opened %q, want View", got)
	}
	typeRune(c, 'q') // no View item has Q: nothing happens
	if !e.keyMenu.Shown() || e.MinimapShown() != shown {
		t.Fatal("a letter no item has closed the menu or acted")
	}
	typeRune(c, 'm')
	if e.MinimapShown() == shown {
		t.Errorf("M in the View menu left the minimap shown=%v", shown)
	}
	if e.keyMenu.Shown() || c.Focused() != e.library.search {
		t.Errorf("after M the menu shown=%v, keyboard on %T, want closed and the search", e.keyMenu.Shown(), c.Focused())
	}

	// A submenu by its letter, then its item by its: View ▸ Theme ▸ Dark.
	pressKey(c, fyne.KeyF10)
	pressKey(c, fyne.KeyLeft) // wraps to Help
	pressKey(c, fyne.KeyLeft)
	pressKey(c, fyne.KeyLeft) // View
	typeRune(c, 'H')
	if it := e.keyMenu.Highlighted(); it == nil || it.Label != "Follow System" {
		t.Fatalf("H in View opened the Theme submenu on %v, want its first item highlighted", it)
	}
	typeRune(c, 'd')
	if got := ThemeChoice(e.prefs); got != ThemeDark {
		t.Errorf("View ▸ Theme ▸ D chose the theme %q, want dark", got)
	}

	// Help ▸ K: the keyboard reference, which lists the menus' letters.
	pressKey(c, fyne.KeyF10)
	pressKey(c, fyne.KeyLeft)
	typeRune(c, 'k')
	text := dialogText(e.win)
	if !strings.Contains(text, "Choose in an Open Menu") || !strings.Contains(text, "The View Menu (Underlined Letters)") {
		t.Errorf("Help ▸ K did not show the keyboard reference with the menus' letters: %q", text)
	}
	pressKey(c, fyne.KeyEscape) // closes the reference; the keyboard is back in the search
	if c.Focused() != e.library.search {
		t.Fatalf("after the reference closed the keyboard is on %T", c.Focused())
	}

	// Arrows and Enter, and Escape.
	pressKey(c, fyne.KeyF10)
	pressKey(c, fyne.KeyDown)
	if it := e.keyMenu.Highlighted(); it == nil || it.Label != "New" {
		t.Errorf("Down in File highlights %v, want New", it)
	}
	pressKey(c, fyne.KeyEscape)
	if e.keyMenu.Shown() {
		t.Error("Escape left the menu open")
	}
}

// F10 opens the menu bar whatever holds the keyboard: a button, a
// select, a check (Fyne gives an unmodified key only to the focused
// widget, which passes what it does not use to the window).
func TestF10WithAButtonSelectOrCheckFocusedOpensTheMenuBar(t *testing.T) {
	a := test.NewTempApp(t)
	cat := loadCatalog(t)
	f, names := flowWith(t, cat, "make-http-request")
	e := newTestEditor(t, a, Options{Flow: f})
	e.selectWidgets(names)
	c := e.win.Canvas()

	var button *tipButton
	for _, o := range test.LaidOutObjects(e.toolbarObject) {
		if b, ok := o.(*tipButton); ok {
			button = b
			break
		}
	}
	check := e.inspector.field("/properties/add_twilio_auth").(*kbd.Check)
	sel := e.inspector.field("/properties/method").(*kbd.Select)
	for _, w := range []fyne.Focusable{button, sel, check} {
		c.Focus(w)
		pressKey(c, fyne.KeyF10)
		if e.keyMenu == nil || !e.keyMenu.Shown() || c.Focused() != e.keyMenu {
			t.Errorf("F10 with %T focused did not open the menu bar", w)
			continue
		}
		pressKey(c, fyne.KeyEscape)
		if c.Focused() != w {
			t.Errorf("closing the menu left the keyboard on %T, want %T", c.Focused(), w)
		}
	}
	// A plain entry (Find's) passes F10 and Alt+letters, and keeps the
	// other keys.
	c.Focus(e.finder.entry)
	pressKey(c, fyne.KeyF10)
	if !e.keyMenu.Shown() {
		t.Error("F10 in Find's entry did not open the menu bar")
	}
	pressKey(c, fyne.KeyEscape)
	sc := &shortcutCanvas{Canvas: c}
	if !kbd.PassAltShortcut(sc, &desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierAlt}) || sc.got != "CustomDesktop:Alt+E" {
		t.Errorf("Alt+E reached the window as %q", sc.got)
	}
	e.finder.entry.TypedRune('x')
	e.finder.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	if e.finder.entry.Text != "" {
		t.Errorf("Find's entry kept %q after x and Backspace", e.finder.entry.Text)
	}

	// F6 from the select goes round the panes, as from anywhere.
	c.Focus(sel)
	pressKey(c, fyne.KeyF6)
	if c.Focused() == sel {
		t.Error("F6 from the select stayed on it")
	}
}

func TestMnemonicAtIgnoresCaseAndPrefersAWordStart(t *testing.T) {
	if i := mnemonicAt("Show Test Coverage", 'c'); i != strings.Index("Show Test Coverage", "Coverage") {
		t.Errorf("c in Show Test Coverage at %d", i)
	}
	if i := mnemonicAt("Redo", unicode.ToLower('R')); i != 0 {
		t.Errorf("r in Redo at %d", i)
	}
}

// The mouse works in the keyboard menu too: the pointer highlights an item
// (and opens a submenu), a click chooses, a click outside closes.
func TestTheKeyboardMenuTakesTheMouse(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{})
	c := e.win.Canvas()
	if !e.openMenuBar(2) { // View
		t.Fatal("the View menu did not open")
	}
	k := e.keyMenu
	row := func(level int, label string) fyne.Position {
		t.Helper()
		items := k.levels[level].menu.Items
		for i, it := range items {
			if it.Label == label {
				b := k.geo.boxes[level]
				return fyne.NewPos(b.pos.X+b.size.X/2, b.pos.Y+b.rows[i].top+b.rows[i].height/2)
			}
		}
		t.Fatalf("no %q in the open menu", label)
		return fyne.Position{}
	}
	k.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: row(0, "Theme")}})
	if len(k.levels) != 2 || k.Highlighted() != nil {
		t.Fatalf("the pointer on Theme left %d menus open, highlighting %v", len(k.levels), k.Highlighted())
	}
	k.Tapped(&fyne.PointEvent{Position: row(1, "Light")})
	if ThemeChoice(e.prefs) != ThemeLight || k.Shown() {
		t.Errorf("a click on Light chose %q, menu shown=%v", ThemeChoice(e.prefs), k.Shown())
	}
	e.openMenuBar(0)
	k.Tapped(&fyne.PointEvent{Position: fyne.NewPos(c.Size().Width-2, c.Size().Height-2)})
	if k.Shown() {
		t.Error("a click outside left the menu open")
	}
}
