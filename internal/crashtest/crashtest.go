// Package crashtest kills a process in the middle of its work, to test that
// what it acknowledged survives. The test binary runs itself again as the
// child: a test that does the work and prints an acknowledgement (Ack) for
// each piece done, until it is killed.
package crashtest

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
)

// Ack tells the parent that a piece of work is done, naming it by two words.
func Ack(a, b string) { fmt.Println("ack", a, b) }

// Fail tells the parent the child failed, and ends the child.
func Fail(err error) {
	fmt.Println("error", err)
	os.Exit(1)
}

// KillAfter runs this binary's test named test as a child process with env
// ("NAME=value") added to its environment, kills it with SIGKILL once it has
// acknowledged n pieces of work, and returns each acknowledgement's two
// words in order. onAck, when not nil, sees each as it comes (the count so
// far, from 1, and the words), while the child keeps working. A child that
// fails, or stops before n, fails t.
func KillAfter(t testing.TB, test, env string, n int, onAck func(count int, ack [2]string)) [][2]string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$")
	cmd.Env = append(os.Environ(), env)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var acks [][2]string
	sc := bufio.NewScanner(out)
	killed := false
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) > 0 && fields[0] == "error" {
			t.Fatalf("child: %s", sc.Text())
		}
		if len(fields) == 3 && fields[0] == "ack" {
			ack := [2]string{fields[1], fields[2]}
			acks = append(acks, ack)
			if onAck != nil {
				onAck(len(acks), ack)
			}
		}
		if len(acks) == n && !killed {
			// Killed mid-work: the child is already on its next piece.
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			killed = true
		}
	}
	_ = cmd.Wait()
	if !killed {
		t.Fatalf("child stopped by itself after %d acknowledgements", len(acks))
	}
	return acks
}
