package ui

import (
	"image"
	"testing"
)

// A saved position is kept on the visible screen: wholly inside when the
// window fits, its top-left corner showing when it does not.
func TestClampPositionKeepsTheWindowOnTheScreen(t *testing.T) {
	screen := image.Rect(0, 0, 1920, 1080)
	size := image.Pt(1280, 800)
	for _, c := range []struct {
		name     string
		at, want image.Point
		size     image.Point
		screen   image.Rectangle
	}{
		{"inside stays", image.Pt(100, 50), image.Pt(100, 50), size, screen},
		{"off the right edge comes back", image.Pt(3000, 50), image.Pt(640, 50), size, screen},
		{"below the bottom comes up", image.Pt(10, 900), image.Pt(10, 280), size, screen},
		{"left of a monitor since unplugged", image.Pt(-1500, -20), image.Pt(0, 0), size, screen},
		{"too big shows its top-left corner", image.Pt(300, 300), image.Pt(0, 0), image.Pt(2500, 1400), screen},
		{"a screen not at the origin", image.Pt(-2000, 10), image.Pt(-1920, 10), size, image.Rect(-1920, 0, 1920, 1080)},
		{"no screen known leaves it", image.Pt(5000, 5000), image.Pt(5000, 5000), size, image.Rectangle{}},
	} {
		if got := clampPosition(c.at, c.size, c.screen); got != c.want {
			t.Errorf("%s: clampPosition(%v, %v, %v) = %v, want %v", c.name, c.at, c.size, c.screen, got, c.want)
		}
	}
}

// Only a window at a place of its own is remembered: a minimized one
// (unmapped on X11, at -32000,-32000 on Windows) or a maximized one would
// reopen off screen or unmaximized over the whole screen.
func TestOnlyANormalPlaceIsWorthSaving(t *testing.T) {
	normal := nativePlace{at: image.Pt(120, 80), size: image.Pt(1280, 800), screen: image.Rect(0, 0, 1920, 1080)}
	with := func(f func(*nativePlace)) nativePlace { p := normal; f(&p); return p }
	for _, c := range []struct {
		name  string
		place nativePlace
		want  bool
	}{
		{"a normal window", normal, true},
		{"left of the primary monitor", with(func(p *nativePlace) { p.at = image.Pt(-1500, 20) }), true},
		{"minimized", with(func(p *nativePlace) { p.minimized = true }), false},
		{"maximized", with(func(p *nativePlace) { p.maximized = true; p.at = image.Pt(-8, -8) }), false},
		{"at Windows' minimized corner", with(func(p *nativePlace) { p.at = image.Pt(-32000, -32000) }), false},
		{"without a size", with(func(p *nativePlace) { p.size = image.Point{} }), false},
	} {
		if got := c.place.worthSaving(); got != c.want {
			t.Errorf("%s: worthSaving() = %v, want %v", c.name, got, c.want)
		}
	}
}
