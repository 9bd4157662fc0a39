package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

// Every toolbar button has its own icon and, while hovered, a tooltip
// naming the command and its shortcut.
func TestToolbarButtonsHaveDistinctIconsAndTooltipsWithShortcuts(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{Flow: exampleFlow(t)})
	var buttons []*tipButton
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if b, ok := o.(*tipButton); ok {
			buttons = append(buttons, b)
			return
		}
		if w, ok := o.(fyne.Widget); ok {
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, c := range c.Objects {
				walk(c)
			}
		}
	}
	walk(e.toolbarObject)
	if len(buttons) < 15 {
		t.Fatalf("%d toolbar buttons with tooltips", len(buttons))
	}
	icons := map[string]string{}
	for _, b := range buttons {
		if b.Icon == nil {
			t.Errorf("%q has no icon", b.tip)
			continue
		}
		if other, dup := icons[b.Icon.Name()]; dup {
			t.Errorf("%q and %q share the icon %s", b.tip, other, b.Icon.Name())
		}
		icons[b.Icon.Name()] = b.tip
		b.MouseIn(&desktop.MouseEvent{})
		if got := e.tips.Text(); got != b.tip || !strings.Contains(got, "(") {
			t.Errorf("hovering shows %q; want the command and its shortcut", got)
		}
		b.MouseOut()
		if got := e.tips.Text(); got != "" {
			t.Errorf("tooltip %q stays after the pointer left", got)
		}
	}
	if icons[codeIcon.Name()] != "Show Flow JSON (Ctrl+J)" {
		t.Errorf("the </> icon is %q's", icons[codeIcon.Name()])
	}
}

func TestShortcutsAreWordedAsMenusShowThem(t *testing.T) {
	for sc, want := range map[fyne.Shortcut]string{
		ctrl(fyne.KeyN):       "Ctrl+N",
		ctrlShift(fyne.KeyF):  "Ctrl+Shift+F",
		ctrl(fyne.KeyEqual):   "Ctrl+=",
		&fyne.ShortcutUndo{}:  "Ctrl+Z",
		&fyne.ShortcutPaste{}: "Ctrl+V",
	} {
		if got := shortcutText(sc); got != want {
			t.Errorf("%T %v: %q, want %q", sc, sc, got, want)
		}
	}
}
