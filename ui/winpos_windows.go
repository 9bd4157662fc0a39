//go:build windows

package ui

import (
	"image"
	"syscall"
	"unsafe"

	"fyne.io/fyne/v2/driver"
)

var (
	user32               = syscall.NewLazyDLL("user32.dll")
	procGetWindowRect    = user32.NewProc("GetWindowRect")
	procSetWindowPos     = user32.NewProc("SetWindowPos")
	procGetSystemMetrics = user32.NewProc("GetSystemMetrics")
	procIsIconic         = user32.NewProc("IsIconic")
	procIsZoomed         = user32.NewProc("IsZoomed")
)

// GetSystemMetrics indexes of the virtual screen (all monitors) and
// SetWindowPos flags.
const (
	smXVirtualScreen  = 76
	smYVirtualScreen  = 77
	smCXVirtualScreen = 78
	smCYVirtualScreen = 79

	swpNoSize     = 0x0001
	swpNoZOrder   = 0x0004
	swpNoActivate = 0x0010
)

type winRect struct{ left, top, right, bottom int32 }

func hwndOf(ctx any) uintptr {
	switch c := ctx.(type) {
	case driver.WindowsWindowContext:
		return c.HWND
	case *driver.WindowsWindowContext:
		return c.HWND
	}
	return 0
}

// placeConn holds nothing on Windows: user32 needs no connection.
type placeConn struct{}

func (*placeConn) close() {}

func (*placeConn) place(ctx any) (nativePlace, bool) {
	hwnd := hwndOf(ctx)
	if hwnd == 0 {
		return nativePlace{}, false
	}
	var r winRect
	if ok, _, _ := procGetWindowRect.Call(hwnd, uintptr(unsafe.Pointer(&r))); ok == 0 {
		return nativePlace{}, false
	}
	metric := func(i uintptr) int {
		v, _, _ := procGetSystemMetrics.Call(i)
		return int(int32(v))
	}
	x, y := metric(smXVirtualScreen), metric(smYVirtualScreen)
	iconic, _, _ := procIsIconic.Call(hwnd)
	zoomed, _, _ := procIsZoomed.Call(hwnd)
	return nativePlace{
		minimized: iconic != 0,
		maximized: zoomed != 0,
		at:        image.Pt(int(r.left), int(r.top)),
		size:      image.Pt(int(r.right-r.left), int(r.bottom-r.top)),
		screen:    image.Rect(x, y, x+metric(smCXVirtualScreen), y+metric(smCYVirtualScreen)),
	}, true
}

func (*placeConn) move(ctx any, at image.Point) bool {
	hwnd := hwndOf(ctx)
	if hwnd == 0 {
		return false
	}
	ok, _, _ := procSetWindowPos.Call(hwnd, 0, uintptr(int32(at.X)), uintptr(int32(at.Y)), 0, 0, swpNoSize|swpNoZOrder|swpNoActivate)
	return ok != 0
}
