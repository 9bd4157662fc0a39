//go:build !unix

package modeltest

import (
	"errors"
	"runtime"
)

// mkfifo fails: this system has no named pipes in the file system (Windows
// has them only under \\.\pipe\), so the tests that need one skip.
func mkfifo(string) error { return errors.New("no FIFOs in the file system on " + runtime.GOOS) }
