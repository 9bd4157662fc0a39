//go:build unix

package benchpeer

import (
	"syscall"
	"time"
)

// processCPU is the CPU time the process has used (all threads: the
// garbage collector's too), or false where it cannot tell.
func processCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
