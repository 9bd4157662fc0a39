//go:build cgo && (linux || freebsd || openbsd || netbsd)

package ui

/*
#cgo LDFLAGS: -lX11
#include <X11/Xlib.h>

static int sf_x_failed;

static int sf_x_error(Display *d, XErrorEvent *e) {
	(void)d; (void)e;
	sf_x_failed = 1;
	return 0;
}

// sf_place reads where window win is on the root window, its size and the
// root window's (the screen's) size, on a connection of its own: window ids
// are the server's, so GLFW's connection is not needed. An X error (the
// window gone) is caught rather than ending the process, as Xlib's default
// handler would.
static int sf_place(unsigned long win, int *x, int *y, int *w, int *h, int *sw, int *sh) {
	Display *d = XOpenDisplay(NULL);
	if (d == NULL) {
		return 0;
	}
	int (*old)(Display *, XErrorEvent *) = XSetErrorHandler(sf_x_error);
	sf_x_failed = 0;
	Window child;
	XWindowAttributes attrs;
	Window root = DefaultRootWindow(d);
	int ok = XTranslateCoordinates(d, (Window)win, root, 0, 0, x, y, &child) &&
		XGetWindowAttributes(d, (Window)win, &attrs);
	XSync(d, False);
	if (ok && !sf_x_failed) {
		*w = attrs.width;
		*h = attrs.height;
		*sw = DisplayWidth(d, DefaultScreen(d));
		*sh = DisplayHeight(d, DefaultScreen(d));
	}
	ok = ok && !sf_x_failed;
	XSetErrorHandler(old);
	XCloseDisplay(d);
	return ok;
}

// sf_move moves window win's top-left corner to (x, y). GLFW asks window
// managers for static gravity, so this places the window's content, as
// sf_place reads it, not its frame.
static int sf_move(unsigned long win, int x, int y) {
	Display *d = XOpenDisplay(NULL);
	if (d == NULL) {
		return 0;
	}
	int (*old)(Display *, XErrorEvent *) = XSetErrorHandler(sf_x_error);
	sf_x_failed = 0;
	XMoveWindow(d, (Window)win, x, y);
	XSync(d, False);
	int ok = !sf_x_failed;
	XSetErrorHandler(old);
	XCloseDisplay(d);
	return ok;
}
*/
import "C"

import (
	"image"

	"fyne.io/fyne/v2/driver"
)

// x11Window is the X11 window id in a native context (0 on Wayland).
func x11Window(ctx any) C.ulong {
	switch c := ctx.(type) {
	case driver.X11WindowContext:
		return C.ulong(c.WindowHandle)
	case *driver.X11WindowContext:
		return C.ulong(c.WindowHandle)
	}
	return 0
}

func nativeWindowPlace(ctx any) (nativePlace, bool) {
	win := x11Window(ctx)
	if win == 0 {
		return nativePlace{}, false
	}
	var x, y, w, h, sw, sh C.int
	if C.sf_place(win, &x, &y, &w, &h, &sw, &sh) == 0 {
		return nativePlace{}, false
	}
	return nativePlace{
		at:     image.Pt(int(x), int(y)),
		size:   image.Pt(int(w), int(h)),
		screen: image.Rect(0, 0, int(sw), int(sh)),
	}, true
}

func nativeMoveWindow(ctx any, at image.Point) bool {
	win := x11Window(ctx)
	if win == 0 {
		return false
	}
	return C.sf_move(win, C.int(at.X), C.int(at.Y)) != 0
}
