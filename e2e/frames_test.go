package e2e

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// grab captures the screen as it is now, without writing a file: the
// frame the settle and wait helpers compare, many times a second, read
// over the test's own connection to the X server (screenReader).
func (x *xserver) grab(t *testing.T) *image.RGBA {
	t.Helper()
	img, err := x.screen.read()
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// pace is what loops comparing frames wait on between two: until every
// application on x with a probe has run its UI goroutine (it answers the
// probe there), or for a frame's time (20 ms) when none is running with
// one. Grabbing frames back to back took much of the CPU the application
// needed to draw what they waited for, and more so with tests in parallel.
func (x *xserver) pace() {
	answered := false
	for _, a := range x.apps {
		answered = a.ping() || answered
	}
	if !answered {
		time.Sleep(20 * time.Millisecond)
	}
}

// save writes img to shots/e2e/NAME.png, kept for a person to look at.
// Fast compression: the shots are looked at, not archived.
func (x *xserver) save(t *testing.T, name string, img image.Image) {
	t.Helper()
	if err := os.MkdirAll(shotsDir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(shotsDir, name+".png")
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, img); err != nil {
		t.Fatalf("encode %s: %v", path, err)
	}
	// Tests running in parallel can keep a shot of the same name (a
	// helper's): each writes a file of its own and renames it into place,
	// so the one left is whole.
	tmp, err := os.CreateTemp(shotsDir, name+".*.tmp")
	if err != nil {
		t.Fatal(err)
	}
	if _, err = tmp.Write(buf.Bytes()); err == nil {
		err = tmp.Chmod(0o644)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		t.Fatalf("keep %s: %v", path, err)
	}
	t.Logf("screenshot: %s", path)
}
