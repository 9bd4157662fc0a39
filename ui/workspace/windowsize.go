package workspace

import "fyne.io/fyne/v2"

// SecondarySize is the size a secondary window (an execution, a revision,
// a compare view) opens at: what its content wants, but no larger than the
// window it comes from, which the user sized to the screen. Fyne cannot say
// how big the screen is, so a fixed size could open cut off on a small one.
func SecondarySize(parent fyne.Window, want fyne.Size) fyne.Size {
	if parent == nil {
		return want
	}
	have := parent.Canvas().Size()
	if have.Width <= 0 || have.Height <= 0 {
		return want
	}
	return want.Min(have)
}
