package workspace

import (
	"bytes"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/studioflow/studioflow/engine"
)

// An active execution's snapshot is saved with it, replaced by each save,
// and gone once the execution ends or is deleted.
func TestSnapshotsFollowTheExecution(t *testing.T) {
	s, dir := openTemp(t)
	f, err := s.CreateFlow(save("A", StatusPublished, `{}`), t0)
	if err != nil {
		t.Fatal(err)
	}
	x := Execution{SID: "FN1", FlowSID: f.SID, Status: engine.StatusActive, DateCreated: t0}
	y := Execution{SID: "FN2", FlowSID: f.SID, Status: engine.StatusActive, DateCreated: t0}
	if err := s.SaveExecution(x, "k1", nil, []byte("first")); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveExecution(x, "", nil, []byte("second")); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveExecution(y, "k2", nil, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if s, err = Open(dir, Options{}); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	active, err := s.ActiveExecutions()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]ActiveExecution{}
	for _, a := range active {
		got[a.SID] = a
	}
	if a := got["FN1"]; len(active) != 2 || a.Session != "k1" || !bytes.Equal(a.Snapshot, []byte("second")) {
		t.Fatalf("after reopening, active executions = %+v", active)
	}
	if a := got["FN2"]; a.Session != "k2" || a.Snapshot != nil {
		t.Errorf("an execution saved without a snapshot has one: %+v", a)
	}

	x.Status = engine.StatusEnded
	if err := s.SaveExecution(x, "", nil, []byte("ignored once ended")); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteExecution(f.SID, "FN2"); err != nil {
		t.Fatal(err)
	}
	err = s.view(func(tx *bolt.Tx) error {
		if n := tx.Bucket(bucketSnapshots).Stats().KeyN; n != 0 {
			t.Errorf("%d snapshots left after the end and the delete", n)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if active, _ := s.ActiveExecutions(); len(active) != 0 {
		t.Errorf("active executions after the end and the delete: %+v", active)
	}
}
