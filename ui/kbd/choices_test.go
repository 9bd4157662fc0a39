package kbd

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
)

// Each wrapped widget hands the window the keys it has no use for and
// keeps its own.
func TestLeftoverKeysReachTheWindowAndOwnKeysStay(t *testing.T) {
	test.NewTempApp(t)
	sel := NewSelect([]string{"a", "b"}, nil)
	check := NewCheck("c", nil)
	entry := NewEntry()
	_, heard := keyWindow(t, container.NewVBox(sel, check, entry), fyne.Size{})

	sel.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF10})
	sel.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight}) // the select's: next option
	check.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF6})
	check.TypedRune(' ') // the check's: toggle
	entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF10})
	entry.TypedRune('x')
	entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft}) // the entry's: caret

	want := []fyne.KeyName{fyne.KeyF10, fyne.KeyF6, fyne.KeyF10}
	if !slices.Equal(*heard, want) {
		t.Fatalf("the window heard %v, want %v", *heard, want)
	}
	if sel.Selected != "a" || !check.Checked || entry.Text != "x" {
		t.Errorf("own keys lost: select %q, check %v, entry %q", sel.Selected, check.Checked, entry.Text)
	}
}
