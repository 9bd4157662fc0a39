package workspace

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/studioflow/studioflow/engine"
)

var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func openTemp(t *testing.T) (*Store, string) {
	t.Helper()
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, dir
}

func save(name, status, def string) Save {
	return Save{FriendlyName: name, Status: status, Definition: json.RawMessage(def), Valid: true}
}

func TestRevisionsAreKeptAndImmutable(t *testing.T) {
	s, dir := openTemp(t)
	f, err := s.CreateFlow(save("A", StatusDraft, `{"v":1}`), t0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpdateFlow(f.SID, save("A", StatusPublished, `{"v":2}`), t0.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	renamed := save("B", StatusDraft, "")
	renamed.Definition = nil // keep the definition
	if _, err := s.UpdateFlow(f.SID, renamed, t0.Add(2*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.Flow(f.SID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Revision != 3 || got.LatestPublished != 2 || got.FriendlyName != "B" || string(got.Definition) != `{"v":2}` ||
		!got.DateCreated.Equal(t0) || got.DateUpdated == nil || !got.DateUpdated.Equal(t0.Add(2*time.Minute)) {
		t.Fatalf("after reopen: %+v (definition %s)", got, got.Definition)
	}
	revs, err := s.Revisions(f.SID)
	if err != nil || len(revs) != 3 || revs[0].Revision != 3 || revs[2].Revision != 1 || revs[2].Definition != nil {
		t.Fatalf("revisions: %v %+v", err, revs)
	}
	r1, err := s.Revision(f.SID, 1)
	if err != nil || string(r1.Definition) != `{"v":1}` || r1.Status != StatusDraft || r1.FriendlyName != "A" {
		t.Fatalf("revision 1: %v %+v", err, r1)
	}
	if _, err := s.Revision(f.SID, 4); !errors.Is(err, ErrNotFound) {
		t.Errorf("revision 4: %v", err)
	}
	dup, err := s.DuplicateFlow(f.SID, "B copy", t0)
	if err != nil || dup.SID == f.SID || dup.Revision != 1 || string(dup.Definition) != `{"v":2}` {
		t.Fatalf("duplicate: %v %+v", err, dup)
	}
	if s.AccountSID() == "" || len(s.AccountSID()) != 34 {
		t.Errorf("account SID %q", s.AccountSID())
	}
}

func TestSaveRefusesBadInput(t *testing.T) {
	s, _ := openTemp(t)
	for _, bad := range []Save{save("", StatusDraft, "{}"), save("x", "live", "{}"), save("x", StatusDraft, "")} {
		if bad.Definition != nil && len(bad.Definition) == 0 {
			bad.Definition = nil
		}
		if _, err := s.CreateFlow(bad, t0); err == nil {
			t.Errorf("CreateFlow(%+v) succeeded", bad)
		}
	}
	if _, err := s.UpdateFlow("FW"+"00000000000000000000000000000000", save("x", StatusDraft, "{}"), t0); !errors.Is(err, ErrNotFound) {
		t.Errorf("update of a missing flow: %v", err)
	}
}

func TestExecutionsHoldSessionsAndKeepSteps(t *testing.T) {
	s, _ := openTemp(t)
	f, err := s.CreateFlow(save("A", StatusPublished, `{}`), t0)
	if err != nil {
		t.Fatal(err)
	}
	x := Execution{SID: "FN1", FlowSID: f.SID, Status: engine.StatusActive, DateCreated: t0}
	step := func(sid string) engine.Step {
		return engine.Step{SID: sid, FlowSID: f.SID, ExecutionSID: "FN1", Name: "e" + sid}
	}
	if err := s.SaveExecution(x, "k", []engine.Step{step("FT1")}, nil); err != nil {
		t.Fatal(err)
	}
	other := Execution{SID: "FN2", FlowSID: f.SID, Status: engine.StatusActive, DateCreated: t0.Add(time.Second)}
	var conflict *ConflictError
	if err := s.SaveExecution(other, "k", nil, nil); !errors.As(err, &conflict) || conflict.ActiveSID != "FN1" {
		t.Fatalf("second active execution in the session: %v", err)
	}
	if _, err := s.Execution(f.SID, "FN2"); !errors.Is(err, ErrNotFound) {
		t.Errorf("a refused save left the execution: %v", err)
	}
	if err := s.SaveExecution(x, "k", []engine.Step{step("FT2"), step("FT3")}, nil); err != nil {
		t.Fatal(err)
	}
	steps, err := s.Steps(f.SID, "FN1")
	if err != nil || len(steps) != 3 || steps[0].SID != "FT3" || steps[2].SID != "FT1" {
		t.Fatalf("steps newest first: %v %+v", err, steps)
	}
	if st, err := s.Step(f.SID, "FN1", "FT2"); err != nil || st.Name != "eFT2" {
		t.Errorf("step FT2: %v %+v", err, st)
	}
	x.Status = engine.StatusEnded
	if err := s.SaveExecution(x, "", nil, nil); err != nil {
		t.Fatal(err)
	}
	if holder, _ := s.ActiveSession("k"); holder != "" {
		t.Errorf("ended execution still holds the session (%s)", holder)
	}
	if err := s.SaveExecution(other, "k", nil, nil); err != nil {
		t.Fatalf("new execution after the end: %v", err)
	}
	list, err := s.Executions(f.SID, time.Time{}, time.Time{})
	if err != nil || len(list) != 2 || list[0].SID != "FN2" {
		t.Fatalf("executions newest first: %v %+v", err, list)
	}
	if list, _ := s.Executions(f.SID, t0.Add(time.Second), time.Time{}); len(list) != 1 || list[0].SID != "FN2" {
		t.Errorf("executions from t0+1s: %+v", list)
	}
	if list, _ := s.Executions(f.SID, time.Time{}, t0.Add(time.Second)); len(list) != 1 || list[0].SID != "FN1" {
		t.Errorf("executions before t0+1s: %+v", list)
	}
	if err := s.DeleteFlow(f.SID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Execution(f.SID, "FN1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("execution of a deleted flow: %v", err)
	}
	if holder, _ := s.ActiveSession("k"); holder != "" {
		t.Errorf("deleted flow's execution still holds the session")
	}
}

func TestRestoreRevisionMakesANewDraft(t *testing.T) {
	s, _ := openTemp(t)
	f, _ := s.CreateFlow(save("A", StatusPublished, `{"v":1}`), t0)
	if _, err := s.UpdateFlow(f.SID, save("A", StatusPublished, `{"v":2}`), t0); err != nil {
		t.Fatal(err)
	}
	got, err := s.RestoreRevision(f.SID, 1, t0.Add(time.Hour))
	if err != nil || got.Revision != 3 || got.Status != StatusDraft || got.LatestPublished != 2 || string(got.Definition) != `{"v":1}` ||
		got.CommitMessage == nil || *got.CommitMessage != "Restored revision 1" {
		t.Fatalf("restore: %v %+v", err, got)
	}
	if _, err := s.RestoreRevision(f.SID, 7, t0); !errors.Is(err, ErrNotFound) {
		t.Errorf("restore of a missing revision: %v", err)
	}
}
