package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/theme"

	"github.com/studioflow/studioflow/canvas/look"
)

// Two editors open at once on one home, as a person runs two: the theme
// chosen in one (View ▸ Theme ▸ Light, by keys: the system's theme here is dark) survives both quitting, the
// one that started before the choice first: it is in the preferences file,
// and the next editor opens light. With Fyne's own preferences a second
// instance could read the file while the first wrote it, find nothing and
// write the defaults back.
func TestTheThemeChosenInOneOfTwoEditorsSurvivesBothQuitting(t *testing.T) {
	t.Parallel()
	bin := buildStudioflow(t)
	x := startXvfb(t) // with a home of its own
	dir := t.TempDir()
	flow := func(name string) string {
		path := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".json")
		data := strings.Replace(ringFlow, `"description":"Rings"`, `"description":"`+name+`"`, 1)
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	one, two := flow("Rings one"), flow("Rings two")
	a := startApp(t, x, bin, "edit", one)
	b := startApp(t, x, bin, "edit", two)
	wa := x.waitWindow(t, a.process, "Rings one.*Studioflow")
	wb := x.waitWindow(t, b.process, "Rings two.*Studioflow")
	a.waitText(t, "Rings one", "Saved")
	b.waitText(t, "Rings two", "Saved")

	x.focusWindow(t, wa)
	a.press(t, "alt+v")
	a.waitFocusedOn(t, "*ui.keyMenu")
	a.press(t, "h", "l") // Theme ▸ Light
	waitPrefValue(t, x.prefsFile(), "theme", "light")

	for _, q := range []struct {
		app    *app
		window string
	}{{b, wb}, {a, wa}} {
		if code := x.quitWithKeys(t, q.app.process, q.window); code != 0 {
			t.Fatalf("studioflow exited with %d after Ctrl+Q; output:\n%s", code, q.app.output.String())
		}
	}
	if got := prefValue(x.prefsFile(), "theme"); got != "light" {
		t.Fatalf("after both editors quit the preferences hold theme %v, want light", got)
	}
	// Fyne's own preferences file, which it rewrote in place on every
	// exit, is not written at all.
	if _, err := os.Stat(filepath.Join(x.appConfigDir(), "preferences.json")); !os.IsNotExist(err) {
		t.Errorf("Fyne's preferences.json was written (%v)", err)
	}

	c := startApp(t, x, bin, "edit", two)
	wc := x.waitWindow(t, c.process, "Rings two.*Studioflow")
	area := x.windowGeometry(t, wc)
	img := waitForDrawing(t, x, "shared-prefs-light-again", area)
	light := theme.VariantLight
	want := rgba(look.Theme{Variant: &light}.Color(theme.ColorNameBackground, light))
	if got := measure(img, area).dominant; colourDistance(got, want) > 24 {
		t.Errorf("the next editor's background is %v, want the light theme's %v", got, want)
	}
	if out := c.output.String() + a.output.String() + b.output.String(); strings.Contains(out, "preferences") {
		t.Errorf("an editor reported a preferences problem:\n%s", out)
	}
}

// prefValue is key's value in the preferences file (nil if none, or if
// the file cannot be read).
func prefValue(path, key string) any {
	data, _ := os.ReadFile(path)
	var values map[string]any
	if json.Unmarshal(data, &values) != nil {
		return nil
	}
	return values[key]
}

// waitPrefValue waits until the preferences file holds key = want.
func waitPrefValue(t *testing.T, path, key string, want any) {
	t.Helper()
	deadline := time.Now().Add(patience)
	for prefValue(path, key) != want {
		if time.Now().After(deadline) {
			data, _ := os.ReadFile(path)
			t.Fatalf("%s never held %s = %v; it holds:\n%s", path, key, want, data)
		}
		time.Sleep(pollEvery)
	}
}
