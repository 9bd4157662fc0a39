//go:build windows

package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
	"time"
)

// replace renames from over to. os.Rename replaces an existing file on
// Windows (MoveFileEx with MOVEFILE_REPLACE_EXISTING), but fails while
// another program holds to open without sharing deletion: virus scanners
// and search indexers do that for a moment after every write, so the
// rename is retried for a while.
func replace(from, to string) error {
	return renameRetrying(os.Rename, sharingViolation, time.Sleep, from, to)
}

const errorSharingViolation syscall.Errno = 32 // ERROR_SHARING_VIOLATION

func sharingViolation(err error) bool {
	return errors.Is(err, syscall.ERROR_ACCESS_DENIED) || errors.Is(err, errorSharingViolation)
}

// syncDir does nothing: Windows cannot flush a folder (FlushFileBuffers
// refuses a directory handle); NTFS journals the rename itself.
func syncDir(string) {}

// keepOwner does nothing on Windows, where a new file takes its folder's
// permissions.
func keepOwner(*os.File, fs.FileInfo) {}
