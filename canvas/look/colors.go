package look

import (
	"image/color"

	"github.com/studioflow/studioflow/schemas"
)

// Category colours: a widget family keeps one colour on the canvas header,
// in the library and in the inspector. Each holds white header text at
// WCAG AA body contrast.
var categoryColors = map[schemas.Category]color.NRGBA{
	schemas.FlowControl:          {R: 0x7c, G: 0x4d, B: 0xc9, A: 0xff},
	schemas.Voice:                {R: 0xd6, G: 0x1f, B: 0x1f, A: 0xff},
	schemas.Messaging:            {R: 0x00, G: 0x69, B: 0xb8, A: 0xff},
	schemas.ToolsAndCode:         {R: 0x0f, G: 0x7a, B: 0x50, A: 0xff},
	schemas.ConnectOtherProducts: {R: 0xb3, G: 0x59, B: 0x00, A: 0xff},
}

// UnknownColor is the header of a widget whose type nobody knows.
var UnknownColor = color.NRGBA{R: 0x6b, G: 0x6f, B: 0x7a, A: 0xff}

// HeaderText is the text and icon colour on a category colour.
var HeaderText = color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}

// CategoryColor is the colour of a widget category (the Trigger's too:
// it belongs to Flow Control).
func CategoryColor(c schemas.Category) color.NRGBA {
	if col, ok := categoryColors[c]; ok {
		return col
	}
	return UnknownColor
}

// Categories lists the categories that have a colour of their own.
func Categories() []schemas.Category {
	return []schemas.Category{schemas.FlowControl, schemas.Voice, schemas.Messaging, schemas.ToolsAndCode, schemas.ConnectOtherProducts}
}

// State colours, the same in both themes: mid-tones that stand out as
// strokes (3:1) on light and dark canvases alike and hold white text.
var (
	ErrorColor   = color.NRGBA{R: 0xd3, G: 0x2f, B: 0x2f, A: 0xff}
	WarningColor = color.NRGBA{R: 0xb0, G: 0x5e, B: 0x00, A: 0xff}
	// ActiveColor marks the widget a run is at and the wires it took.
	ActiveColor  = color.NRGBA{R: 0x15, G: 0x80, B: 0x3d, A: 0xff}
	WaitingColor = color.NRGBA{R: 0xf0, G: 0xa0, B: 0x00, A: 0xff}
	BreakColor   = color.NRGBA{R: 0xd0, G: 0x10, B: 0x30, A: 0xff}
)

// WireAlpha is the opacity of the foreground colour wires are drawn in:
// softer than text, still at stroke contrast in both themes.
const WireAlpha = 0xb4

// Wire is the colour of a plain wire drawn over a canvas of the given
// foreground colour.
func Wire(foreground color.Color) color.NRGBA {
	n := color.NRGBAModel.Convert(foreground).(color.NRGBA)
	n.A = WireAlpha
	return n
}
