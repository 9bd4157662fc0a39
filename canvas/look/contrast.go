// Package look is Studioflow's visual language, shared by the canvas and
// the panels around it: the type scale, the theme's colours, the widget
// categories' colours and the WCAG contrast arithmetic that checks them.
package look

import (
	"image/color"
	"math"
)

// WCAG AA minimum contrast ratios.
const (
	// BodyContrast is the least contrast of body text with its background.
	BodyContrast = 4.5
	// LargeContrast is the least for large text and for strokes that carry
	// meaning (wires, ports, outlines).
	LargeContrast = 3.0
)

// Contrast is the WCAG 2 contrast ratio of fg over bg (from 1 to 21). A
// translucent fg is blended over bg first; bg is taken as opaque.
func Contrast(fg, bg color.Color) float64 {
	b := opaque(bg)
	f := Over(fg, b)
	lf, lb := luminance(f), luminance(b)
	if lf < lb {
		lf, lb = lb, lf
	}
	return (lf + 0.05) / (lb + 0.05)
}

// Over blends c over an opaque background.
func Over(c, bg color.Color) color.NRGBA {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	b := opaque(bg)
	a := float64(n.A) / 255
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*a + float64(y)*(1-a))) }
	return color.NRGBA{R: mix(n.R, b.R), G: mix(n.G, b.G), B: mix(n.B, b.B), A: 0xff}
}

func opaque(c color.Color) color.NRGBA {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = 0xff
	return n
}

// luminance is the relative luminance of an opaque sRGB colour.
func luminance(c color.NRGBA) float64 {
	ch := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(c.R) + 0.7152*ch(c.G) + 0.0722*ch(c.B)
}
