package e2e

import (
	"encoding/json"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"
)

// The editor window reopens where it was moved to and at the size it was
// given: after a kill -9 (the layout is saved as it changes, not only on
// closing) and after a clean close.
func TestWindowReopensWherePlacedAfterAKillAndAClose(t *testing.T) {
	t.Parallel()
	x := startXvfb(t)
	bin := buildStudioflow(t)
	prefs := x.prefsFile()
	flow := filepath.Join(flowsDir, "joke-line.json")
	title := regexp.QuoteMeta("joke-line.json") + ".*Studioflow"

	placed := image.Rect(230, 140, 230+1100, 140+720)
	p := x.start(t, bin, "edit", flow)
	window := x.waitWindow(t, p, title)
	// The first open, with no preferences yet, asks for 1280×800 in Fyne's
	// units: one X pixel each on Xvfb's 100-dpi screen (Fyne's scale is
	// 1 there). The X server, the pixels drawn and the preferences saved
	// all say 1280×800. (Viewed scaled down to fit a display, a 1920×1200
	// screenshot shows this window about 926×580.)
	first := x.windowGeometry(t, window)
	want := image.Rectangle{Min: first.Min, Max: first.Min.Add(image.Pt(1280, 800))}
	x.waitGeometry(t, window, want, "first open")
	shot := waitForDrawing(t, x, "window-first-open", want)
	if drawn := drawnArea(shot); drawn != want {
		t.Fatalf("first open: the screenshot shows the window drawn over %v (%v), want %v", drawn, drawn.Size(), want)
	}
	waitPrefs(t, prefs, want)
	x.place(t, window, placed)
	waitPrefs(t, prefs, placed)
	if err := p.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	p.waitExit(t)

	p = x.start(t, bin, "edit", flow)
	window = x.waitWindow(t, p, title)
	x.waitGeometry(t, window, placed, "after kill -9")
	// Drawn, so Fyne has set its window up (a resize in its first frames
	// can be lost under load) before the next move.
	waitForDrawing(t, x, "window-reopened-after-kill", placed)

	// Moved and resized again, then closed with Ctrl+Q.
	moved := image.Rect(40, 260, 40+1024, 260+700)
	x.place(t, window, moved)
	waitPrefs(t, prefs, moved)
	if code := x.quitWithKeys(t, p, window); code != 0 {
		t.Fatalf("studioflow exited with %d after Ctrl+Q; output:\n%s", code, p.output.String())
	}
	p = x.start(t, bin, "edit", flow)
	window = x.waitWindow(t, p, title)
	x.waitGeometry(t, window, moved, "after Ctrl+Q")
	x.screenshot(t, "window-reopened-in-place")
}

// place moves and resizes the window as a window manager would, and waits
// until the X server reports it there.
func (x *xserver) place(t *testing.T, window string, r image.Rectangle) {
	t.Helper()
	x.run(t, "xdotool", "windowsize", window, fmt.Sprint(r.Dx()), fmt.Sprint(r.Dy()))
	x.run(t, "xdotool", "windowmove", window, fmt.Sprint(r.Min.X), fmt.Sprint(r.Min.Y))
	x.waitGeometry(t, window, r, "placed by xdotool")
}

// waitGeometry waits until the window's position and size are r.
func (x *xserver) waitGeometry(t *testing.T, window string, r image.Rectangle, when string) {
	t.Helper()
	deadline := time.Now().Add(patience)
	for {
		got := x.windowGeometry(t, window)
		if got == r {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: the window is at %v, want %v", when, got, r)
		}
		time.Sleep(pollEvery)
	}
}

// waitPrefs waits until the application's preferences file holds the
// window's place r.
func waitPrefs(t *testing.T, path string, r image.Rectangle) {
	t.Helper()
	want := map[string]float64{
		"layout.window.x": float64(r.Min.X), "layout.window.y": float64(r.Min.Y),
		"layout.window.width": float64(r.Dx()), "layout.window.height": float64(r.Dy()),
	}
	deadline := time.Now().Add(patience)
	for {
		data, _ := os.ReadFile(path)
		var got map[string]any
		same := json.Unmarshal(data, &got) == nil
		for k, v := range want {
			if n, ok := got[k].(float64); !ok || n != v {
				same = false
			}
		}
		if same {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s never held the window's place %v; it holds:\n%s", path, r, data)
		}
		time.Sleep(pollEvery)
	}
}

// drawnArea is the part of a screenshot of the whole screen that differs
// from the bare screen's colour (its bottom-right pixel, which no window
// covers in these tests): the windows drawn on it.
func drawnArea(img image.Image) image.Rectangle {
	b := img.Bounds()
	bare := img.At(b.Max.X-1, b.Max.Y-1)
	br, bg, bb, _ := bare.RGBA()
	var area image.Rectangle
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if r, g, b, _ := img.At(x, y).RGBA(); r != br || g != bg || b != bb {
				area = area.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return area
}
