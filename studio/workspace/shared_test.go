package workspace

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/studioflow/studioflow/engine"
)

// Two Stores on one folder stand for two processes: each has its own lock
// files and opens of the database, exactly as another process would.

func TestTwoStoresShareAWorkspace(t *testing.T) {
	editor, dir := openTemp(t)
	server, err := Open(dir, Options{})
	if err != nil {
		t.Fatalf("second store on the same workspace: %v", err)
	}
	defer server.Close()
	if editor.AccountSID() != server.AccountSID() {
		t.Errorf("account %s and %s for one workspace", editor.AccountSID(), server.AccountSID())
	}
	f, err := editor.CreateFlow(save("A", StatusDraft, `{"v":1}`), t0)
	if err != nil {
		t.Fatal(err)
	}
	got, err := server.Flow(f.SID)
	if err != nil || string(got.Definition) != `{"v":1}` {
		t.Fatalf("server reads the editor's save: %v %s", err, got.Definition)
	}
	if _, err := server.UpdateFlow(f.SID, save("A", StatusPublished, `{"v":2}`), t0); err != nil {
		t.Fatal(err)
	}
	got, err = editor.Flow(f.SID)
	if err != nil || got.Revision != 2 || string(got.Definition) != `{"v":2}` {
		t.Fatalf("editor reads the server's save: %v revision %d %s", err, got.Revision, got.Definition)
	}

	// Both write at once, many times; nothing is lost and neither fails.
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	for i, s := range []*Store{editor, server} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range 40 {
				if _, err := s.CreateFlow(save(fmt.Sprintf("p%d-%d", i, n), StatusDraft, `{}`), t0); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	for _, s := range []*Store{editor, server} {
		if flows, err := s.Flows(); err != nil || len(flows) != 81 {
			t.Errorf("flows: %v, %d, want 81", err, len(flows))
		}
	}
}

// TestBusyStoreLetsTheOtherIn: one store saving executions from many
// goroutines without pause does not keep the other out; the other's
// operations each finish within a few leases.
func TestBusyStoreLetsTheOtherIn(t *testing.T) {
	busy, dir := openTemp(t)
	other, err := Open(dir, Options{LockTimeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	f, err := busy.CreateFlow(save("A", StatusPublished, `{}`), t0)
	if err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				x := Execution{SID: engine.RandomSID("FN"), FlowSID: f.SID, Status: engine.StatusEnded, DateCreated: time.Now()}
				if err := busy.SaveExecution(x, "", nil, nil); err != nil {
					t.Error(err)
					return
				}
				if _, err := busy.Flow(f.SID); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	var worst time.Duration
	for n := range 20 {
		start := time.Now()
		if _, err := other.CreateFlow(save(fmt.Sprintf("o%d", n), StatusDraft, `{}`), t0); err != nil {
			t.Fatal(err)
		}
		worst = max(worst, time.Since(start))
	}
	close(stop)
	wg.Wait()
	t.Logf("slowest save while the other store was busy: %v", worst)
	if worst > time.Second {
		t.Errorf("a save waited %v for the busy store", worst)
	}
	list, err := busy.Executions(f.SID, time.Time{}, time.Time{})
	if err != nil || len(list) == 0 {
		t.Errorf("busy store saved nothing: %v", err)
	}
}

func TestStoreHeldTooLongIsReportedBusy(t *testing.T) {
	holder, dir := openTemp(t)
	entered, leave := make(chan struct{}), make(chan struct{})
	go func() {
		_ = holder.view(func(*bolt.Tx) error {
			close(entered)
			<-leave
			return nil
		})
	}()
	<-entered
	defer close(leave)
	start := time.Now()
	_, err := Open(dir, Options{LockTimeout: 100 * time.Millisecond})
	if err == nil {
		t.Fatal("opened a workspace another store holds")
	}
	if want := "another studioflow process kept it busy"; !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not say %q", err, want)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("told after %v, allowed 100ms", d)
	}
}

func TestOlderProcessHoldingTheFileIsNamed(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	// An older studioflow kept bbolt's lock for as long as it ran.
	db, err := bolt.Open(dir+"/"+FileName, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, err = Open(dir, Options{LockTimeout: 100 * time.Millisecond})
	if err == nil || !strings.Contains(err.Error(), "older studioflow") {
		t.Errorf("error %v does not name the older studioflow", err)
	}
}

func TestClosedStoreRefusesOperations(t *testing.T) {
	s, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Flows(); err == nil || !strings.Contains(err.Error(), "closed") {
		t.Errorf("flows of a closed store: %v", err)
	}
}
