package e2e

import (
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// The frames grab reads from the X server (screenReader) are the pixels
// ImageMagick's import reads from the same screen (xlogo draws its logo in colours whose red and
// blue differ, so swapped channels would show).
func TestGrabShowsWhatImportShows(t *testing.T) {
	t.Parallel()
	x := startXvfb(t)
	requireTools(t, "import", "xlogo")
	logo := x.start(t, "xlogo", "-geometry", "300x200+50+60", "-fg", "#d04010", "-bg", "#2060c0")
	x.waitWindow(t, logo, "xlogo")
	importPNG := func() image.Image {
		path := filepath.Join(t.TempDir(), "import.png")
		x.run(t, "import", "-window", "root", "png:"+path)
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		img, err := png.Decode(f)
		if err != nil {
			t.Fatal(err)
		}
		return img
	}
	screen := image.Rect(0, 0, screenWidth, screenHeight)
	deadline := time.Now().Add(patience)
	for {
		before := importPNG()
		frame := x.grab(t)
		after := importPNG()
		if !sameArea(before, after, screen) {
			if time.Now().After(deadline) {
				t.Fatal("the screen kept changing")
			}
			continue // xlogo was still drawing
		}
		if frame.Bounds() != screen {
			t.Fatalf("frame of %v, want %v", frame.Bounds(), screen)
		}
		for y := 0; y < screenHeight; y++ {
			for x := 0; x < screenWidth; x++ {
				fr, fg, fb, _ := frame.At(x, y).RGBA()
				ir, ig, ib, _ := after.At(x, y).RGBA()
				if fr>>8 != ir>>8 || fg>>8 != ig>>8 || fb>>8 != ib>>8 {
					t.Fatalf("pixel (%d,%d): xwd %v, import %v", x, y, frame.At(x, y), after.At(x, y))
				}
			}
		}
		// The logo is there: the comparison was not of two blank screens.
		if n := measure(frame, image.Rect(50, 60, 350, 260)); n.share() < 0.05 {
			t.Fatalf("the logo's window shows %.3f non-background pixels", n.share())
		}
		return
	}
}
