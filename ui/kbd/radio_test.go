package kbd

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// A Radio's items keep Space and the arrows (which move the choice and the
// keyboard, wrapping round) and hand the window every other key.
func TestRadioItemsMoveTheChoiceAndPassOtherKeys(t *testing.T) {
	test.NewTempApp(t)
	var changes []string
	r := NewRadio([]string{"a", "b", "c"}, func(s string) { changes = append(changes, s) })
	c, heard := keyWindow(t, container.NewVBox(r), fyne.Size{})
	items := r.Items()
	if len(items) != 3 {
		t.Fatalf("%d items for 3 options", len(items))
	}
	c.Focus(items[0])
	c.Focused().TypedRune(' ')
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if r.Selected != "b" || c.Focused() != items[1] {
		t.Fatalf("Down chose %q with the keyboard on %v", r.Selected, c.Focused())
	}
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft}) // wraps to the last
	if r.Selected != "c" || c.Focused() != items[2] {
		t.Fatalf("Up, Left chose %q with the keyboard on %v", r.Selected, c.Focused())
	}
	for _, k := range []fyne.KeyName{fyne.KeyEscape, fyne.KeyF6, fyne.KeyF10, fyne.KeySpace} {
		c.Focused().TypedKey(&fyne.KeyEvent{Name: k})
	}
	if want := []fyne.KeyName{fyne.KeyEscape, fyne.KeyF6, fyne.KeyF10}; !slices.Equal(*heard, want) {
		t.Errorf("the window heard %v, want %v", *heard, want)
	}
	if want := []string{"a", "b", "a", "c"}; !slices.Equal(changes, want) {
		t.Errorf("changes %v, want %v", changes, want)
	}
	test.Tap(items[1].(fyne.Tappable))
	if r.Selected != "b" || c.Focused() != items[1] {
		t.Errorf("a tap chose %q with the keyboard on %v", r.Selected, c.Focused())
	}
}

// A Table and a Tree keep their arrows and hand the window Escape, F6, F10.
func TestTableAndTreePassTheKeysTheyDoNotUse(t *testing.T) {
	test.NewTempApp(t)
	label := func() fyne.CanvasObject { return widget.NewLabel("cell") }
	table := NewTable(func() (int, int) { return 3, 2 }, label, func(widget.TableCellID, fyne.CanvasObject) {})
	tree := NewTree(
		func(id widget.TreeNodeID) []widget.TreeNodeID {
			if id == "" {
				return []widget.TreeNodeID{"x", "y"}
			}
			return nil
		},
		func(id widget.TreeNodeID) bool { return id == "" },
		func(bool) fyne.CanvasObject { return widget.NewLabel("node") },
		func(widget.TreeNodeID, bool, fyne.CanvasObject) {},
	)
	c, heard := keyWindow(t, container.NewGridWithColumns(2, table, tree), fyne.NewSize(600, 400))
	var picked []widget.TableCellID
	table.OnSelected = func(id widget.TableCellID) { picked = append(picked, id) }
	var chosen []widget.TreeNodeID
	tree.OnSelected = func(id widget.TreeNodeID) { chosen = append(chosen, id) }

	for _, f := range []fyne.Focusable{table, tree} {
		c.Focus(f)
		for _, k := range []fyne.KeyName{fyne.KeyDown, fyne.KeySpace, fyne.KeyEscape, fyne.KeyF6, fyne.KeyF10} {
			f.TypedKey(&fyne.KeyEvent{Name: k})
		}
	}
	want := []fyne.KeyName{fyne.KeyEscape, fyne.KeyF6, fyne.KeyF10, fyne.KeyEscape, fyne.KeyF6, fyne.KeyF10}
	if !slices.Equal(*heard, want) {
		t.Errorf("the window heard %v, want %v", *heard, want)
	}
	if len(picked) != 1 || picked[0].Row != 1 {
		t.Errorf("Down, Space in the table picked %v, want row 1", picked)
	}
	if !slices.Equal(chosen, []widget.TreeNodeID{"y"}) {
		t.Errorf("Down, Space in the tree chose %v, want y", chosen)
	}
}
