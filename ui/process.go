package ui

import "os"

// processAlive reports whether a process with that id is running.
func processAlive(pid int) bool {
	if pid <= 0 {
		return false
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	return running(p)
}
