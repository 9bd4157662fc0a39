package e2e

import (
	"bytes"
	"image"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/studioflow/studioflow/model"
)

// TestCanvasDragMovesANodeAndCtrlSSavesItsOffset opens a test flow in
// the real binary, drags the Trigger node by its header with the real
// mouse, saves with Ctrl+S and reads the new offset back from the file.
func TestCanvasDragMovesANodeAndCtrlSSavesItsOffset(t *testing.T) {
	t.Parallel()
	x := startXvfb(t)
	bin := buildStudioflow(t)
	original, err := os.ReadFile(filepath.Join(flowsDir, "order-ivr.json"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "order_lookup_ivr.json")
	if err := os.WriteFile(path, original, 0o644); err != nil {
		t.Fatal(err)
	}
	x0, y0 := triggerOffset(t, original)

	app := x.start(t, bin, "edit", path)
	window := x.waitWindow(t, app, regexp.QuoteMeta("order_lookup_ivr.json")+".*Studioflow")
	area := x.windowGeometry(t, window)
	before := waitForDrawing(t, x, "canvas-drag-before", area)
	header := triggerHeader(t, before, area)

	// Grab the header's middle and move in steps, as a hand would (drag
	// waits for each step to be drawn).
	grab := image.Pt((header.Min.X+header.Max.X)/2, (header.Min.Y+header.Max.Y)/2)
	const dx, dy = 150, 90
	x.drag(t, window, grab.Sub(area.Min), grab.Add(image.Pt(dx, dy)).Sub(area.Min))
	// Wait until the window shows the header somewhere else and it has
	// stopped there: on a busy machine the first changed frame can still be
	// one of the drag's intermediate positions. Screenshots pace the loop.
	var moved, last image.Rectangle
	deadline := time.Now().Add(patience)
	for {
		moved = triggerHeader(t, x.screenshot(t, "canvas-drag-after"), area)
		if (moved.Min != header.Min && moved == last) || time.Now().After(deadline) {
			break
		}
		last = moved
	}

	x.run(t, "xdotool", "key", "--clearmodifiers", "ctrl+s")
	saved := waitForFileChange(t, path, original)
	x1, y1 := triggerOffset(t, saved)

	// On screen the header followed the pointer (give or take the grid).
	sdx, sdy := moved.Min.X-header.Min.X, moved.Min.Y-header.Min.Y
	if abs(sdx-dx) > 12 || abs(sdy-dy) > 12 {
		t.Fatalf("the Trigger's header moved by %d,%d on screen, the pointer by %d,%d", sdx, sdy, dx, dy)
	}
	// In the file the offset moved the same way, by the screen distance at
	// the canvas's zoom: the same zoom across and down.
	wdx, wdy := x1-x0, y1-y0
	if wdx <= 0 || wdy <= 0 {
		t.Fatalf("saved offset %v,%v; it was %v,%v before a drag right and down", x1, y1, x0, y0)
	}
	if int(wdx)%10 != 0 || int(wdy)%10 != 0 {
		t.Errorf("offset moved by %v,%v: not on the 10-unit grid", wdx, wdy)
	}
	zx, zy := float64(sdx)/wdx, float64(sdy)/wdy
	if zx < 0.2 || zx > 2.5 || zx/zy < 0.8 || zx/zy > 1.25 {
		t.Errorf("screen move %d,%d against offset move %v,%v: zoom %.2f across but %.2f down", sdx, sdy, wdx, wdy, zx, zy)
	}
	t.Logf("Trigger moved %d,%d px on screen; offset %v,%v → %v,%v (zoom %.2f)", sdx, sdy, x0, y0, x1, y1, zx)
}

// triggerHeader finds the Trigger node's header: the block of its colour
// that starts highest in the window (the minimap's copy sits lower down).
func triggerHeader(t *testing.T, img image.Image, area image.Rectangle) image.Rectangle {
	t.Helper()
	isTrigger := func(x, y int) bool {
		r, g, b, _ := img.At(x, y).RGBA()
		return abs(int(r>>8)-int(triggerPurple.R)) <= 6 && abs(int(g>>8)-int(triggerPurple.G)) <= 6 && abs(int(b>>8)-int(triggerPurple.B)) <= 6
	}
	for y := area.Min.Y; y < area.Max.Y; y++ {
		for x := area.Min.X; x < area.Max.X; x++ {
			if !isTrigger(x, y) {
				continue
			}
			// Walk a few pixels in, past the rounded corner, then out to the edges.
			cx, cy := x+4, y+4
			if !isTrigger(cx, cy) {
				continue
			}
			r := image.Rect(cx, cy, cx+1, cy+1)
			for r.Max.X < area.Max.X && isTrigger(r.Max.X, cy) {
				r.Max.X++
			}
			for r.Min.X > area.Min.X && isTrigger(r.Min.X-1, cy) {
				r.Min.X--
			}
			mid := (r.Min.X + r.Max.X) / 2
			for r.Max.Y < area.Max.Y && isTrigger(mid, r.Max.Y) {
				r.Max.Y++
			}
			for r.Min.Y > area.Min.Y && isTrigger(mid, r.Min.Y-1) {
				r.Min.Y--
			}
			if r.Dx() >= 60 && r.Dy() >= 8 {
				return r
			}
		}
	}
	t.Fatal("no Trigger header on screen")
	return image.Rectangle{}
}

func triggerOffset(t *testing.T, data []byte) (float64, float64) {
	t.Helper()
	f, err := model.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	x, y, ok := f.Trigger().Offset()
	if !ok {
		t.Fatal("the Trigger has no offset")
	}
	return x, y
}

// waitForFileChange waits until the file's content differs from before.
func waitForFileChange(t *testing.T, path string, before []byte) []byte {
	t.Helper()
	deadline := time.Now().Add(patience)
	for time.Now().Before(deadline) {
		data, err := os.ReadFile(path)
		if err == nil && !bytes.Equal(data, before) {
			return data
		}
		time.Sleep(pollEvery)
	}
	t.Fatalf("%s was not saved within %v of Ctrl+S", path, patience)
	return nil
}
