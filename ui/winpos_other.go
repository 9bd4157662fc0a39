//go:build !windows && !(cgo && (linux || freebsd || openbsd || netbsd))

package ui

import "image"

// On macOS the window's NSWindow would need Objective-C calls (frame and
// setFrameOrigin:), and Wayland lets no client place its windows, so the
// system places the window there; builds without cgo have no Xlib.

func nativeWindowPlace(any) (nativePlace, bool) { return nativePlace{}, false }

func nativeMoveWindow(any, image.Point) bool { return false }
