package workspace

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/internal/crashtest"
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
		crashtest.Fail(err)
	}
	for i := 0; ; i++ {
		f, err := s.CreateFlow(save(fmt.Sprintf("flow %d", i), StatusDraft, fmt.Sprintf(`{"n":%d}`, i)), time.Now())
		if err != nil {
			crashtest.Fail(err)
		}
		if _, err := s.UpdateFlow(f.SID, save(fmt.Sprintf("flow %d", i), StatusPublished, fmt.Sprintf(`{"n":%d,"r":2}`, i)), time.Now()); err != nil {
			crashtest.Fail(err)
		}
		x := Execution{SID: engine.RandomSID("FN"), FlowSID: f.SID, Status: engine.StatusActive, DateCreated: time.Now()}
		if err := s.SaveExecution(x, f.SID+"|contact", []engine.Step{{SID: engine.RandomSID("FT"), FlowSID: f.SID, ExecutionSID: x.SID}}, []byte("state of "+x.SID)); err != nil {
			crashtest.Fail(err)
		}
		crashtest.Ack(f.SID, x.SID)
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
	// Each acknowledgement names a flow and an execution.
	acks := crashtest.KillAfter(t, "TestCrashChild", crashChildEnv+"="+dir, 150, func(count int, a [2]string) {
		if count%25 == 0 {
			// Read while the child keeps saving.
			if _, err := s.Flow(a[0]); err != nil {
				t.Fatalf("acknowledged flow not visible to the other process: %v", err)
			}
		}
	})

	for i, a := range acks {
		flowSID, execSID := a[0], a[1]
		f, err := s.Flow(flowSID)
		if err != nil {
			t.Fatalf("acknowledged flow %d lost: %v", i, err)
		}
		var def map[string]any
		if err := json.Unmarshal(f.Definition, &def); err != nil || f.Revision != 2 || def["r"] != 2.0 {
			t.Errorf("flow %d: revision %d definition %s", i, f.Revision, f.Definition)
		}
		steps, err := s.Steps(flowSID, execSID)
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
		if execSID := a[1]; snapshots[execSID] != "state of "+execSID {
			t.Errorf("acknowledged execution %d: snapshot %q", i, snapshots[execSID])
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
