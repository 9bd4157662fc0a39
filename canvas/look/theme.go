package look

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Theme is Fyne's default theme with Studioflow's type scale and with the
// colours that fall short of WCAG AA in Fyne's defaults replaced: text, and
// the input border, which outlines entries and unchecked check boxes and
// radio buttons (Fyne's is 1.2:1 on the background in light, 1.3:1 in dark).
// Variant, when set, holds it at light or dark whatever the system says.
type Theme struct {
	Variant *fyne.ThemeVariant
}

var (
	light = map[fyne.ThemeColorName]color.Color{
		theme.ColorNamePlaceHolder:         color.NRGBA{R: 0x6b, G: 0x6b, B: 0x6b, A: 0xff},
		theme.ColorNameDisabled:            color.NRGBA{R: 0x6e, G: 0x6e, B: 0x6e, A: 0xff},
		theme.ColorNamePrimary:             color.NRGBA{R: 0x1f, G: 0x5f, B: 0xd6, A: 0xff},
		theme.ColorNameHyperlink:           color.NRGBA{R: 0x1f, G: 0x5f, B: 0xd6, A: 0xff},
		theme.ColorNameForegroundOnPrimary: color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff},
		theme.ColorNameError:               color.NRGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff},
		theme.ColorNameSuccess:             color.NRGBA{R: 0x1b, G: 0x7a, B: 0x2f, A: 0xff},
		theme.ColorNameWarning:             color.NRGBA{R: 0xa3, G: 0x5c, B: 0x00, A: 0xff},
		theme.ColorNameFocus:               color.NRGBA{R: 0x1f, G: 0x5f, B: 0xd6, A: 0x40},
		theme.ColorNameSelection:           color.NRGBA{R: 0x1f, G: 0x5f, B: 0xd6, A: 0x30},
		theme.ColorNameInputBorder:         color.NRGBA{R: 0x85, G: 0x85, B: 0x85, A: 0xff},
	}
	dark = map[fyne.ThemeColorName]color.Color{
		theme.ColorNameDisabled:            color.NRGBA{R: 0x9a, G: 0x9a, B: 0xa0, A: 0xff},
		theme.ColorNamePrimary:             color.NRGBA{R: 0x5b, G: 0x93, B: 0xff, A: 0xff},
		theme.ColorNameHyperlink:           color.NRGBA{R: 0x5b, G: 0x93, B: 0xff, A: 0xff},
		theme.ColorNameForegroundOnPrimary: color.NRGBA{R: 0x10, G: 0x10, B: 0x14, A: 0xff},
		theme.ColorNameError:               color.NRGBA{R: 0xff, G: 0x6b, B: 0x5e, A: 0xff},
		theme.ColorNameFocus:               color.NRGBA{R: 0x5b, G: 0x93, B: 0xff, A: 0x50},
		theme.ColorNameSelection:           color.NRGBA{R: 0x5b, G: 0x93, B: 0xff, A: 0x40},
		theme.ColorNameInputBorder:         color.NRGBA{R: 0x7a, G: 0x7b, B: 0x80, A: 0xff},
	}
)

// Color is part of fyne.Theme.
func (t Theme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if t.Variant != nil {
		v = *t.Variant
	}
	table := light
	if v == theme.VariantDark {
		table = dark
	}
	if c, ok := table[n]; ok {
		return c
	}
	return theme.DefaultTheme().Color(n, v)
}

// Font is part of fyne.Theme.
func (t Theme) Font(s fyne.TextStyle) fyne.Resource { return theme.DefaultTheme().Font(s) }

// Icon is part of fyne.Theme.
func (t Theme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

// Size is part of fyne.Theme: text sizes come from the type scale.
func (t Theme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNameCaptionText:
		return TextCaption
	case theme.SizeNameText:
		return TextBody
	case theme.SizeNameSubHeadingText:
		return TextSubheading
	case theme.SizeNameHeadingText:
		return TextHeading
	}
	return theme.DefaultTheme().Size(n)
}

// TextColors are the theme colours text is drawn in, and Backgrounds the
// colours it is drawn on; every pair meets BodyContrast.
var (
	TextColors = []fyne.ThemeColorName{
		theme.ColorNameForeground, theme.ColorNamePlaceHolder, theme.ColorNameDisabled,
		theme.ColorNamePrimary, theme.ColorNameHyperlink,
		theme.ColorNameError, theme.ColorNameSuccess, theme.ColorNameWarning,
	}
	Backgrounds = []fyne.ThemeColorName{
		theme.ColorNameBackground, theme.ColorNameInputBackground, theme.ColorNameOverlayBackground,
		theme.ColorNameMenuBackground, theme.ColorNameHeaderBackground, theme.ColorNameButton,
	}
	// OnColors pairs a fill with the text drawn on it.
	OnColors = map[fyne.ThemeColorName]fyne.ThemeColorName{
		theme.ColorNamePrimary: theme.ColorNameForegroundOnPrimary,
		theme.ColorNameError:   theme.ColorNameForegroundOnError,
		theme.ColorNameSuccess: theme.ColorNameForegroundOnSuccess,
		theme.ColorNameWarning: theme.ColorNameForegroundOnWarning,
	}
)

// FocusRing is the colour of the ring drawn around the element holding the
// keyboard: the theme's primary colour, which keeps stroke contrast
// (LargeContrast) on every background of both themes.
func FocusRing(th fyne.Theme, v fyne.ThemeVariant) color.Color {
	return th.Color(theme.ColorNamePrimary, v)
}
