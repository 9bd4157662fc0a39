package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// At 1024×700 the library shows every widget type's name whole, none cut
// with "…": a long one wraps, and its row is tall enough for its lines.
func TestLibraryNamesShowWholeAt1024x700(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{Flow: exampleFlow(t)})
	e.win.Resize(fyne.NewSize(1024, 700))
	items, wrapped := 0, 0
	for _, o := range shownObjects(t, e.win.Content()) {
		it, ok := o.(*libraryItem)
		if !ok {
			continue
		}
		items++
		for _, inner := range test.LaidOutObjects(it) {
			l, ok := inner.(*widget.Label)
			if !ok || l.Text != it.wt.Title {
				continue
			}
			need := fyne.MeasureText(l.Text, theme.TextSize(), l.TextStyle).Width + 2*theme.InnerPadding()
			fits := need <= l.Size().Width
			wraps := l.Wrapping != fyne.TextWrapOff && l.Size().Height >= l.MinSize().Height
			if l.Truncation != fyne.TextTruncateOff || !fits && !wraps {
				t.Errorf("%q needs %v px and has %v×%v (%v high to wrap): it is cut", l.Text, need, l.Size().Width, l.Size().Height, l.MinSize().Height)
			}
			if !fits {
				wrapped++
			}
		}
	}
	if items < 15 {
		t.Fatalf("only %d library items shown", items)
	}
	t.Logf("%d of %d names wrap", wrapped, items)
}
