package workspace

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/studioflow/studioflow/engine"
)

// crashChildEnv makes the test binary act as the process that gets killed.
const crashChildEnv = "STUDIOFLOW_CRASH_WORKSPACE"

// TestCrashChild is not a test on its own: run by TestKilledProcessLosesNothingAcknowledged,
// it saves flows and executions as fast as it can, printing each
// acknowledged save, until it is killed.
func TestCrashChild(t *testing.T) {
	dir := os.Getenv(crashChildEnv)
	if dir == "" {
		t.Skip("run by TestKilledProcessLosesNothingAcknowledged")
	}
	s, err := Open(dir, Options{})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	for i := 0; ; i++ {
		f, err := s.CreateFlow(save(fmt.Sprintf("flow %d", i), StatusDraft, fmt.Sprintf(`{"n":%d}`, i)), time.Now())
		if err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		if _, err := s.UpdateFlow(f.SID, save(fmt.Sprintf("flow %d", i), StatusPublished, fmt.Sprintf(`{"n":%d,"r":2}`, i)), time.Now()); err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		x := Execution{SID: engine.RandomSID("FN"), FlowSID: f.SID, Status: engine.StatusActive, DateCreated: time.Now()}
		if err := s.SaveExecution(x, f.SID+"|contact", []engine.Step{{SID: engine.RandomSID("FT"), FlowSID: f.SID, ExecutionSID: x.SID}}, []byte("state of "+x.SID)); err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		fmt.Println("ack", f.SID, x.SID)
	}
}

// TestKilledProcessLosesNothingAcknowledged: a process saving into the
// workspace is killed mid-save while this one has the same workspace open
// and reads what it acknowledges as it goes; everything acknowledged is
// there after the kill, read by the store that stayed open.
func TestKilledProcessLosesNothingAcknowledged(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	type ack struct{ flow, exec string }
	var acks []ack
	sc := bufio.NewScanner(out)
	killed := false
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) > 0 && fields[0] == "error" {
			t.Fatalf("child: %s", sc.Text())
		}
		if len(fields) == 3 && fields[0] == "ack" {
			acks = append(acks, ack{fields[1], fields[2]})
			if len(acks)%25 == 0 {
				// Read while the child keeps saving.
				if _, err := s.Flow(fields[1]); err != nil {
					t.Fatalf("acknowledged flow not visible to the other process: %v", err)
				}
			}
		}
		if len(acks) == 150 && !killed {
			// Killed mid-save: the child is already in its next transaction.
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			killed = true
		}
	}
	_ = cmd.Wait()
	if !killed {
		t.Fatalf("child stopped by itself after %d saves", len(acks))
	}

	for i, a := range acks {
		f, err := s.Flow(a.flow)
		if err != nil {
			t.Fatalf("acknowledged flow %d lost: %v", i, err)
		}
		var def map[string]any
		if err := json.Unmarshal(f.Definition, &def); err != nil || f.Revision != 2 || def["r"] != 2.0 {
			t.Errorf("flow %d: revision %d definition %s", i, f.Revision, f.Definition)
		}
		steps, err := s.Steps(a.flow, a.exec)
		if err != nil || len(steps) != 1 {
			t.Errorf("acknowledged execution %d: %v, %d steps", i, err, len(steps))
		}
	}
	active, err := s.ActiveExecutions()
	if err != nil {
		t.Fatal(err)
	}
	snapshots := map[string]string{}
	for _, a := range active {
		snapshots[a.SID] = string(a.Snapshot)
	}
	for i, a := range acks {
		if got := snapshots[a.exec]; got != "state of "+a.exec {
			t.Errorf("acknowledged execution %d: snapshot %q", i, got)
		}
	}
	// Whatever the child had not acknowledged is either whole or absent.
	flows, err := s.Flows()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range flows {
		if _, err := s.Revision(f.SID, f.Revision); err != nil {
			t.Errorf("flow %s names revision %d, which is missing: %v", f.SID, f.Revision, err)
		}
	}
	if len(flows) < len(acks) {
		t.Errorf("%d flows after the kill, %d acknowledged", len(flows), len(acks))
	}
}
