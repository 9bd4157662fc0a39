//go:build !windows

package atomicfile

import (
	"io/fs"
	"os"
	"syscall"
)

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

// keepOwner gives the temporary file the owner and group of the file it
// replaces, when the process may (root may; an owner may change the group
// to one of its own): a root "fmt -w" on a user's file leaves it theirs.
// When it may not, the new file is the process's, as any rewrite would be.
func keepOwner(tmp *os.File, old fs.FileInfo) {
	st, ok := old.Sys().(*syscall.Stat_t)
	if !ok || (int(st.Uid) == os.Geteuid() && int(st.Gid) == os.Getegid()) {
		return
	}
	_ = tmp.Chown(int(st.Uid), int(st.Gid))
}
