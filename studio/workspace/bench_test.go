package workspace

import (
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/studioflow/studioflow/engine"
)

// benchFlow opens the workspace in dir, closed when the benchmark ends,
// holding one published flow.
func benchFlow(b *testing.B, dir string) (*Store, Flow) {
	b.Helper()
	s, err := Open(dir, Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	f, err := s.CreateFlow(save("A", StatusPublished, `{}`), t0)
	if err != nil {
		b.Fatal(err)
	}
	return s, f
}

func benchmarkSave(b *testing.B, parallel bool) {
	s, f := benchFlow(b, b.TempDir())
	ctx := map[string]any{"flow": map[string]any{"data": map[string]any{"name": "Zeke"}}, "widgets": map[string]any{"ask": map[string]any{"outbound": map[string]any{"Body": "Hi Zeke, what is your name?"}}}}
	saveOne := func() {
		x := Execution{SID: engine.RandomSID("FN"), FlowSID: f.SID, Status: engine.StatusActive, Context: ctx, DateCreated: time.Now()}
		st := engine.Step{SID: engine.RandomSID("FT"), FlowSID: f.SID, ExecutionSID: x.SID, Name: "incomingRequest", Context: ctx}
		if err := s.SaveExecution(x, x.SID, []engine.Step{st}, nil); err != nil {
			b.Error(err)
		}
	}
	b.ResetTimer()
	if !parallel {
		for b.Loop() {
			saveOne()
		}
		return
	}
	b.SetParallelism(50)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			saveOne()
		}
	})
}

// BenchmarkSaveExecution is one acknowledged (fsynced) save at a time.
func BenchmarkSaveExecution(b *testing.B) { benchmarkSave(b, false) }

// BenchmarkSaveExecutionConcurrent has 100 savers sharing commits.
func BenchmarkSaveExecutionConcurrent(b *testing.B) { benchmarkSave(b, true) }

// BenchmarkLeaseTurns is a lone reader (each read opens and closes a lease)
// while a second store on the workspace is idle: the cost of sharing.
func BenchmarkLeaseTurns(b *testing.B) {
	dir := b.TempDir()
	s, f := benchFlow(b, dir)
	other, err := Open(dir, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer other.Close()
	for b.Loop() {
		if _, err := s.Flow(f.SID); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExecutionsFirstPage is the first page of 50 of a flow holding
// 66,000 executions (as in issue 12), through the index by flow and date.
func BenchmarkExecutionsFirstPage(b *testing.B) {
	s, f := benchFlow(b, b.TempDir())
	ctx := map[string]any{"flow": map[string]any{"data": map[string]any{"name": "Zeke"}}}
	const total = 66000
	for start := 0; start < total; start += 2000 {
		// Straight into the buckets, 2,000 to a commit, as SaveExecution
		// writes an ended execution.
		err := s.update(func(tx *bolt.Tx) error {
			idx, err := tx.Bucket(bucketFlowExecutions).CreateBucketIfNotExists([]byte(f.SID))
			if err != nil {
				return err
			}
			for i := start; i < start+2000; i++ {
				x := storedExecution{Execution: Execution{SID: engine.RandomSID("FN"), FlowSID: f.SID, Status: engine.StatusEnded, Context: ctx, DateCreated: t0.Add(time.Duration(i) * time.Second)}}
				if err := putJSON(tx.Bucket(bucketExecutions), []byte(x.SID), x); err != nil {
					return err
				}
				if err := idx.Put(timeKey(x.DateCreated, x.SID), nil); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		page, _, err := s.ExecutionsPage(f.SID, time.Time{}, time.Time{}, PageQuery{Size: 50})
		if err != nil || len(page) != 50 {
			b.Fatal(err, len(page))
		}
	}
}
