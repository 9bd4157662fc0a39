//go:build !((linux || freebsd || openbsd || netbsd) && !android)

package filedialog

import "fyne.io/fyne/v2"

func portalAvailable() bool { return false }

func askPortal(fyne.Window, Options, string, bool, func(string)) bool { return false }
