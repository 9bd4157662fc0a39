package canvas

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/studioflow/studioflow/canvas/look"
)

// The canvas's fixed colours come from look, where their contrast is
// checked.
var (
	headerText   = look.HeaderText
	errorColor   = look.ErrorColor
	warningColor = look.WarningColor
	activeColor  = look.ActiveColor
	waitingColor = look.WaitingColor
	takenColor   = look.ActiveColor
	breakColor   = look.BreakColor
)

// headerColor colours a node's header by its library section (the Trigger
// is Flow Control's), the way Studio tells widget families apart.
func headerColor(n *node) color.NRGBA {
	if !n.known {
		return look.UnknownColor
	}
	return look.CategoryColor(n.category)
}

// palette is the theme's colours for one frame.
type palette struct {
	background, body, border, text, muted, wire, primary, selectFill, tipBack, grid color.Color
}

func currentPalette() palette {
	variant := fyne.CurrentApp().Settings().ThemeVariant()
	th := theme.Current()
	c := func(n fyne.ThemeColorName) color.Color { return th.Color(n, variant) }
	primary := c(theme.ColorNamePrimary)
	r, g, b, _ := primary.RGBA()
	fr, fg, fb, _ := c(theme.ColorNameForeground).RGBA()
	return palette{
		background: c(theme.ColorNameBackground),
		body:       c(theme.ColorNameOverlayBackground),
		border:     c(theme.ColorNameInputBorder),
		text:       c(theme.ColorNameForeground),
		muted:      c(theme.ColorNamePlaceHolder),
		wire:       look.Wire(c(theme.ColorNameForeground)),
		primary:    primary,
		selectFill: color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: 0x30},
		tipBack:    c(theme.ColorNameMenuBackground),
		grid:       color.NRGBA{R: uint8(fr >> 8), G: uint8(fg >> 8), B: uint8(fb >> 8), A: 0x0d},
	}
}
