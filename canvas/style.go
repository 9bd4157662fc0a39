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
)

func headerColor(n node) color.Color {
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

func themeColor(name fyne.ThemeColorName) color.Color {
	return theme.Current().Color(name, fyne.CurrentApp().Settings().ThemeVariant())
}
