package kbd

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// A List moves with Up and Down, chooses with Space, Enter and Return
// (Return again on the row already chosen chooses it again), and hands the
// window the keys it has no use for, Left and Right among them.
func TestAListChoosesByTheKeysAndPassesTheOthers(t *testing.T) {
	test.NewTempApp(t)
	list := NewList(func() int { return 3 }, func() fyne.CanvasObject { return widget.NewLabel("row") }, func(widget.ListItemID, fyne.CanvasObject) {})
	c, heard := keyWindow(t, list, fyne.NewSize(300, 300))
	var chosen []widget.ListItemID
	list.OnSelected = func(id widget.ListItemID) { chosen = append(chosen, id) }
	c.Focus(list)

	for _, k := range []fyne.KeyName{
		fyne.KeyDown, fyne.KeyReturn, fyne.KeyReturn, // row 1, twice
		fyne.KeyDown, fyne.KeyUp, fyne.KeyEnter, // row 1 again
		fyne.KeyDown, fyne.KeySpace, // row 2
		fyne.KeyEscape, fyne.KeyLeft, fyne.KeyRight, fyne.KeyF6,
	} {
		list.TypedKey(&fyne.KeyEvent{Name: k})
	}
	if want := []widget.ListItemID{1, 1, 1, 2}; !slices.Equal(chosen, want) {
		t.Errorf("the keys chose rows %v, want %v", chosen, want)
	}
	if want := []fyne.KeyName{fyne.KeyEscape, fyne.KeyLeft, fyne.KeyRight, fyne.KeyF6}; !slices.Equal(*heard, want) {
		t.Errorf("the window heard %v, want %v", *heard, want)
	}
}
