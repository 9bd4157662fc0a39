//go:build !windows

package atomicfile

import "os"

// replace renames from over to: atomic on POSIX systems, even when another
// process has to open.
func replace(from, to string) error { return os.Rename(from, to) }

// syncDir makes a rename in dir durable. Some systems cannot sync a folder;
// the file is already in place, so that is not an error.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}
