package main

import (
	"fmt"
	"io"
	"time"
)

// shutdownGrace is how long the editor's process may take to end after its
// window has closed before it ends itself.
const shutdownGrace = 10 * time.Second

// exitIfShutdownHangs ends the process with exit code 0 when the window has
// closed (closed) but Fyne's run loop has not returned (returned) within
// grace. Fyne 2.8.1 can hang as it shuts down: its lifecycle goroutine may
// queue the "stopped" hook onto the main thread's function queue just after
// the run loop drained it for the last time, and Run then waits forever for
// an answer (internal/driver/glfw/loop.go, runGL and runOnMainWithWait).
// Seen under load in about one quit in a hundred. By then the editor has
// saved its layout and closed the workspace, so nothing is lost.
func exitIfShutdownHangs(closed, returned <-chan struct{}, grace time.Duration, stderr io.Writer, exit func(int)) {
	select {
	case <-closed:
	case <-returned:
		return
	}
	timer := time.NewTimer(grace)
	defer timer.Stop()
	select {
	case <-returned:
	case <-timer.C:
		fmt.Fprintf(stderr, "studioflow: the window closed but Fyne did not finish shutting down within %v; exiting\n", grace)
		exit(exitOK)
	}
}
