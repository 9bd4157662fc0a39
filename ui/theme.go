package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/studioflow/studioflow/canvas/look"
	"github.com/studioflow/studioflow/internal/prefstore"
)

// Theme choices, as stored in the preferences.
const (
	ThemeSystem = "system"
	ThemeLight  = "light"
	ThemeDark   = "dark"
	themeKey    = "theme"
)

// ApplyTheme sets the theme choice (Studioflow's theme: the shared type
// scale and colours checked for contrast, in look) (system, light or dark)
// and remembers it in prefs.
func ApplyTheme(a fyne.App, prefs *prefstore.Store, choice string) {
	prefs.SetString(themeKey, setTheme(a, choice))
}

// setTheme makes choice the app's theme and returns it (system for a
// choice it does not know).
func setTheme(a fyne.App, choice string) string {
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
	return choice
}

// ThemeChoice returns the remembered choice (system by default).
func ThemeChoice(prefs *prefstore.Store) string {
	return prefs.StringWithFallback(themeKey, ThemeSystem)
}

// RestoreTheme applies the remembered theme choice; call it at start. It
// writes nothing: a start saving the theme it just read would write over
// a choice another window made meanwhile.
func RestoreTheme(a fyne.App, prefs *prefstore.Store) { setTheme(a, ThemeChoice(prefs)) }
