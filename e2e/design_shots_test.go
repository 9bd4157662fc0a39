package e2e

import (
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/studioflow/studioflow/canvas/look"
)

// The design proof: the real binary at 1280×800 and 1024×700 in both
// themes, screenshots kept under shots/e2e/design-* for a person to look
// at, each step ending on something it checks on screen.
func TestDesignScreensInBothThemesAndSizes(t *testing.T) {
	t.Parallel()
	big := filepath.Join(flowsDir, "followup-survey.json") // the project's 20-widget flow
	bin := buildStudioflow(t)
	for _, screen := range []image.Point{{1280, 800}, {1024, 700}} {
		for _, variant := range []string{"light", "dark"} {
			name := fmt.Sprintf("%dx%d-%s", screen.X, screen.Y, variant)
			t.Run(name, func(t *testing.T) { t.Parallel(); designScreens(t, bin, big, screen, variant, name) })
		}
	}
}

// designPrefs gives the applications started on x from now on a new home
// with preferences of their own: the theme and a window the size of the
// screen; Fyne's animations on, as it ships. They are written as Fyne's
// preferences.json, which a new home's preferences start from (as a user
// upgrading from a release that kept them there).
func designPrefs(t *testing.T, x *xserver, screen image.Point, variant string) {
	t.Helper()
	x.isolate(t)
	x.fyneSettings(t, "")
	dir := x.appConfigDir()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	prefs, _ := json.Marshal(map[string]any{
		"theme": variant, "layout.window.width": screen.X, "layout.window.height": screen.Y,
	})
	if err := os.WriteFile(filepath.Join(dir, "preferences.json"), prefs, 0o644); err != nil {
		t.Fatal(err)
	}
}

// themeVariant is Fyne's variant of a theme named in the preferences
// ("light" or "dark").
func themeVariant(variant string) fyne.ThemeVariant {
	if variant == "light" {
		return theme.VariantLight
	}
	return theme.VariantDark
}

func designScreens(t *testing.T, bin, big string, screen image.Point, variant, name string) {
	x := startXvfbSize(t, screen.X, screen.Y)
	designPrefs(t, x, screen, variant)
	v := themeVariant(variant)
	th := look.Theme{Variant: &v}
	background := rgba(th.Color(theme.ColorNameBackground, v))

	// The example flow as it opens: readable (zoom 1), the Trigger in view.
	app := startApp(t, x, bin)
	window := x.waitWindow(t, app.process, regexp.QuoteMeta("A New Flow (simple_flow.json)")+".*Studioflow")
	area := x.windowGeometry(t, window)
	if area.Dx() > screen.X || area.Dy() > screen.Y {
		t.Errorf("the window is %v on a %v screen", area.Size(), screen)
	}
	img := waitForDrawing(t, x, "design-"+name+"-example", area)
	checkThemeAndTrigger(t, img, area, background, "the example")
	// Its status bar says the flow is saved once the window has been built
	// and the UI goroutine answers: keys pressed now are read.
	app.waitText(t, "Studioflow", "Saved")
	x.quitWithKeys(t, app.process, window)

	// A 21-widget real flow as it opens, then at Zoom to Fit: in a home of
	// its own with the same preferences, as designSimulator's second
	// application (once, under load, it opened dark at 1280×800 as if the
	// first one's quit had left the preferences file without the theme and
	// size: not what this test is about).
	designPrefs(t, x, screen, variant)
	app = startApp(t, x, bin, "edit", big)
	window = x.waitWindow(t, app.process, "followup-survey.*Studioflow")
	area = x.windowGeometry(t, window)
	img = waitForDrawing(t, x, "design-"+name+"-big-open", area)
	open := checkThemeAndTrigger(t, img, area, background, "the 21-widget flow")
	app.waitText(t, "Studioflow", "Saved")
	x.focus(t, window, image.Pt(area.Dx()/2, area.Dy()-8))
	x.run(t, "xdotool", "key", "--clearmodifiers", "ctrl+shift+f")
	img = x.changed(t, "design-"+name+"-big-fit", img, area)
	if fit := measure(img, area).near(triggerPurple, 8); fit >= open {
		t.Errorf("Zoom to Fit: %d Trigger-purple pixels, %d as opened: it did not zoom out", fit, open)
	}

	// Show Flow JSON, a syntax error, Apply: the error is shown.
	x.run(t, "xdotool", "key", "--clearmodifiers", "ctrl+j")
	primary := []color.RGBA{rgba(th.Color(theme.ColorNamePrimary, v))}
	buttons := image.Rect(area.Min.X+area.Dx()/2, area.Min.Y+area.Dy()*4/5, area.Max.X, area.Max.Y)
	var apply image.Rectangle
	_, ok := x.seeWithin(t, "design-"+name+"-json", func(img image.Image) bool {
		var found bool
		apply, found = colourBlock(img, buttons, primary)
		return found
	})
	if !ok {
		t.Fatalf("Show Flow JSON shows no Apply button (a %v block) at its bottom right", primary)
	}
	img = x.still(t, "design-"+name+"-json", area)
	x.run(t, "xdotool", "type", "xx") // typing edits; an x before the { breaks the JSON
	x.changed(t, "design-"+name+"-json-edit", img, area)
	// Editing swaps Edit for View, which can move Apply, and the focus
	// ring around a button is drawn in the same primary colour: the probe
	// says where Apply is now, inside the blue block seen.
	at, _, _ := app.where(t, "Studioflow", "Apply")
	if !at.Add(area.Min).In(apply.Inset(-200)) {
		t.Errorf("Apply is at %v, away from the primary-coloured block %v", at.Add(area.Min), apply)
	}
	x.focus(t, window, at)
	errColour := []color.RGBA{rgba(th.Color(theme.ColorNameError, v))}
	var errPixels int
	img, _ = x.seeWithin(t, "design-"+name+"-json-error", func(img image.Image) bool {
		errPixels = measure(img, area).near(errColour[0], 10)
		return errPixels > 150
	})
	if errPixels <= 150 {
		t.Errorf("after Apply with a syntax error only %d pixels of the error colour", errPixels)
	}
	x.run(t, "xdotool", "key", "--clearmodifiers", "Escape")

	// The Flows home, once the dialog has gone.
	x.changed(t, "design-"+name+"-json-closed", img, area)
	x.focus(t, window, image.Pt(area.Dx()/2, area.Dy()-8))
	x.run(t, "xdotool", "key", "--clearmodifiers", "ctrl+shift+h")
	home := x.waitWindow(t, app.process, "Flows")
	homeArea := x.windowGeometry(t, home)
	img = waitForDrawing(t, x, "design-"+name+"-flows-home", homeArea)
	if homeArea.Dx() > screen.X || homeArea.Dy() > screen.Y {
		t.Errorf("the Flows home is %v on a %v screen", homeArea.Size(), screen)
	}
	if d := measure(img, homeArea).dominant; colourDistance(d, background) > 24 {
		t.Errorf("the Flows home's background is %v, not the %s theme's %v", d, variant, background)
	}
}

