package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/ui/kbd"
	"github.com/studioflow/studioflow/ui/workspace"
)

// dialogMargin is what a dialog leaves of its window on each side, so that
// however much it holds, it opens whole and scrolls inside.
const dialogMargin = 24

// fitDialog sizes d for its content: natural is the size content would
// take shown whole (content itself may be a scroll or a list, whose
// smallest size says nothing). The dialog is as big as that, but no bigger
// than its window, where its content scrolls instead.
func fitDialog(d *kbd.Dialog, content fyne.CanvasObject, natural fyne.Size, parent fyne.Window) {
	least := d.MinSize()
	want := fyne.NewSize(
		max(least.Width, natural.Width+dialogPadWidth(parent)),
		// Everything but the content (title, buttons, padding) is what
		// the dialog's smallest height adds to its content's.
		least.Height-content.MinSize().Height+natural.Height,
	)
	if have := parent.Canvas().Size(); have.Width > 0 && have.Height > 0 {
		want = want.Min(fyne.NewSize(have.Width-2*dialogMargin, have.Height-2*dialogMargin))
	}
	d.Resize(want)
}

// dialogPadWidth is the width a Fyne dialog adds around its content (its
// private padWidth), read off a dialog whose content is wider than its
// title and buttons. It cannot be read off the dialog being sized as its
// height is: a scroll's smallest width may be narrower than the buttons,
// and the dialog's smallest width is then theirs, not the content's.
func dialogPadWidth(parent fyne.Window) float32 {
	const wide = 4000
	probe := canvas.NewRectangle(color.Transparent)
	probe.SetMinSize(fyne.NewSize(wide, 1))
	return kbd.New("", probe, parent).MinSize().Width - wide
}

// textLinesSize is the natural size of a list of one-line labels: as wide
// as the longest and as tall as all of them.
func textLinesSize(lines []string) fyne.Size {
	if len(lines) == 0 {
		return fyne.Size{}
	}
	probe := widget.NewLabel("")
	width := float32(0)
	for _, l := range lines {
		probe.SetText(l)
		width = max(width, probe.MinSize().Width)
	}
	// A widget.List puts a separator's thickness between its rows, and
	// its scroll bar over them.
	row := probe.MinSize().Height + theme.SeparatorThicknessSize()
	return fyne.NewSize(width+theme.ScrollBarSize(), row*float32(len(lines)))
}

// secondarySize is the size a secondary window opens at: what its content
// wants, but no larger than the editor window it comes from (which the
// user sized to the screen).
func secondarySize(parent fyne.Window, want fyne.Size) fyne.Size {
	return workspace.SecondarySize(parent, want)
}
