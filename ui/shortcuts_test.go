package ui

import (
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestKeyboardShortcutsListEveryMenuShortcutAndTheKeyboardKeys(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{Flow: readShared(t, astrology)})
	lines := e.shortcutLines()
	has := func(action, keys string) bool {
		for _, l := range lines {
			if l.action == action && l.keys == keys {
				return true
			}
		}
		return false
	}
	var walk func(items []*fyne.MenuItem)
	walk = func(items []*fyne.MenuItem) {
		for _, it := range items {
			if it.Shortcut != nil && !has(strings.TrimSuffix(it.Label, "…"), shortcutText(it.Shortcut)) {
				t.Errorf("menu item %q (%s) is missing from Keyboard Shortcuts", it.Label, shortcutText(it.Shortcut))
			}
			if it.ChildMenu != nil {
				walk(it.ChildMenu.Items)
			}
		}
	}
	for _, m := range e.win.MainMenu().Items {
		walk(m.Items)
	}
	for _, keys := range []string{"Tab / Shift+Tab", "Ctrl+Tab", "F6 / Shift+F6", "Shift+F10 / Menu", "Alt+Arrows (Shift+Arrows: further)"} {
		found := false
		for _, l := range lines {
			found = found || l.keys == keys
		}
		if !found {
			t.Errorf("Keyboard Shortcuts lacks %q", keys)
		}
	}
	e.ShowShortcuts()
	text := dialogText(e.win)
	if !strings.Contains(text, "Next / Previous Pane") || !strings.Contains(text, "F6 / Shift+F6") {
		t.Errorf("the Keyboard Shortcuts window shows %q", text)
	}
}

func TestTheREADMEListsTheSameKeyboardShortcuts(t *testing.T) {
	if fyne.KeyModifierShortcutDefault != fyne.KeyModifierControl {
		t.Skip("the README words shortcuts with Ctrl")
	}
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{})
	data, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	want := shortcutsMarkdown(e.shortcutLines())
	if !strings.Contains(string(data), "<!-- shortcuts -->\n"+want+"<!-- /shortcuts -->") {
		t.Errorf("README's keyboard shortcuts (between <!-- shortcuts --> markers) differ from the command table; want:\n%s", want)
	}
}
