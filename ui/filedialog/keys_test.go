package filedialog

import (
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/ui/kbd"
)

// Escape closes the chooser choosing nothing wherever the keyboard is in
// it (the path, the list, a button); Cancel pressed from the keyboard
// closes it too; the Replace? question that Save asks closes on Escape
// without replacing, and gives the keyboard back to the chooser.
func TestEscapeClosesTheChooserFromItsPathListAndButtons(t *testing.T) {
	a := test.NewTempApp(t)
	dir := tree(t)
	w := builtinWindow(t)
	c := w.Canvas()
	var got []string
	open := func() *builtin {
		Open(w, a.Preferences(), Options{Purpose: Flows, Extensions: []string{".json"}, Dir: filepath.Join(dir, "flows")}, func(p string) { got = append(got, p) })
		return current(t, w)
	}
	for _, where := range []string{"path", "list", "Open button"} {
		b := open()
		var f fyne.Focusable
		switch where {
		case "path":
			f = b.path
		case "list":
			f = b.list
		default:
			f = b.dialog.Buttons()[1]
		}
		c.Focus(f)
		f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		if c.Overlays().Top() != nil {
			t.Fatalf("Escape in the %s left the chooser up", where)
		}
	}
	b := open()
	cancel := b.dialog.Buttons()[0]
	c.Focus(cancel)
	cancel.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if c.Overlays().Top() != nil || len(got) != 0 {
		t.Fatalf("Space on Cancel: chooser up=%v, chose %v", c.Overlays().Top() != nil, got)
	}

	Save(w, a.Preferences(), Options{Purpose: Flows, Extensions: []string{".json"}, Dir: filepath.Join(dir, "flows")}, func(p string) { got = append(got, p) })
	b = current(t, w)
	b.path.SetText(filepath.Join(dir, "flows", "ivr.json"))
	b.path.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	no, ok := c.Focused().(*kbd.Button)
	if !ok || no.Text != "No" {
		t.Fatalf("Replace? put the keyboard on %T, want No", c.Focused())
	}
	no.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if len(got) != 0 || !b.dialog.Shown() {
		t.Fatalf("Escape on Replace?: chose %v, chooser up=%v", got, b.dialog.Shown())
	}
	if c.Focused() != b.path {
		t.Errorf("after Replace? the keyboard is on %T, want the path", c.Focused())
	}
	b.path.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if c.Overlays().Top() != nil || len(got) != 0 {
		t.Fatalf("Escape after Replace?: chooser up=%v, chose %v", c.Overlays().Top() != nil, got)
	}
}
