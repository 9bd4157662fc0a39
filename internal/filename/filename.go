// Package filename makes file names that are valid on every system
// Studioflow runs on, and compares paths the way the file system does.
//
// Windows refuses < > : " / \ | ? * and control characters in a name, drops
// trailing dots and spaces, and reserves the device names CON, PRN, AUX, NUL,
// COM1–COM9 and LPT1–LPT9, with any extension ("nul.json" is the null
// device). Windows and macOS compare names without regard to case.
package filename

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"unicode/utf8"
)

// MaxStemBytes bounds the length of a name Safe returns, leaving room for an
// extension within the usual limit of 255 bytes per name.
const MaxStemBytes = 200

// Safe turns name (a flow's friendly name, a window title) into a file name
// stem valid on Windows, macOS and Linux alike: characters a system refuses
// become "_", leading and trailing spaces and trailing dots go, a reserved
// device name gets "_" appended, and the result is at most MaxStemBytes.
// An empty result is fallback.
func Safe(name, fallback string) string {
	var b strings.Builder
	for _, r := range name {
		switch {
		case r < 0x20 || r == 0x7f || r == utf8.RuneError:
			b.WriteRune('_')
		case strings.ContainsRune(`<>:"/\|?*`, r):
			b.WriteRune('_')
		default:
			b.WriteRune(r)
		}
	}
	s := strings.TrimSpace(b.String())
	if len(s) > MaxStemBytes {
		cut := MaxStemBytes
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	s = strings.TrimRight(s, ". ")
	if s == "" {
		return fallback
	}
	if Reserved(s) {
		stem, rest, _ := strings.Cut(s, ".")
		if rest != "" {
			rest = "." + rest
		}
		s = stem + "_" + rest
	}
	return s
}

// Reserved reports whether Windows treats name as a device: its part before
// the first dot, without trailing spaces, is CON, PRN, AUX, NUL, COM1–COM9 or
// LPT1–LPT9 in any case.
func Reserved(name string) bool {
	stem, _, _ := strings.Cut(name, ".")
	stem = strings.ToUpper(strings.TrimRight(stem, " "))
	switch stem {
	case "CON", "PRN", "AUX", "NUL":
		return true
	}
	if len(stem) == 4 && (strings.HasPrefix(stem, "COM") || strings.HasPrefix(stem, "LPT")) {
		return stem[3] >= '1' && stem[3] <= '9'
	}
	return false
}

// SamePath reports whether a and b name the same file: the same file when
// both exist, otherwise the same cleaned path, compared without regard to
// case where the system's file systems usually do (Windows, macOS).
func SamePath(a, b string) bool {
	return samePath(a, b, runtime.GOOS)
}

func samePath(a, b, goos string) bool {
	if ia, err := os.Stat(a); err == nil {
		if ib, err := os.Stat(b); err == nil {
			return os.SameFile(ia, ib)
		}
	}
	a, b = filepath.Clean(a), filepath.Clean(b)
	if goos == "windows" || goos == "darwin" {
		return strings.EqualFold(a, b)
	}
	return a == b
}
