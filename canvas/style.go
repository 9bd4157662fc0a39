package canvas

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/studioflow/studioflow/schemas"
)

// categoryColors colours a node's header by its library section, the way
// Studio tells widget families apart at a glance.
var categoryColors = map[schemas.Category]color.NRGBA{
	schemas.FlowControl:          {R: 0x8c, G: 0x5b, B: 0xd8, A: 0xff},
	schemas.Voice:                {R: 0xd6, G: 0x1f, B: 0x1f, A: 0xff},
	schemas.Messaging:            {R: 0x00, G: 0x7a, B: 0xd9, A: 0xff},
	schemas.ToolsAndCode:         {R: 0x12, G: 0x8a, B: 0x5c, A: 0xff},
	schemas.ConnectOtherProducts: {R: 0xd9, G: 0x6d, B: 0x00, A: 0xff},
}

var (
	triggerColor = color.NRGBA{R: 0xf2, G: 0x2f, B: 0x46, A: 0xff}
	unknownColor = color.NRGBA{R: 0x6b, G: 0x6f, B: 0x7a, A: 0xff}
	headerText   = color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
	errorColor   = color.NRGBA{R: 0xe0, G: 0x2b, B: 0x2b, A: 0xff}
	warningColor = color.NRGBA{R: 0xe8, G: 0x9b, B: 0x00, A: 0xff}
	activeColor  = color.NRGBA{R: 0x1f, G: 0xb8, B: 0x5a, A: 0xff}
	waitingColor = color.NRGBA{R: 0xf0, G: 0xa0, B: 0x00, A: 0xff}
	takenColor   = color.NRGBA{R: 0x1f, G: 0xb8, B: 0x5a, A: 0xff}
	breakColor   = color.NRGBA{R: 0xd0, G: 0x10, B: 0x30, A: 0xff}
)

func headerColor(n *node) color.NRGBA {
	switch {
	case n.trigger:
		return triggerColor
	case !n.known:
		return unknownColor
	}
	if c, ok := categoryColors[n.category]; ok {
		return c
	}
	return unknownColor
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
		wire:       color.NRGBA{R: uint8(fr >> 8), G: uint8(fg >> 8), B: uint8(fb >> 8), A: 0x8c},
		primary:    primary,
		selectFill: color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: 0x30},
		tipBack:    c(theme.ColorNameMenuBackground),
		grid:       color.NRGBA{R: uint8(fr >> 8), G: uint8(fg >> 8), B: uint8(fb >> 8), A: 0x0d},
	}
}
