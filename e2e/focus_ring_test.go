package e2e

import (
	"fmt"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/studioflow/studioflow/canvas/look"
)

// ringFlow has a wire to a widget it lacks, so the Problems list shows.
const ringFlow = `{"description":"Rings","flags":{"allow_concurrent_calls":true},"initial_state":"Trigger",
"states":[
 {"name":"Trigger","type":"trigger","transitions":[{"event":"incomingCall","next":"greet"}],"properties":{"offset":{"x":0,"y":0}}},
 {"name":"greet","type":"say-play","transitions":[{"event":"audioComplete","next":"nowhere"}],"properties":{"say":"Hi","loop":1,"offset":{"x":0,"y":250}}}
]}`

// The focus ring, keyboard only after one click on the canvas: on the
// canvas, an entry, the widget library, a toolbar button, the Problems
// list, a select, the blue Start button and a check, in both themes. Each
// step waits for the probe to name the focused element, then for the
// screenshot to show the ring around it; the shots stay in shots/e2e/
// focus-* for a person to look at.
func TestFocusRingShowsOnEveryKindOfElementInBothThemes(t *testing.T) {
	t.Parallel()
	bin := buildStudioflow(t)
	for _, variant := range []string{"light", "dark"} {
		t.Run(variant, func(t *testing.T) { t.Parallel(); focusRings(t, bin, variant) })
	}
}

// ringScreen is a screen whose applications start in the variant's theme
// (designPrefs, 1280×800), and the focus ring's colour in that theme.
func ringScreen(t *testing.T, variant string) (*xserver, color.RGBA) {
	t.Helper()
	x := startXvfb(t)
	designPrefs(t, x, image.Pt(1280, 800), variant)
	v := themeVariant(variant)
	return x, rgba(look.FocusRing(look.Theme{Variant: &v}, v))
}

// ringsWindow is ringFlow open in the editor: the application, its window,
// the window's area on the screen and the flow's file.
type ringsWindow struct {
	app    *app
	window string
	area   image.Rectangle
	path   string
}

// openRings writes ringFlow to a file of its own, opens it in the editor on
// x and waits until the window is drawn (shot names the screenshot).
func openRings(t *testing.T, x *xserver, bin, shot string) ringsWindow {
	t.Helper()
	path := filepath.Join(t.TempDir(), "rings.json")
	if err := os.WriteFile(path, []byte(ringFlow), 0o644); err != nil {
		t.Fatal(err)
	}
	app := startApp(t, x, bin, "edit", path)
	window := x.waitWindow(t, app.process, regexp.QuoteMeta("Rings")+".*Studioflow")
	area := x.windowGeometry(t, window)
	waitForDrawing(t, x, shot, area)
	return ringsWindow{app: app, window: window, area: area, path: path}
}

func focusRings(t *testing.T, bin, variant string) {
	x, ring := ringScreen(t, variant)
	rw := openRings(t, x, bin, "focus-"+variant+"-open")
	app, area := rw.app, rw.area
	x.focus(t, rw.window, emptyCanvas)

	shoot := func(kind, what string) {
		t.Helper()
		box := app.focusBox(t, kind)
		app.waitRing(t, fmt.Sprintf("focus-%s-%s", variant, what), box.Add(area.Min), ring)
	}
	// press presses key until the focused element is of that kind.
	press := func(key, kind string, most int) {
		t.Helper()
		for range most {
			if got := app.focusKind(t); got == kind {
				return
			}
			x.key(t, key)
		}
		app.focusBox(t, kind)
	}

	shoot("*canvas.Editor", "canvas")
	x.key(t, "shift+F6") // the pane before the canvas: the library's search
	shoot("*ui.textField", "entry")
	x.key(t, "Tab")
	shoot("*ui.libraryKeys", "library")
	x.key(t, "shift+Tab", "shift+Tab") // back over the search to the toolbar's last button
	shoot("*ui.tipButton", "toolbar-button")
	x.key(t, "Tab", "F6")
	press("F6", "*ui.paneList", 4)
	shoot("*ui.paneList", "problems-list")
	x.key(t, "ctrl+r") // the simulator, the keyboard on Start
	shoot("*kbd.Button", "primary-button")
	press("shift+Tab", "*kbd.Select", 3) // the trigger's choice, before Start
	shoot("*kbd.Select", "select")
	press("Tab", "*kbd.Check", 20)
	shoot("*kbd.Check", "check")
}

// focusKind is the Go type of the focused element, "" when none.
func (a *app) focusKind(t *testing.T) string {
	t.Helper()
	answer, ok := a.ask(t, "focusbox", "Studioflow")
	if !ok || len(answer) < 2 {
		return ""
	}
	return answer[1]
}

