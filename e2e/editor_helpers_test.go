package e2e

import (
	"fmt"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/studioflow/studioflow/model"
)

// Where things are in the editor window at 1280×800 (no window manager:
// the window sits at 0,0). What the tests click is found with the probe
// (app.where) or by colour; these are the places they choose themselves.
var (
	dropPoint   = image.Pt(500, 500)  // where a widget dragged in is dropped: free canvas
	primaryBlue = primaryColours()[1] // the dark theme's, which Xvfb gets
)

// recoveryDir is where the application on x keeps its recovery files.
func (x *xserver) recoveryDir() string {
	return filepath.Join(x.appConfigDir(), "recovery")
}

// dragSteps is how many moves a drag takes between press and release.
const dragSteps = 3

// drag presses at from, moves to to in steps (as a hand does, so Fyne sees
// a drag) and releases. Each move waits until X has moved the pointer
// (--sync) and the window has drawn what it set off and is still, so a
// loaded machine draws every step before the next.
func (x *xserver) drag(t *testing.T, window string, from, to image.Point) {
	t.Helper()
	x.run(t, "xdotool", "mousemove", "--sync", "--window", window, fmt.Sprint(from.X), fmt.Sprint(from.Y), "mousedown", "1")
	for i := 1; i <= dragSteps; i++ {
		p := from.Add(to.Sub(from).Mul(i).Div(dragSteps))
		x.run(t, "xdotool", "mousemove", "--sync", "--window", window, fmt.Sprint(p.X), fmt.Sprint(p.Y))
		x.settle(t, "drag-moved", screenArea, nil)
	}
	x.run(t, "xdotool", "mouseup", "1")
	x.settle(t, "drag-released", screenArea, nil)
}

// typeOver clicks the entry showing shown (its placeholder when empty; for
// a multi-line field, its first line), waits until it has the keyboard,
// selects its text and types text over it, and waits until the entry
// shows text.
func (a *app) typeOver(t *testing.T, window, shown, text string) {
	t.Helper()
	a.click(t, window, "Studioflow", shown)
	a.until(t, fmt.Sprintf("focus on the entry showing %q", shown), func() (bool, string) {
		answer, ok := a.ask(t, "focused", "Studioflow")
		return ok && len(answer) > 1 && strings.HasPrefix(answer[1], shown), strings.Join(answer, " ")
	})
	a.x.key(t, "ctrl+a")
	a.typeInto(t, text)
}

// boundsOf returns the bounding box of the pixels within tolerance of c
// inside r, and how many there are.
func boundsOf(img image.Image, r image.Rectangle, c color.RGBA, tolerance int) (image.Rectangle, int) {
	box := image.Rectangle{}
	n := 0
	r = r.Intersect(img.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			if abs(int(cr>>8)-int(c.R)) <= tolerance && abs(int(cg>>8)-int(c.G)) <= tolerance && abs(int(cb>>8)-int(c.B)) <= tolerance {
				if n == 0 {
					box = image.Rect(x, y, x+1, y+1)
				} else {
					box = box.Union(image.Rect(x, y, x+1, y+1))
				}
				n++
			}
		}
	}
	return box, n
}

// waitTitle waits until the window title satisfies ok and returns it.
func (x *xserver) waitTitle(t *testing.T, window string, ok func(string) bool) string {
	t.Helper()
	deadline := time.Now().Add(patience)
	title := ""
	for time.Now().Before(deadline) {
		title = x.run(t, "xdotool", "getwindowname", window)
		if ok(title) {
			return title
		}
		time.Sleep(pollEvery)
	}
	t.Fatalf("window title stayed %q", title)
	return ""
}

// waitFile waits until the file at path contains want and returns it.
func waitFile(t *testing.T, path, want string) string {
	t.Helper()
	deadline := time.Now().Add(patience)
	for time.Now().Before(deadline) {
		data, err := os.ReadFile(path)
		if err == nil && strings.Contains(string(data), want) {
			return string(data)
		}
		time.Sleep(pollEvery)
	}
	data, _ := os.ReadFile(path)
	t.Fatalf("%s never contained %q; it holds:\n%s", path, want, data)
	return ""
}

// waitGlob waits until a file matches pattern.
func waitGlob(t *testing.T, pattern string, within time.Duration) []string {
	t.Helper()
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		if m, _ := filepath.Glob(pattern); len(m) > 0 {
			return m
		}
		time.Sleep(pollEvery)
	}
	t.Fatalf("no file matching %s within %v", pattern, within)
	return nil
}

// typeNewName opens flowJSON, written to a file named file whose flow's
// description is description, puts the keyboard in widget's Name field
// (the canvas shows the name first, the field second) and types name over
// it. It returns the app, its window and the file.
func typeNewName(t *testing.T, x *xserver, flowJSON, file, description, widget, name string) (*app, string, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), file)
	if err := os.WriteFile(path, []byte(flowJSON), 0o644); err != nil {
		t.Fatal(err)
	}
	app := startApp(t, x, buildStudioflow(t), "edit", path)
	window := x.waitWindow(t, app.process, regexp.QuoteMeta(description+" ("+file+")")+".*Studioflow")
	waitForDrawing(t, x, strings.TrimSuffix(file, ".json")+"-open", x.windowGeometry(t, window))
	app.click(t, window, "Studioflow", widget)
	app.waitText(t, "Studioflow", "Widget name *")
	app.click(t, window, "Studioflow", widget, 2)
	app.until(t, "focus on the Name field", func() (bool, string) {
		answer, ok := app.ask(t, "focused", "Studioflow")
		return ok && len(answer) > 1 && answer[1] == widget, strings.Join(answer, " ")
	})
	x.key(t, "ctrl+a")
	app.typeInto(t, name)
	return app, window, path
}

// saveOpenFile saves with Ctrl+S and returns the saved flow and its text
// once the file holds want and the title says it is saved.
func (x *xserver) saveOpenFile(t *testing.T, window, path, want string) (*model.Flow, string) {
	t.Helper()
	x.key(t, "ctrl+s")
	saved := waitFile(t, path, want)
	x.waitTitle(t, window, func(s string) bool { return !strings.HasPrefix(s, "● ") })
	f, err := model.Parse([]byte(saved))
	if err != nil {
		t.Fatalf("saved file does not parse: %v", err)
	}
	return f, saved
}
