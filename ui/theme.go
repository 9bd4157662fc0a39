package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Theme choices, as stored in the preferences.
const (
	ThemeSystem = "system"
	ThemeLight  = "light"
	ThemeDark   = "dark"
	themeKey    = "theme"
)

// variantTheme is Fyne's theme held at one variant (light or dark)
// whatever the system says.
type variantTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (t variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.variant)
}

// ApplyTheme sets the theme choice (system, light or dark) and remembers it.
func ApplyTheme(a fyne.App, choice string) {
	switch choice {
	case ThemeLight:
		a.Settings().SetTheme(variantTheme{theme.DefaultTheme(), theme.VariantLight})
	case ThemeDark:
		a.Settings().SetTheme(variantTheme{theme.DefaultTheme(), theme.VariantDark})
	default:
		choice = ThemeSystem
		a.Settings().SetTheme(theme.DefaultTheme())
	}
	a.Preferences().SetString(themeKey, choice)
}

// ThemeChoice returns the remembered choice (system by default).
func ThemeChoice(a fyne.App) string {
	return a.Preferences().StringWithFallback(themeKey, ThemeSystem)
}

// RestoreTheme applies the remembered theme choice; call it at start.
func RestoreTheme(a fyne.App) { ApplyTheme(a, ThemeChoice(a)) }