// focusBox waits until the focused element is of that kind and returns its
// box in window pixels.
func (a *app) focusBox(t *testing.T, kind string) image.Rectangle {
	t.Helper()
	var box image.Rectangle
	a.until(t, "the keyboard on a "+kind, func() (bool, string) {
		answer, ok := a.ask(t, "focusbox", "Studioflow")
		if !ok || len(answer) != 6 || answer[1] != kind {
			return false, fmt.Sprint(answer)
		}
		n := make([]int, 4)
		for i := range n {
			n[i], _ = strconv.Atoi(answer[2+i])
		}
		box = image.Rect(n[0], n[1], n[0]+n[2], n[1]+n[3])
		return true, ""
	})
	return box
}

// waitRing takes screenshots until one shows the ring around box (screen
// pixels): most of a band just outside each of its four sides in the
// ring's colour, where the side is on screen.
func (a *app) waitRing(t *testing.T, name string, box image.Rectangle, ring color.RGBA) {
	t.Helper()
	var img image.Image
	a.until(t, name+": a focus ring around "+box.String(), func() (bool, string) {
		img = a.x.screenshot(t, name)
		return ringAround(img, box, ring)
	})
}

// ringAround reports whether each side of box that lies on screen has the
// ring's colour just outside it (within a few pixels) along most of its
// length.
func ringAround(img image.Image, box image.Rectangle, ring color.RGBA) (bool, string) {
	b := img.Bounds()
	near := func(x, y int) bool {
		if !(image.Pt(x, y).In(b)) {
			return false
		}
		r, g, bl, _ := img.At(x, y).RGBA()
		d := func(a uint32, c uint8) int {
			v := int(a>>8) - int(c)
			if v < 0 {
				v = -v
			}
			return v
		}
		return d(r, ring.R) <= 40 && d(g, ring.G) <= 40 && d(bl, ring.B) <= 40
	}
	// A side's sample hits when a ring pixel lies 1 to 5 pixels outside it.
	side := func(name string, n int, at func(i, k int) (int, int)) (bool, string) {
		hits, total := 0, 0
		for i := 4; i < n-4; i += 2 {
			x0, y0 := at(i, 1)
			if !image.Pt(x0, y0).In(b) {
				continue
			}
			total++
			for k := 1; k <= 5; k++ {
				if near(at(i, k)) {
					hits++
					break
				}
			}
		}
		if total == 0 || hits*10 >= total*7 {
			return true, ""
		}
		return false, fmt.Sprintf("%s side: %d of %d samples in the ring's colour", name, hits, total)
	}
	w, h := box.Dx(), box.Dy()
	for _, s := range []struct {
		name string
		n    int
		at   func(i, k int) (int, int)
	}{
		{"top", w, func(i, k int) (int, int) { return box.Min.X + i, box.Min.Y - k }},
		{"bottom", w, func(i, k int) (int, int) { return box.Min.X + i, box.Max.Y - 1 + k }},
		{"left", h, func(i, k int) (int, int) { return box.Min.X - k, box.Min.Y + i }},
		{"right", h, func(i, k int) (int, int) { return box.Max.X - 1 + k, box.Min.Y + i }},
	} {
		if ok, why := side(s.name, s.n, s.at); !ok {
			return false, why
		}
	}
	return true, ""
}

// F10 opens the menu bar on File and Alt+V the View menu, from the canvas
// and from a text field; Ctrl+Tab in the library's search shows Find with
// the keyboard in its entry.
func TestF10AltLettersAndCtrlTabFromTheKeyboard(t *testing.T) {
	t.Parallel()
	bin := buildStudioflow(t)
	x := startXvfb(t)
	rw := openRings(t, x, bin, "menus-open")
	app, area := rw.app, rw.area
	x.focus(t, rw.window, emptyCanvas)
	app.focusBox(t, "*canvas.Editor")

	// Where the File and View menus drop down: under their titles, at the
	// window's top left.
	under := func(left int) image.Rectangle {
		return image.Rect(left, 40, left+120, 160).Add(area.Min)
	}
	before := x.still(t, "menus-before", screenArea)
	x.run(t, "xdotool", "key", "--clearmodifiers", "F10")
	x.changed(t, "menus-f10-file", before, under(0))
	x.key(t, "Escape")
	if img := x.still(t, "menus-closed", screenArea); !sameArea(before, img, under(0)) {
		t.Error("Escape left the File menu open")
	}

	x.key(t, "shift+F6") // the library's search
	app.focusBox(t, "*ui.textField")
	before = x.still(t, "menus-before-v", screenArea)
	x.run(t, "xdotool", "key", "--clearmodifiers", "alt+v")
	x.changed(t, "menus-alt-v-view", before, under(100))
	x.key(t, "Escape")
	app.focusBox(t, "*ui.textField") // back where it was

	x.key(t, "ctrl+Tab")
	app.focusBox(t, "*kbd.Entry") // Find's entry
	app.waitText(t, "Rings", "Find in names, types, text, URLs, Liquid")
	x.key(t, "ctrl+shift+Tab")
	app.focusBox(t, "*ui.textField")
}
