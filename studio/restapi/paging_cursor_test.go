package restapi

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// The loop Twilio's clients run to clean up: list a page, delete what is
// on it, follow next_page_url. A deleted entry's cursor still marks its
// place, so every entry is reached (the next page used to be a 400).
func TestPagingThroughWhileDeletingReachesEveryEntry(t *testing.T) {
	ts := newTestServer(t)
	var flows []string
	for i := range 5 {
		flows = append(flows, ts.createFlow(fmt.Sprintf("f%d", i), "published", askFlow))
	}
	deleted := deleteWhilePaging(t, ts, "/v2/Flows?PageSize=2", "flows", func(sid string) string { return "/v2/Flows/" + sid })
	if !slices.Equal(sortedCopy(deleted), sortedCopy(flows)) {
		t.Errorf("deleted flows %v, want all of %v", deleted, flows)
	}

	flow := ts.createFlow("ask", "published", askFlow)
	var execs []string
	for i := range 5 {
		execs = append(execs, ts.startExecution(flow, fmt.Sprintf("+1555000%04d", i), "+15550009999")["sid"].(string))
	}
	base := "/v2/Flows/" + flow + "/Executions"
	deleted = deleteWhilePaging(t, ts, base+"?PageSize=2", "executions", func(sid string) string { return base + "/" + sid })
	if !slices.Equal(sortedCopy(deleted), sortedCopy(execs)) {
		t.Errorf("deleted executions %v, want all of %v", deleted, execs)
	}
}

// Ending the executions of a Status=active page takes them out of the list;
// the next page starts where they stood.
func TestPagingActiveExecutionsWhileEndingThem(t *testing.T) {
	ts := newTestServer(t)
	flow := ts.createFlow("ask", "published", askFlow)
	base := "/v2/Flows/" + flow + "/Executions"
	var execs []string
	for i := range 5 {
		execs = append(execs, ts.startExecution(flow, fmt.Sprintf("+1555100%04d", i), "+15550009999")["sid"].(string))
	}
	ended := deleteWhilePaging(t, ts, base+"?PageSize=2&Status=active", "executions", func(sid string) string { return base + "/" + sid })
	if !slices.Equal(sortedCopy(ended), sortedCopy(execs)) {
		t.Errorf("ended %v, want all of %v", ended, execs)
	}
}

// deleteWhilePaging lists path page by page, removing each entry of a page
// (DELETE, or Status=ended for a Status=active list) before following
// next_page_url; it returns the SIDs removed.
func deleteWhilePaging(t *testing.T, ts *testServer, path, key string, entry func(sid string) string) []string {
	t.Helper()
	var removed []string
	for pages := 0; path != ""; pages++ {
		if pages > 10 {
			t.Fatalf("paging does not end: %v", removed)
		}
		page := ts.mustCall(http.StatusOK, http.MethodGet, path, nil)
		for _, e := range page[key].([]any) {
			sid := e.(map[string]any)["sid"].(string)
			if strings.Contains(path, "Status=active") {
				ts.mustCall(http.StatusOK, http.MethodPost, entry(sid), url.Values{"Status": {"ended"}})
			} else {
				ts.mustCall(http.StatusNoContent, http.MethodDelete, entry(sid), nil)
			}
			removed = append(removed, sid)
		}
		next, _ := page["meta"].(map[string]any)["next_page_url"].(string)
		path = strings.TrimPrefix(next, ts.URL)
	}
	return removed
}

func sortedCopy(s []string) []string {
	c := slices.Clone(s)
	slices.Sort(c)
	return c
}
