package e2e

import (
	"image"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2/theme"

	"github.com/studioflow/studioflow/canvas/look"
)

// The pointer resting on a problem in the Problems list shows its tooltip;
// typing the missing URL fixes the problem, and the tooltip goes with it
// (it stayed on screen, telling of a problem already gone): its words
// leave the window and its box leaves the screen, the pointer not moving.
func TestAProblemsTooltipGoesWithTheProblemItTellsOf(t *testing.T) {
	t.Parallel()
	x := startXvfb(t)
	designPrefs(t, x, image.Pt(1280, 800), "dark")
	x.fyneSettings(t, `{"no_animations": true}`) // no cursor blink to wait out
	v := themeVariant("dark")
	fill := rgba(look.Theme{Variant: &v}.Color(theme.ColorNameMenuBackground, v)) // a tooltip's
	bin := buildStudioflow(t)
	const file = "horoscope.json"
	path := filepath.Join(t.TempDir(), file)
	data, err := os.ReadFile(filepath.Join(flowsDir, file))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	a := startApp(t, x, bin, "edit", path)
	window := x.waitWindow(t, a.process, regexp.QuoteMeta(file)+".*Studioflow")
	a.waitText(t, file, "Problems: 0 errors, 3 warnings")
	x.screenshot(t, "polish-problems-list")

	// A click on the row selects get_horoscope and puts the keyboard in its
	// URL field; the pointer stays on the row, so its tooltip shows.
	const tip = "get_horoscope: url is empty"
	a.click(t, window, file, "get_horoscope")
	a.waitText(t, file, tip)
	t.Logf("focused: %q", a.waitFocused(t, "get_horoscope's URL field", func(s string) bool { return !strings.Contains(s, "problemRow") }))
	box := a.box(t, file, tip+": there is nothing to call; the widget takes fail when it runs").Inset(-4)
	shown := x.still(t, "polish-tip-1-shown", screenArea)
	if n := measure(shown, box).near(fill, 2); n < box.Dx()*box.Dy()/3 {
		t.Fatalf("the tooltip's box %v has %d pixels of its fill %v", box, n, fill)
	}

	x.typeKeys(t, "https://example.com/horoscope")
	a.until(t, "the problem and its tooltip to go", func() (bool, string) {
		texts, ok := a.texts(t, file)
		return ok && strings.Contains(texts, "Problems: 0 errors, 2 warnings") && !strings.Contains(texts, tip), texts
	})
	gone := x.changed(t, "polish-tip-2-gone", shown, box)
	if n := measure(gone, box).near(fill, 2); n > box.Dx()*box.Dy()/10 {
		t.Errorf("the problem fixed, %d pixels of the tooltip's fill %v stay in its box %v", n, fill, box)
	}
	x.key(t, "ctrl+s")
	a.waitText(t, file, "Saved")
	if code := x.quitWithKeys(t, a.process, window); code != 0 {
		t.Fatalf("exit code %d after Ctrl+Q; output:\n%s", code, a.output.String())
	}
}
