package ui

import (
	"fyne.io/fyne/v2"
	fynecanvas "fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/ui/kbd"
)

type saveChoice int

const (
	cancelChoice saveChoice = iota
	saveFirst
	discard
)

// askSave asks whether to save before going on: Save, Don't Save or Cancel.
func askSave(w fyne.Window, question string, answer func(saveChoice)) {
	var d *kbd.Dialog
	chosen := false
	choose := func(c saveChoice) func() {
		return func() {
			chosen = true
			d.Hide()
			answer(c)
		}
	}
	save := kbd.NewButton("Save", choose(saveFirst))
	save.Importance = widget.HighImportance
	dontSave := kbd.NewButton("Don't Save", choose(discard))
	cancel := kbd.NewButton("Cancel", choose(cancelChoice))
	d = kbd.New("Unsaved changes", wrappedLabel(question), w)
	// Escape is Cancel.
	d.SetOnClosed(func() {
		if !chosen {
			answer(cancelChoice)
		}
	})
	d.SetButtons(cancel, dontSave, save)
	d.SetFocus(save)
	d.Show()
}

func showMessage(w fyne.Window, title, text string) {
	kbd.ShowMessage(w, title, text)
}

// wrappedLabel is a dialog's message text.
func wrappedLabel(text string) fyne.CanvasObject { return kbd.Text(text) }

// dragGhost is the label that follows the pointer while a library item
// is dragged to the canvas.
type dragGhost struct {
	win   fyne.Window
	layer *fyne.Container
	box   *fyne.Container
	label *widget.Label
	shown bool
}

func newDragGhost(w fyne.Window) *dragGhost {
	g := &dragGhost{win: w}
	g.label = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	bg := fynecanvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	bg.StrokeColor = theme.Color(theme.ColorNamePrimary)
	bg.StrokeWidth = 2
	bg.CornerRadius = 6
	g.box = container.NewStack(bg, container.NewPadded(g.label))
	g.layer = container.NewWithoutLayout(g.box)
	return g
}

// follow moves the ghost to the pointer, or removes it when the drag ends.
func (g *dragGhost) follow(title string, abs fyne.Position, dragging bool) {
	overlays := g.win.Canvas().Overlays()
	if !dragging {
		if g.shown {
			overlays.Remove(g.layer)
			g.shown = false
		}
		return
	}
	if !g.shown {
		g.label.SetText(title)
		overlays.Add(g.layer)
		g.shown = true
	}
	size := g.box.MinSize()
	g.box.Resize(size)
	g.box.Move(abs.Subtract(fyne.NewPos(size.Width/2, size.Height/2)))
	g.layer.Refresh()
}
