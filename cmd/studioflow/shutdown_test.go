package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// runShutdownGuard runs exitIfShutdownHangs to its end and reports the exit
// codes it asked for and what it wrote.
func runShutdownGuard(closed, returned chan struct{}, grace time.Duration) ([]int, string) {
	var stderr bytes.Buffer
	var codes []int
	exitIfShutdownHangs(closed, returned, grace, &stderr, func(code int) { codes = append(codes, code) })
	return codes, stderr.String()
}

func TestAWindowClosedWithoutRunReturningEndsTheProcess(t *testing.T) {
	closed, returned := make(chan struct{}), make(chan struct{})
	close(closed)
	codes, said := runShutdownGuard(closed, returned, 0)
	if len(codes) != 1 || codes[0] != exitOK {
		t.Fatalf("exit codes asked for: %v, want one %d", codes, exitOK)
	}
	if !strings.Contains(said, "did not finish shutting down") {
		t.Errorf("stderr says %q, want the reason", said)
	}
}

func TestARunThatReturnsIsLeftToEndByItself(t *testing.T) {
	for _, closedToo := range []bool{false, true} {
		closed, returned := make(chan struct{}), make(chan struct{})
		if closedToo {
			close(closed)
		}
		close(returned)
		if codes, said := runShutdownGuard(closed, returned, time.Hour); len(codes) != 0 || said != "" {
			t.Errorf("window closed %v, run returned: exit %v, stderr %q; want neither", closedToo, codes, said)
		}
	}
}
