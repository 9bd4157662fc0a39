package ui

import (
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
)

// Preference keys of the editor window's place on the screen.
const (
	prefWindowX = "layout.window.x"
	prefWindowY = "layout.window.y"
)

// Fyne has no API to place a window, so its place is read and set through
// the native window handle (driver.NativeWindow): Xlib on X11
// (winpos_x11.go), user32 on Windows (winpos_windows.go). Elsewhere
// (macOS, Wayland, builds without cgo) the place is left to the system
// (winpos_other.go). Each editor reads and sets its place through its own
// placeConn (an X connection on X11).

// nativePlace is a window's place on the screen as the system reports it,
// with the screen area it may be shown in, in the system's pixels.
type nativePlace struct {
	at     image.Point     // the window's top-left corner
	size   image.Point     // the window's size
	screen image.Rectangle // the visible screen (all monitors' bounds)
	// minimized and maximized say the window is not at a place of its
	// own: iconified (unmapped on X11), or filling the screen.
	minimized, maximized bool
}

// windowsMinimizedAt is where Windows reports a minimized window's corner.
var windowsMinimizedAt = image.Pt(-32000, -32000)

// worthSaving says whether place is a window's normal place, the one to
// open at next time: shown, neither minimized nor maximized, with a size.
// A minimized window's place (-32000,-32000 on Windows) would reopen it
// off screen, and a maximized one's (the screen, less the frame) would
// reopen unmaximized but covering the screen.
func (place nativePlace) worthSaving() bool {
	return !place.minimized && !place.maximized && place.at != windowsMinimizedAt &&
		place.size.X > 0 && place.size.Y > 0
}

// windowPlace reads where win is on the screen, through conn; ok is false
// when the system cannot say (the window not shown yet, an unsupported
// system).
func windowPlace(conn *placeConn, win fyne.Window) (place nativePlace, ok bool) {
	withNative(win, func(ctx any) { place, ok = conn.place(ctx) })
	return place, ok
}

// moveWindow puts win's top-left corner at at, kept on the visible screen.
func moveWindow(conn *placeConn, win fyne.Window, at image.Point) bool {
	moved := false
	withNative(win, func(ctx any) {
		place, ok := conn.place(ctx)
		if !ok {
			return
		}
		moved = conn.move(ctx, clampPosition(at, place.size, place.screen))
	})
	return moved
}

// closePlaceConn closes conn on the thread that used it.
func closePlaceConn(conn *placeConn, win fyne.Window) {
	withNative(win, func(any) { conn.close() })
}

// withNative runs fn with the window's native context, when it has one.
func withNative(win fyne.Window, fn func(ctx any)) {
	if nw, ok := win.(driver.NativeWindow); ok {
		nw.RunNative(fn)
	}
}

// clampPosition keeps a window of size whose top-left corner was saved at
// at on screen: wholly inside it when the window fits, otherwise with its
// top-left corner (its title and menus) showing. A monitor unplugged since
// the position was saved must not leave the window out of reach.
func clampPosition(at, size image.Point, screen image.Rectangle) image.Point {
	if screen.Empty() {
		return at
	}
	clamp := func(v, lo, length, span int) int {
		if hi := lo + span - length; v > hi {
			v = hi
		}
		return max(v, lo)
	}
	return image.Pt(
		clamp(at.X, screen.Min.X, size.X, screen.Dx()),
		clamp(at.Y, screen.Min.Y, size.Y, screen.Dy()),
	)
}

// restorePosition puts the editor window where it was last, once it is
// shown; the first time, the system places it.
func (e *Editor) restorePosition() {
	p := e.prefs
	x, y := p.IntWithFallback(prefWindowX, -1<<31), p.IntWithFallback(prefWindowY, -1<<31)
	if x == -1<<31 || y == -1<<31 {
		return
	}
	e.layoutSaved[prefWindowX], e.layoutSaved[prefWindowY] = float64(x), float64(y)
	moveWindow(&e.place, e.win, image.Pt(x, y))
}

// savePosition remembers where the editor window is, when it is at a place
// of its own; normal is false when it is minimized or maximized (then
// neither its place nor its size is worth remembering), true when it is
// at its normal place or the system cannot say where it is.
func (e *Editor) savePosition() (normal bool) {
	place, ok := windowPlace(&e.place, e.win)
	if !ok {
		return true
	}
	if !place.worthSaving() {
		return false
	}
	e.rememberLayout(prefWindowX, float64(place.at.X))
	e.rememberLayout(prefWindowY, float64(place.at.Y))
	return true
}