// checkThemeAndTrigger checks that the window is in the theme asked for and
// shows the Trigger's header; it returns how many pixels that header has.
func checkThemeAndTrigger(t *testing.T, img image.Image, area image.Rectangle, background color.RGBA, what string) int {
	t.Helper()
	s := measure(img, area)
	if colourDistance(s.dominant, background) > 24 {
		t.Errorf("%s: the window's background is %v, want the theme's %v", what, s.dominant, background)
	}
	n := s.near(triggerPurple, 8)
	if n < 500 {
		t.Errorf("%s: %d pixels of the Trigger's header: it is not in view", what, n)
	}
	return n
}

func colourDistance(a, b color.RGBA) int {
	return abs(int(a.R)-int(b.R)) + abs(int(a.G)-int(b.G)) + abs(int(a.B)-int(b.B))
}

// primaryColours are the theme's primary colours (light and dark), the
// colour of default buttons.
func primaryColours() []color.RGBA {
	var out []color.RGBA
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		out = append(out, rgba(look.Theme{Variant: &v}.Color(theme.ColorNamePrimary, v)))
	}
	return out
}

// colourBlock is the box around the pixels of r in one of colours, found
// when there are enough of them to be a button.
func colourBlock(img image.Image, r image.Rectangle, colours []color.RGBA) (image.Rectangle, bool) {
	box, n := image.Rectangle{}, 0
	r = r.Intersect(img.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			for _, c := range colours {
				if abs(int(cr>>8)-int(c.R)) <= 10 && abs(int(cg>>8)-int(c.G)) <= 10 && abs(int(cb>>8)-int(c.B)) <= 10 {
					p := image.Rect(x, y, x+1, y+1)
					if n == 0 {
						box = p
					} else {
						box = box.Union(p)
					}
					n++
					break
				}
			}
		}
	}
	return box, n > 300
}

// The simulator beside the canvas at both sizes and in both themes: a
// call waiting at a menu with the keypad showing, and a text conversation
// mid-thread. Everything the person needs is in the window, unscrolled.
func TestDesignSimulatorInBothThemesAndSizes(t *testing.T) {
	t.Parallel()
	bin := buildStudioflow(t)
	for _, screen := range []image.Point{{1280, 800}, {1024, 700}} {
		for _, variant := range []string{"light", "dark"} {
			name := fmt.Sprintf("%dx%d-%s", screen.X, screen.Y, variant)
			t.Run(name, func(t *testing.T) { t.Parallel(); designSimulator(t, bin, screen, variant, name) })
		}
	}
}

func designSimulator(t *testing.T, bin string, screen image.Point, variant, name string) {
	x := startXvfbSize(t, screen.X, screen.Y)

	designPrefs(t, x, screen, variant)
	a, window, title := simulatorOn(t, x, bin, "joke-line.json")
	area := x.windowGeometry(t, window)
	a.click(t, window, title, "Start")
	a.waitText(t, title, "In call", "Waiting at menu")
	for _, key := range []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#", "Hang up", "Breakpoints"} {
		shownWhole(t, a, title, key, area)
	}
	x.screenshot(t, "design-"+name+"-sim-call")
	a.click(t, window, title, "Hang up")
	a.waitText(t, title, "Call ended")
	x.quitWithKeys(t, a.process, window)

	designPrefs(t, x, screen, variant)
	a, window, title = simulatorOn(t, x, bin, "horoscope.json")
	textAnUnknownSign(t, x, a, window, title)
	for _, text := range []string{"Send", "No reply", "text the flow…"} {
		shownWhole(t, a, title, text, area)
	}
	x.screenshot(t, "design-"+name+"-sim-text")
}

// shownWhole fails unless text shows inside the window, not scrolled out
// of view.
func shownWhole(t *testing.T, a *app, title, text string, area image.Rectangle) {
	t.Helper()
	at, hidden, _ := a.where(t, title, text)
	if hidden || at.X < 0 || at.Y < 0 || at.X >= area.Dx() || at.Y >= area.Dy() {
		t.Errorf("%q is at %v (hidden %v), outside the %v window", text, at, hidden, area.Size())
	}
}
