package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	fynecanvas "fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

type saveChoice int

const (
	cancelChoice saveChoice = iota
	saveFirst
	discard
)

// askSave asks whether to save before going on: Save, Don't Save or Cancel.
func askSave(w fyne.Window, question string, answer func(saveChoice)) {
	var d *dialog.CustomDialog
	choose := func(c saveChoice) func() {
		return func() {
			d.Hide()
			answer(c)
		}
	}
	save := widget.NewButton("Save", choose(saveFirst))
	save.Importance = widget.HighImportance
	dontSave := widget.NewButton("Don't Save", choose(discard))
	cancel := widget.NewButton("Cancel", choose(cancelChoice))
	d = dialog.NewCustomWithoutButtons("Unsaved changes", wrappedLabel(question), w)
	d.SetButtons([]fyne.CanvasObject{cancel, dontSave, save})
	d.Show()
}

func showMessage(w fyne.Window, title, text string) {
	dialog.ShowCustom(title, "OK", wrappedLabel(text), w)
}

func wrappedLabel(text string) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	// Wide enough that a sentence reads on one or two lines.
	spacer := fynecanvas.NewRectangle(color.Transparent)
	spacer.SetMinSize(fyne.NewSize(420, 1))
	return container.NewVBox(spacer, l)
}

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
