//go:build !windows && !(cgo && (linux || freebsd || openbsd || netbsd) && !android && !wayland)

package ui

import "image"

// On macOS the window's NSWindow would need Objective-C calls (frame and
// setFrameOrigin:), and Wayland lets no client place its windows, so the
// system places the window there; builds without cgo have no Xlib, and
// Android has no windows to place. The build constraints are the
// complement of winpos_x11.go's and winpos_windows.go's together.

// placeConn has nothing to hold where the place is not read.
type placeConn struct{}

func (*placeConn) place(any) (nativePlace, bool) { return nativePlace{}, false }

func (*placeConn) move(any, image.Point) bool { return false }

func (*placeConn) close() {}
