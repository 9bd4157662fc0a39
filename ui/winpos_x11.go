//go:build cgo && (linux || freebsd || openbsd || netbsd) && !android && !wayland

package ui

/*
#cgo LDFLAGS: -lX11
#include <stdlib.h>
#include <X11/Xlib.h>
#include <X11/Xatom.h>

static int sf_x_failed;

static int sf_x_error(Display *d, XErrorEvent *e) {
	(void)d; (void)e;
	sf_x_failed = 1;
	return 0;
}

// sf_open opens the connection the window's place is read and set on:
// window ids are the server's, so GLFW's connection is not needed.
static Display *sf_open(void) { return XOpenDisplay(NULL); }

static void sf_close(Display *d) { XCloseDisplay(d); }

// sf_atoms interns, once per connection, the atoms sf_maximized reads.
static void sf_atoms(Display *d, Atom *state, Atom *vert, Atom *horz) {
	*state = XInternAtom(d, "_NET_WM_STATE", False);
	*vert = XInternAtom(d, "_NET_WM_STATE_MAXIMIZED_VERT", False);
	*horz = XInternAtom(d, "_NET_WM_STATE_MAXIMIZED_HORZ", False);
}

// sf_maximized says whether win's _NET_WM_STATE holds both maximized
// states (the window manager's maximized window).
static int sf_maximized(Display *d, Window win, Atom state, Atom vert, Atom horz) {
	Atom type;
	int format;
	unsigned long n, after;
	unsigned char *data = NULL;
	if (XGetWindowProperty(d, win, state, 0, 64, False, XA_ATOM, &type, &format, &n, &after, &data) != Success || data == NULL) {
		return 0;
	}
	int v = 0, h = 0;
	if (format == 32) {
		Atom *atoms = (Atom *)data;
		for (unsigned long i = 0; i < n; i++) {
			v |= atoms[i] == vert;
			h |= atoms[i] == horz;
		}
	}
	XFree(data);
	return v && h;
}

// sf_place reads where window win is on the root window, its size, the
// root window's (the screen's) size, whether it is viewable (mapped, so
// not minimized) and whether it is maximized. An X error (the window gone)
// is caught rather than ending the process, as Xlib's default handler
// would.
static int sf_place(Display *d, Atom *atoms, unsigned long win, int *x, int *y, int *w, int *h, int *sw, int *sh, int *viewable, int *maximized) {
	int (*old)(Display *, XErrorEvent *) = XSetErrorHandler(sf_x_error);
	sf_x_failed = 0;
	Window child;
	XWindowAttributes attrs;
	Window root = DefaultRootWindow(d);
	int ok = XTranslateCoordinates(d, (Window)win, root, 0, 0, x, y, &child) &&
		XGetWindowAttributes(d, (Window)win, &attrs);
	int max = ok ? sf_maximized(d, (Window)win, atoms[0], atoms[1], atoms[2]) : 0;
	XSync(d, False);
	if (ok && !sf_x_failed) {
		*w = attrs.width;
		*h = attrs.height;
		*sw = DisplayWidth(d, DefaultScreen(d));
		*sh = DisplayHeight(d, DefaultScreen(d));
		*viewable = attrs.map_state == IsViewable;
		*maximized = max;
	}
	ok = ok && !sf_x_failed;
	XSetErrorHandler(old);
	return ok;
}

// sf_move moves window win's top-left corner to (x, y). GLFW asks window
// managers for static gravity, so this places the window's content, as
// sf_place reads it, not its frame.
static int sf_move(Display *d, unsigned long win, int x, int y) {
	int (*old)(Display *, XErrorEvent *) = XSetErrorHandler(sf_x_error);
	sf_x_failed = 0;
	XMoveWindow(d, (Window)win, x, y);
	XSync(d, False);
	int ok = !sf_x_failed;
	XSetErrorHandler(old);
	return ok;
}
*/
import "C"

import (
	"image"

	"fyne.io/fyne/v2/driver"
)

// placeConn is the editor's own X connection for reading and setting its
// window's place. It is opened the first time it is needed and kept (the
// 3-second tick would otherwise connect to the server each time, costly on
// a remote display) until the window closes. Only the main thread (inside
// RunNative) touches it.
type placeConn struct {
	d *C.Display
	// atoms are _NET_WM_STATE and its two maximized states, interned
	// once on d.
	atoms [3]C.Atom
}

// display is the open connection, opened now if it is not yet; nil when
// the server cannot be reached.
func (c *placeConn) display() *C.Display {
	if c.d == nil {
		if c.d = C.sf_open(); c.d != nil {
			C.sf_atoms(c.d, &c.atoms[0], &c.atoms[1], &c.atoms[2])
		}
	}
	return c.d
}

// close closes the connection, if open.
func (c *placeConn) close() {
	if c.d != nil {
		C.sf_close(c.d)
		c.d = nil
	}
}

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

func (c *placeConn) place(ctx any) (nativePlace, bool) {
	win := x11Window(ctx)
	if win == 0 {
		return nativePlace{}, false
	}
	d := c.display()
	if d == nil {
		return nativePlace{}, false
	}
	var x, y, w, h, sw, sh, viewable, maximized C.int
	if C.sf_place(d, &c.atoms[0], win, &x, &y, &w, &h, &sw, &sh, &viewable, &maximized) == 0 {
		return nativePlace{}, false
	}
	return nativePlace{
		at:        image.Pt(int(x), int(y)),
		size:      image.Pt(int(w), int(h)),
		screen:    image.Rect(0, 0, int(sw), int(sh)),
		minimized: viewable == 0,
		maximized: maximized != 0,
	}, true
}

func (c *placeConn) move(ctx any, at image.Point) bool {
	win := x11Window(ctx)
	if win == 0 {
		return false
	}
	d := c.display()
	if d == nil {
		return false
	}
	return C.sf_move(d, win, C.int(at.X), C.int(at.Y)) != 0
}
