//go:build !windows

package ui

import (
	"errors"
	"os"
	"syscall"
)

// running reports whether p, found by id, is running: FindProcess always
// finds one, so signal 0 asks (EPERM: it runs, under another user).
func running(p *os.Process) bool {
	err := p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, syscall.EPERM)
}
