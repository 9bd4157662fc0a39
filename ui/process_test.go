package ui

import (
	"os"
	"os/exec"
	"testing"
)

// A running process is alive (this one); no id, and a process that has
// exited and been waited for, are not.
func TestProcessAliveTellsARunningProcessFromAnEndedOne(t *testing.T) {
	if !processAlive(os.Getpid()) {
		t.Error("this process is not alive")
	}
	for _, pid := range []int{0, -1} {
		if processAlive(pid) {
			t.Errorf("pid %d is alive", pid)
		}
	}
	ended := exec.Command(os.Args[0], "-test.run=^$")
	if err := ended.Run(); err != nil {
		t.Fatalf("run a process that ends at once: %v", err)
	}
	if processAlive(ended.Process.Pid) {
		t.Errorf("pid %d, ended and waited for, is alive", ended.Process.Pid)
	}
}
