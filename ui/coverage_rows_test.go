package ui

import (
	"image"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// A space after the arrow of an uncovered transition's row draws nothing.
// The theme's text font has no "→"; the symbol font that draws it has no
// space, and a space shaped with the arrow was drawn as a box.
func TestUncoveredRowsDrawNoBoxAfterTheArrow(t *testing.T) {
	test.NewTempApp(t)
	ink := func(text string) int {
		row := newUncoveredRow()
		setUncoveredRow(row, text)
		w := test.NewWindow(row)
		defer w.Close()
		w.Resize(fyne.NewSize(360, 48))
		return inkPixels(w.Canvas().Capture())
	}
	arrow := ink(`route  match "sales" →`)
	if arrow == ink(`route  match "sales"`) {
		t.Fatal("the arrow draws nothing")
	}
	if spaced := ink(`route  match "sales" → `); spaced != arrow {
		t.Errorf("a space after the arrow draws %d pixels", spaced-arrow)
	}
	if row, word := ink(`route  match "sales" → sales`), ink("sales"); row > arrow+word+word/4 {
		t.Errorf("the row draws %d pixels, the arrow's text %d and the word after it %d: more than the word after the arrow", row, arrow, word)
	}
}

// inkPixels counts the pixels that differ from the top-left one (the
// background).
func inkPixels(img image.Image) int {
	b := img.Bounds()
	bg := img.At(b.Min.X, b.Min.Y)
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if img.At(x, y) != bg {
				n++
			}
		}
	}
	return n
}
