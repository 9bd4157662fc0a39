package e2e

import (
	"fmt"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Where things are in the editor window at 1280×800 (no window manager:
// the window sits at 0,0). The inspector and library are laid out by Fyne
// from the theme's sizes, so these stay put; the canvas is found by colour.
var (
	librarySayPlay  = image.Pt(53, 482)   // "Say/Play" in the widget library
	dropPoint       = image.Pt(500, 500)  // an empty spot of the canvas
	inspectorSay    = image.Pt(1100, 430) // the Say field of a Say/Play widget
	flowDescription = image.Pt(1100, 270) // the flow's Description with nothing selected
	// incomingCallPort is the trigger's Incoming Call port relative to the
	// top-left corner of its red header (canvas at zoom 1).
	incomingCallPort = image.Pt(171, 80)
	primaryBlue      = primaryColours()[1] // the dark theme's, which Xvfb gets
)

// isolatedConfig gives the application its own preferences and storage
// (recovery files) for this test.
func isolatedConfig(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	t.Setenv("HOME", dir)
	return filepath.Join(dir, "config", "fyne", "io.github.studioflow", "recovery")
}

// drag presses at from, moves to to in steps (as a hand does, so Fyne sees
// a drag) and releases.
func (x *xserver) drag(t *testing.T, window string, from, to image.Point) {
	t.Helper()
	x.run(t, "xdotool", "mousemove", "--window", window, fmt.Sprint(from.X), fmt.Sprint(from.Y), "mousedown", "1")
	for i := 1; i <= 6; i++ {
		p := from.Add(to.Sub(from).Mul(i).Div(6))
		time.Sleep(60 * time.Millisecond)
		x.run(t, "xdotool", "mousemove", "--window", window, fmt.Sprint(p.X), fmt.Sprint(p.Y))
	}
	time.Sleep(100 * time.Millisecond)
	x.run(t, "xdotool", "mouseup", "1")
	time.Sleep(300 * time.Millisecond)
}

// typeText clicks into a field, selects its text and types over it.
func (x *xserver) typeText(t *testing.T, window string, at image.Point, text string) {
	t.Helper()
	x.focus(t, window, at)
	time.Sleep(200 * time.Millisecond)
	x.run(t, "xdotool", "key", "--clearmodifiers", "ctrl+a")
	x.run(t, "xdotool", "type", "--delay", "15", text)
	time.Sleep(200 * time.Millisecond)
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
		time.Sleep(200 * time.Millisecond)
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
		time.Sleep(200 * time.Millisecond)
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
		time.Sleep(250 * time.Millisecond)
	}
	t.Fatalf("no file matching %s within %v", pattern, within)
	return nil
}

func (x *xserver) sleep() { time.Sleep(250 * time.Millisecond) }
