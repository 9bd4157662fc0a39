package restapi

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/studio/workspace"
)

// addExecutions stores n ended executions of flow, with a context each, as
// concurrent saves (they share commits).
func addExecutions(t *testing.T, store *workspace.Store, flow string, n int) {
	t.Helper()
	var wg sync.WaitGroup
	ctx := map[string]any{"flow": map[string]any{"data": map[string]any{"name": "Zeke"}}}
	work := make(chan int)
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				x := workspace.Execution{SID: engine.RandomSID("FN"), FlowSID: flow, Status: engine.StatusEnded, Context: ctx,
					DateCreated: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Second)}
				if err := store.SaveExecution(x, "", nil, nil); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	for i := range n {
		work <- i
	}
	close(work)
	wg.Wait()
}

// listAllocs is the allocations of one GET of path (the first page).
func listAllocs(t *testing.T, ts *testServer, path string) float64 {
	t.Helper()
	handler := ts.Config.Handler
	return testing.AllocsPerRun(5, func() {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.Host = "127.0.0.1"
		req.SetBasicAuth(ts.account, ts.token)
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Fatalf("GET %s: %d %s", path, rec.Code, rec.Body)
		}
	})
}

// TestListPagesCostWhatTheyHold: the first page of a flow's executions or
// revisions costs the same whether the flow has a few more than a page or
// many times that (it read and decoded every entry).
func TestListPagesCostWhatTheyHold(t *testing.T) {
	ts := newTestServer(t)
	flow := ts.createFlow("ask", "published", askFlow)
	path := "/v2/Flows/" + flow + "/Executions"
	addExecutions(t, ts.store, flow, 60)
	few := listAllocs(t, ts, path)
	addExecutions(t, ts.store, flow, 1500)
	many := listAllocs(t, ts, path)
	t.Logf("executions, first page: %.0f allocations at 60, %.0f at 1,560", few, many)
	if many > few*1.2 {
		t.Errorf("the first page of executions costs %.0f allocations at 1,560 executions, %.0f at 60", many, few)
	}

	for i := range 59 {
		ts.mustCall(http.StatusOK, http.MethodPost, "/v2/Flows/"+flow, map[string][]string{"Status": {"draft"}, "CommitMessage": {fmt.Sprint(i)}})
	}
	revPath := "/v2/Flows/" + flow + "/Revisions"
	few = listAllocs(t, ts, revPath)
	for i := range 240 {
		ts.mustCall(http.StatusOK, http.MethodPost, "/v2/Flows/"+flow, map[string][]string{"Status": {"draft"}, "CommitMessage": {fmt.Sprint(i)}})
	}
	many = listAllocs(t, ts, revPath)
	t.Logf("revisions, first page: %.0f allocations at 60, %.0f at 300", few, many)
	if many > few*1.2 {
		t.Errorf("the first page of revisions costs %.0f allocations at 300 revisions, %.0f at 60", many, few)
	}
}
