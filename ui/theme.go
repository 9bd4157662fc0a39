package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/studioflow/studioflow/canvas/look"
)

// Theme choices, as stored in the preferences.
const (
	ThemeSystem = "system"
	ThemeLight  = "light"
	ThemeDark   = "dark"
	themeKey    = "theme"
)

// ApplyTheme sets the theme choice (Studioflow's theme: the shared type
// scale and colours checked for contrast, in look) (system, light or dark) and remembers it.
func ApplyTheme(a fyne.App, choice string) {
	switch choice {
	case ThemeLight:
		v := theme.VariantLight
		a.Settings().SetTheme(look.Theme{Variant: &v})
	case ThemeDark:
		v := theme.VariantDark
		a.Settings().SetTheme(look.Theme{Variant: &v})
	default:
		choice = ThemeSystem
		a.Settings().SetTheme(look.Theme{})
	}
	a.Preferences().SetString(themeKey, choice)
}

// ThemeChoice returns the remembered choice (system by default).
func ThemeChoice(a fyne.App) string {
	return a.Preferences().StringWithFallback(themeKey, ThemeSystem)
}

// RestoreTheme applies the remembered theme choice; call it at start.
func RestoreTheme(a fyne.App) { ApplyTheme(a, ThemeChoice(a)) }
