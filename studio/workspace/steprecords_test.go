package workspace

import (
	"fmt"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/schemas/liquid"
)

// oldStepRecord is a step as workspaces stored it before the store kept
// engine.Step itself: dates to the nanosecond with an offset, a response
// whose members are not in sorted order, whole numbers.
const oldStepRecord = `{"sid":"FT0","account_sid":"AC1","flow_sid":"%s","execution_sid":"FN1","parent_step_sid":"FT9",` +
	`"name":"success","type":"make-http-request","transitioned_from":"http","transitioned_to":"next",` +
	`"detail":"took 3 s","context":{"widgets":{"http":{"parsed":{"zeta":1,"alpha":[2,3]},"status_code":200}}},` +
	`"date_created":"2026-03-01T13:00:00.123456789+01:00","date_updated":"2026-03-01T12:00:00.5Z"}`

// Steps stored by earlier builds read back as engine.Step, their context
// as the engine had it.
func TestOldStepRecordsStillRead(t *testing.T) {
	s, _ := openTemp(t)
	f, err := s.CreateFlow(save("A", StatusPublished, `{}`), t0)
	if err != nil {
		t.Fatal(err)
	}
	x := Execution{SID: "FN1", FlowSID: f.SID, Status: engine.StatusEnded, DateCreated: t0}
	if err := s.SaveExecution(x, "k", []engine.Step{{SID: "FT1", FlowSID: f.SID, ExecutionSID: "FN1", Branch: 2}}, nil); err != nil {
		t.Fatal(err)
	}
	err = s.update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSteps).Bucket([]byte("FN1")).Put(seqKey(0), []byte(fmt.Sprintf(oldStepRecord, f.SID)))
	})
	if err != nil {
		t.Fatal(err)
	}
	st, err := s.Step(f.SID, "FN1", "FT0")
	if err != nil {
		t.Fatal(err)
	}
	if st.ParentStepSID == nil || *st.ParentStepSID != "FT9" || st.Name != "success" || st.Type != "make-http-request" ||
		st.TransitionedFrom != "http" || st.TransitionedTo != "next" || st.Detail != "took 3 s" || st.AccountSID != "AC1" {
		t.Errorf("old step read as %+v", st)
	}
	if want := time.Date(2026, 3, 1, 12, 0, 0, 123456789, time.UTC); !st.DateCreated.Equal(want) {
		t.Errorf("date_created = %v, want %v", st.DateCreated, want)
	}
	if want := time.Date(2026, 3, 1, 12, 0, 0, 500000000, time.UTC); !st.DateUpdated.Equal(want) {
		t.Errorf("date_updated = %v, want %v", st.DateUpdated, want)
	}
	http, _ := st.Context["widgets"].(map[string]any)["http"].(map[string]any)
	parsed, ok := http["parsed"].(*liquid.Object)
	if !ok || len(parsed.Keys()) != 2 || parsed.Keys()[0] != "zeta" {
		t.Fatalf("the response lost its member order: %#v", http["parsed"])
	}
	if zeta, _ := parsed.Get("zeta"); zeta != 1 {
		t.Errorf("zeta = %#v, want int 1", zeta)
	}
	if code := http["status_code"]; code != 200 {
		t.Errorf("status_code = %#v, want int 200", code)
	}
	steps, err := s.Steps(f.SID, "FN1")
	if err != nil || len(steps) != 2 || steps[0].SID != "FT1" || steps[0].Branch != 2 || steps[1].SID != "FT0" {
		t.Fatalf("steps = %v %+v", err, steps)
	}
}

// storedStepRecord is the bytes a workspace keeps for a step with every
// field set: engine.Step's JSON tags are the on-disk format, so a renamed
// tag, a dropped omitempty or a new date format shows up here before it
// strands the workspaces people have.
const storedStepRecord = `{"sid":"FT1","account_sid":"AC1","flow_sid":"%s","execution_sid":"FN1","parent_step_sid":"FT0",` +
	`"name":"success","type":"make-http-request","transitioned_from":"http","transitioned_to":"Ended",` +
	`"detail":"took 3 s","context":{"flow":{"variables":{"n":2}},"widgets":{"http":{"parsed":{"zeta":1,"alpha":[2,0.5]},"status_code":200}}},` +
	`"date_created":"2026-03-01T12:00:00.123456789Z","date_updated":"2026-03-01T12:00:01Z","branch":2}`

// A step is stored as engine.Step's JSON, byte for byte the format above.
func TestStepIsStoredInItsOnDiskFormat(t *testing.T) {
	s, _ := openTemp(t)
	f, err := s.CreateFlow(save("A", StatusPublished, `{}`), t0)
	if err != nil {
		t.Fatal(err)
	}
	parsed := liquid.NewObject(2)
	parsed.Set("zeta", 1)
	parsed.Set("alpha", []any{2, 0.5})
	parent := "FT0"
	st := engine.Step{
		SID: "FT1", AccountSID: "AC1", FlowSID: f.SID, ExecutionSID: "FN1", ParentStepSID: &parent,
		Name: "success", Type: "make-http-request", TransitionedFrom: "http", TransitionedTo: engine.EndedTransition,
		Detail: "took 3 s", Branch: 2,
		Context: map[string]any{
			"flow":    map[string]any{"variables": map[string]any{"n": 2}},
			"widgets": map[string]any{"http": map[string]any{"status_code": 200, "parsed": parsed}},
		},
		DateCreated: t0.Add(123456789 * time.Nanosecond), DateUpdated: t0.Add(time.Second),
	}
	x := Execution{SID: "FN1", FlowSID: f.SID, Status: engine.StatusEnded, DateCreated: t0}
	if err := s.SaveExecution(x, "k", []engine.Step{st}, nil); err != nil {
		t.Fatal(err)
	}
	var raw []byte
	err = s.view(func(tx *bolt.Tx) error {
		log := tx.Bucket(bucketSteps).Bucket([]byte("FN1"))
		if log == nil {
			return fmt.Errorf("no step log for FN1")
		}
		_, v := log.Cursor().First()
		raw = append([]byte(nil), v...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf(storedStepRecord, f.SID); string(raw) != want {
		t.Errorf("stored step\n%s\nwant\n%s", raw, want)
	}
}
