package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	fynecanvas "fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/canvas/look"
)

// An unchecked check box, as Fyne draws it in each of the app's themes,
// has an outline at WCAG non-text contrast (3:1) with the window's
// background and with the box's own fill: the colours are read from the
// images the check's renderer draws, not assumed.
func TestUncheckedBoxOutlineMeetsNonTextContrast(t *testing.T) {
	a := test.NewTempApp(t)
	for _, choice := range []string{ThemeLight, ThemeDark} {
		setTheme(a, choice)
		th, v := a.Settings().Theme(), a.Settings().ThemeVariant()
		check := widget.NewCheck("Allow concurrent calls", nil)
		w := test.NewTempWindow(t, check)
		w.Resize(fyne.NewSize(300, 60))
		var colours []fyne.ThemeColorName
		for _, o := range test.LaidOutObjects(check) {
			if img, ok := o.(*fynecanvas.Image); ok {
				if res, ok := img.Resource.(*theme.ThemedResource); ok {
					colours = append(colours, res.ColorName)
				}
			}
		}
		if len(colours) != 2 {
			t.Fatalf("%s: the check draws %d themed images (%v), want the fill and the outline", choice, len(colours), colours)
		}
		outline := th.Color(colours[1], v)
		background := th.Color(theme.ColorNameBackground, v)
		for name, bg := range map[string]fyne.ThemeColorName{"background": theme.ColorNameBackground, "fill": colours[0]} {
			if r := look.Contrast(outline, look.Over(th.Color(bg, v), background)); r < look.LargeContrast {
				t.Errorf("%s theme: the unchecked box's outline (%s) on its %s is %.2f:1, want 3:1", choice, colours[1], name, r)
			}
		}
	}
}
