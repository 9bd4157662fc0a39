package look

import (
	"image/color"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

func TestContrastMatchesWCAGReferenceValues(t *testing.T) {
	black, white := color.Black, color.White
	for _, c := range []struct {
		fg, bg color.Color
		want   float64
	}{
		{black, white, 21},
		{white, white, 1},
		{color.NRGBA{0x76, 0x76, 0x76, 0xff}, white, 4.54}, // the usual "lightest AA grey"
		{color.NRGBA{0, 0, 0, 0x80}, white, 4.00},          // blended to #7f7f7f
	} {
		if got := Contrast(c.fg, c.bg); got < c.want-0.02 || got > c.want+0.02 {
			t.Errorf("Contrast(%v, %v) = %.2f, want %.2f", c.fg, c.bg, got, c.want)
		}
	}
}

func variants() map[string]fyne.ThemeVariant {
	return map[string]fyne.ThemeVariant{"light": theme.VariantLight, "dark": theme.VariantDark}
}

// Every text colour of both themes reads at WCAG AA body contrast on every
// background it is drawn on, and text on a coloured fill on that fill.
func TestThemeTextMeetsWCAGAA(t *testing.T) {
	test.NewTempApp(t)
	for name, v := range variants() {
		th := Theme{Variant: &v}
		for _, fg := range TextColors {
			for _, bg := range Backgrounds {
				if r := Contrast(th.Color(fg, v), th.Color(bg, v)); r < BodyContrast {
					t.Errorf("%s: %s on %s is %.2f:1, want %.1f:1", name, fg, bg, r, BodyContrast)
				}
			}
		}
		for fill, on := range OnColors {
			if r := Contrast(th.Color(on, v), th.Color(fill, v)); r < BodyContrast {
				t.Errorf("%s: %s on %s is %.2f:1, want %.1f:1", name, on, fill, r, BodyContrast)
			}
		}
	}
}

// The canvas: header text on every category, badge counts on their
// colours, wires and state outlines against the canvas and node bodies.
func TestCanvasColoursMeetWCAGAA(t *testing.T) {
	test.NewTempApp(t)
	for _, c := range append(Categories(), "unknown") {
		if r := Contrast(HeaderText, CategoryColor(c)); r < BodyContrast {
			t.Errorf("header text on %s is %.2f:1", c, r)
		}
	}
	for name, c := range map[string]color.Color{"error": ErrorColor, "warning": WarningColor} {
		if r := Contrast(HeaderText, c); r < BodyContrast {
			t.Errorf("badge count on %s is %.2f:1", name, r)
		}
	}
	if r := Contrast(color.Black, WaitingColor); r < BodyContrast {
		t.Errorf("waiting tag text is %.2f:1", r)
	}
	for name, v := range variants() {
		th := Theme{Variant: &v}
		wire := Wire(th.Color(theme.ColorNameForeground, v))
		strokes := map[string]color.Color{
			"wire": wire, "selected": th.Color(theme.ColorNamePrimary, v),
			"error": ErrorColor, "warning": WarningColor, "run": ActiveColor,
		}
		for _, bg := range []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameOverlayBackground} {
			for s, c := range strokes {
				if r := Contrast(c, th.Color(bg, v)); r < LargeContrast {
					t.Errorf("%s: %s stroke on %s is %.2f:1, want %.0f:1", name, s, bg, r, float64(LargeContrast))
				}
			}
		}
	}
}

// Outlines of controls (an entry, an unchecked check box or radio button)
// stand out at stroke contrast from every background they sit on, the
// pointer's hover included, and from their own fill.
func TestInputBorderMeetsStrokeContrast(t *testing.T) {
	test.NewTempApp(t)
	for name, v := range variants() {
		th := Theme{Variant: &v}
		border := th.Color(theme.ColorNameInputBorder, v)
		for _, bg := range append(slices.Clone(Backgrounds), theme.ColorNameHover) {
			if r := Contrast(border, Over(th.Color(bg, v), th.Color(theme.ColorNameBackground, v))); r < LargeContrast {
				t.Errorf("%s: input border on %s is %.2f:1, want %.0f:1", name, bg, r, float64(LargeContrast))
			}
		}
	}
}

func TestThemeTextSizesAreTheTypeScale(t *testing.T) {
	th := Theme{}
	for n, want := range map[fyne.ThemeSizeName]float32{
		theme.SizeNameCaptionText: TextCaption, theme.SizeNameText: TextBody,
		theme.SizeNameSubHeadingText: TextSubheading, theme.SizeNameHeadingText: TextHeading,
	} {
		if got := th.Size(n); got != want {
			t.Errorf("%s is %v, want %v", n, got, want)
		}
	}
}

// The focus ring is drawn just outside the focused element, on whatever
// background the element sits on, in both themes.
func TestFocusRingMeetsStrokeContrast(t *testing.T) {
	test.NewTempApp(t)
	for name, v := range variants() {
		th := Theme{Variant: &v}
		ring := FocusRing(th, v)
		for _, bg := range append(slices.Clone(Backgrounds), theme.ColorNameHover, theme.ColorNameSelection) {
			if r := Contrast(ring, Over(th.Color(bg, v), th.Color(theme.ColorNameBackground, v))); r < LargeContrast {
				t.Errorf("%s: focus ring on %s is %.2f:1, want %.0f:1", name, bg, r, float64(LargeContrast))
			}
		}
	}
}
