// Package filelock takes advisory, exclusive locks on open files, shared by
// every process on the machine: a lock goes with the file's handle, so a
// process that dies (even killed) never leaves one behind.
package filelock

import (
	"fmt"
	"os"
	"time"
)

// Wait takes the lock on f, trying again until deadline while another
// open file (of this process or another) holds it. what names the lock
// in the error.
func Wait(f *os.File, deadline time.Time, what string) error {
	pause := 100 * time.Microsecond
	for {
		ok, err := TryLock(f)
		if err != nil {
			return fmt.Errorf("lock %s: %w", what, err)
		}
		if ok {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("lock %s: another process kept it locked", what)
		}
		time.Sleep(pause)
		pause = min(2*pause, 2*time.Millisecond)
	}
}
