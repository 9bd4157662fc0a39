package restapi

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/internal/testflows"
	"github.com/studioflow/studioflow/model"
)

func TestFlowLifecycle(t *testing.T) {
	ts := newTestServer(t)
	def := fixture(t, testflows.Horoscope)

	created := ts.mustCall(http.StatusCreated, http.MethodPost, "/v2/Flows", url.Values{
		"FriendlyName": {"Horoscope"}, "Status": {"draft"}, "Definition": {def}, "CommitMessage": {"First draft"},
	})
	sid := created["sid"].(string)
	if !sidPattern("FW").MatchString(sid) {
		t.Fatalf("sid %q is not FW + 32 hex", sid)
	}
	base := ts.URL + "/v2/Flows/" + sid
	want := map[string]any{
		"account_sid": ts.account, "friendly_name": "Horoscope", "status": "draft", "revision": 1.0,
		"commit_message": "First draft", "date_updated": nil, "url": base,
		"webhook_url": ts.URL + "/v1/Accounts/" + ts.account + "/Flows/" + sid,
		"links":       map[string]any{"test_users": base + "/TestUsers", "revisions": base + "/Revisions", "executions": base + "/Executions"},
	}
	for k, v := range want {
		if !jsonEqual(created[k], v) {
			t.Errorf("create: %s = %v, want %v", k, created[k], v)
		}
	}
	for _, k := range []string{"valid", "errors", "warnings", "date_created", "definition"} {
		if _, ok := created[k]; !ok {
			t.Errorf("create: field %s missing", k)
		}
	}

	// The definition comes back member for member, in order, as sent.
	fetched := ts.mustCall(http.StatusOK, http.MethodGet, "/v2/Flows/"+sid, nil)
	var raw struct{ Definition json.RawMessage }
	if err := json.Unmarshal(ts.raw(http.MethodGet, "/v2/Flows/"+sid), &raw); err != nil {
		t.Fatal(err)
	}
	sent, _ := model.ParseValue([]byte(def))
	back, err := model.ParseValue(raw.Definition)
	if err != nil || !model.Equal(sent, back) {
		t.Fatalf("fetched definition differs from the one created (err %v)", err)
	}

	// The list leaves out definitions and validation fields, as Studio's does.
	list := ts.mustCall(http.StatusOK, http.MethodGet, "/v2/Flows", nil)
	flows := list["flows"].([]any)
	if len(flows) != 1 {
		t.Fatalf("list has %d flows, want 1", len(flows))
	}
	item := flows[0].(map[string]any)
	for _, k := range []string{"definition", "commit_message", "valid", "errors", "warnings"} {
		if v, ok := item[k]; !ok || v != nil {
			t.Errorf("list item %s = %v (present %v), want null", k, v, ok)
		}
	}
	if item["sid"] != sid || item["friendly_name"] != "Horoscope" {
		t.Errorf("list item = %v", item)
	}
	meta := list["meta"].(map[string]any)
	if meta["key"] != "flows" || meta["page"] != 0.0 || meta["page_size"] != 50.0 || meta["next_page_url"] != nil {
		t.Errorf("meta = %v", meta)
	}

	// Publishing with a rename makes revision 2; a definition-less update keeps the definition.
	updated := ts.mustCall(http.StatusOK, http.MethodPost, "/v2/Flows/"+sid, url.Values{
		"Status": {"published"}, "FriendlyName": {"Astrology"}, "CommitMessage": {"Go live"},
	})
	if updated["revision"] != 2.0 || updated["status"] != "published" || updated["friendly_name"] != "Astrology" || updated["date_updated"] == nil {
		t.Fatalf("update: %v", updated)
	}
	if !jsonEqual(updated["definition"], fetched["definition"]) {
		t.Error("update without Definition changed the definition")
	}
	ts.mustCall(http.StatusOK, http.MethodPost, "/v2/Flows/"+sid, url.Values{
		"Status": {"draft"}, "Definition": {strings.Replace(def, "tell us your sign", "your sign, please", 1)}, "CommitMessage": {"Shorter"},
	})

	revs := ts.mustCall(http.StatusOK, http.MethodGet, "/v2/Flows/"+sid+"/Revisions", nil)["revisions"].([]any)
	if len(revs) != 3 {
		t.Fatalf("%d revisions, want 3", len(revs))
	}
	order := []float64{}
	for _, r := range revs {
		order = append(order, r.(map[string]any)["revision"].(float64))
	}
	if !jsonEqual(order, []float64{3, 2, 1}) {
		t.Errorf("revisions listed %v, want newest first", order)
	}
	for path, wantRev := range map[string]float64{"/Revisions/1": 1, "/Revisions/LatestPublished": 2, "/Revisions/LatestRevision": 3} {
		rev := ts.mustCall(http.StatusOK, http.MethodGet, "/v2/Flows/"+sid+path, nil)
		if rev["revision"] != wantRev || rev["url"] != base+"/Revisions/"+jsonNumber(wantRev) {
			t.Errorf("%s: revision %v url %v", path, rev["revision"], rev["url"])
		}
	}
	first := ts.mustCall(http.StatusOK, http.MethodGet, "/v2/Flows/"+sid+"/Revisions/1", nil)
	if first["commit_message"] != "First draft" || !strings.Contains(mustJSON(first["definition"]), "tell us your sign") {
		t.Error("revision 1 is not the definition first created")
	}
	ts.mustCall(http.StatusNotFound, http.MethodGet, "/v2/Flows/"+sid+"/Revisions/9", nil)

	// Test users.
	users := ts.mustCall(http.StatusOK, http.MethodPost, "/v2/Flows/"+sid+"/TestUsers", url.Values{"TestUsers": {"+15550001111", "+15550002222"}})
	if !jsonEqual(users["test_users"], []any{"+15550001111", "+15550002222"}) || users["url"] != base+"/TestUsers" || users["sid"] != sid {
		t.Errorf("test users = %v", users)
	}
	if got := ts.mustCall(http.StatusOK, http.MethodGet, "/v2/Flows/"+sid+"/TestUsers", nil); !jsonEqual(got["test_users"], users["test_users"]) {
		t.Errorf("fetched test users = %v", got)
	}

	ts.mustCall(http.StatusNoContent, http.MethodDelete, "/v2/Flows/"+sid, nil)
	ts.mustCall(http.StatusNotFound, http.MethodGet, "/v2/Flows/"+sid, nil)
	ts.mustCall(http.StatusNotFound, http.MethodGet, "/v2/Flows/"+sid+"/Revisions", nil)
}

func TestValidateAndInvalidDefinitions(t *testing.T) {
	ts := newTestServer(t)
	good := fixture(t, testflows.Horoscope)
	ok := ts.mustCall(http.StatusOK, http.MethodPost, "/v2/Flows/Validate", url.Values{
		"FriendlyName": {"x"}, "Status": {"draft"}, "Definition": {good},
	})
	if !jsonEqual(ok, map[string]any{"valid": true}) {
		t.Fatalf("validate good flow = %v", ok)
	}

	// A flow whose Goodbye widget leads to a widget that was never added.
	vaccine := fixture(t, testflows.StandbyList)
	status, out := ts.call(http.MethodPost, "/v2/Flows/Validate", url.Values{"FriendlyName": {"x"}, "Status": {"draft"}, "Definition": {vaccine}})
	if status != http.StatusBadRequest || !strings.Contains(mustJSON(out["details"]), `"property_path":"#/states/12/transitions/0/next"`) {
		t.Errorf("validate vaccine export: %d %v", status, out)
	}

	// The docs' own example: an initial_state that names no widget.
	broken := strings.Replace(good, `"initial_state": "Trigger"`, `"initial_state": "Nowhere"`, 1)
	if broken == good {
		t.Fatal("fixture has no initial_state to break")
	}
	status, out = ts.call(http.MethodPost, "/v2/Flows/Validate", url.Values{"FriendlyName": {"x"}, "Status": {"draft"}, "Definition": {broken}})
	if status != http.StatusBadRequest || out["code"] != 20001.0 || out["status"] != 400.0 || out["more_info"] == nil {
		t.Fatalf("validate broken flow: %d %v", status, out)
	}
	errs := out["details"].(map[string]any)["errors"].([]any)
	found := false
	for _, e := range errs {
		m := e.(map[string]any)
		if m["property_path"] == "#/initial_state" && m["message"] != "" {
			found = true
		}
	}
	if !found {
		t.Errorf("no error at #/initial_state in %v", errs)
	}

	// A draft may be saved broken, and says so; publishing it is refused.
	draft := ts.mustCall(http.StatusCreated, http.MethodPost, "/v2/Flows", url.Values{"FriendlyName": {"b"}, "Status": {"draft"}, "Definition": {broken}})
	if draft["valid"] != false || len(draft["errors"].([]any)) == 0 {
		t.Errorf("broken draft: valid %v errors %v", draft["valid"], draft["errors"])
	}
	status, out = ts.call(http.MethodPost, "/v2/Flows/"+draft["sid"].(string), url.Values{"Status": {"published"}})
	if status != http.StatusBadRequest || out["details"] == nil {
		t.Errorf("publishing a broken draft: %d %v", status, out)
	}
	status, _ = ts.call(http.MethodPost, "/v2/Flows", url.Values{"FriendlyName": {"b"}, "Status": {"published"}, "Definition": {broken}})
	if status != http.StatusBadRequest {
		t.Errorf("creating a broken published flow: status %d", status)
	}
}

func TestListPaging(t *testing.T) {
	ts := newTestServer(t)
	var sids []string
	for i := 0; i < 5; i++ {
		sids = append(sids, ts.createFlow("flow "+jsonNumber(float64(i)), "draft", askFlow))
	}
	var seen []string
	next := "/v2/Flows?PageSize=2"
	pages := 0
	for next != "" {
		page := ts.mustCall(http.StatusOK, http.MethodGet, next, nil)
		for _, f := range page["flows"].([]any) {
			seen = append(seen, f.(map[string]any)["sid"].(string))
		}
		meta := page["meta"].(map[string]any)
		if meta["page"] != float64(pages) || meta["page_size"] != 2.0 {
			t.Errorf("page %d meta = %v", pages, meta)
		}
		if pages == 0 && meta["previous_page_url"] != nil {
			t.Errorf("first page has a previous page: %v", meta["previous_page_url"])
		}
		pages++
		next = ""
		if u, ok := meta["next_page_url"].(string); ok {
			next = strings.TrimPrefix(u, ts.URL)
			if next == u {
				t.Fatalf("next_page_url %q is not on this server", u)
			}
		}
		if pages == 2 {
			prev := strings.TrimPrefix(meta["previous_page_url"].(string), ts.URL)
			back := ts.mustCall(http.StatusOK, http.MethodGet, prev, nil)["flows"].([]any)
			if len(back) != 2 || back[0].(map[string]any)["sid"] != sids[0] {
				t.Errorf("previous page of page 1 = %v", back)
			}
		}
	}
	if pages != 3 || !jsonEqual(seen, sids) {
		t.Errorf("paged through %d pages: %v, want 3 pages of %v", pages, seen, sids)
	}
	if meta := ts.mustCall(http.StatusOK, http.MethodGet, "/v2/Flows?PageSize=2000", nil)["meta"].(map[string]any); meta["page_size"] != 1000.0 {
		t.Errorf("PageSize=2000 gave page_size %v, want the maximum, 1000", meta["page_size"])
	}
	ts.mustCall(http.StatusBadRequest, http.MethodGet, "/v2/Flows?PageSize=0", nil)
	ts.mustCall(http.StatusBadRequest, http.MethodGet, "/v2/Flows?PageToken=bogus", nil)
}

// A Page far past the end (Page × PageSize beyond any int) is an empty page,
// not a negative offset into the list.
func TestPageFarPastTheEndIsEmpty(t *testing.T) {
	ts := newTestServer(t)
	ts.createFlow("only", "draft", askFlow)
	for _, q := range []string{"Page=5&PageSize=2", "Page=4611686018427387904&PageSize=2", "Page=9223372036854775807&PageSize=1000"} {
		page := ts.mustCall(http.StatusOK, http.MethodGet, "/v2/Flows?"+q, nil)
		if flows := page["flows"].([]any); len(flows) != 0 {
			t.Errorf("%s: %d flows, want an empty page", q, len(flows))
		}
	}
}

func jsonEqual(a, b any) bool {
	return mustJSON(a) == mustJSON(b)
}

func mustJSON(v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(data)
}

func jsonNumber(f float64) string { return strings.TrimSuffix(mustJSON(f), ".0") }

func TestDefinitionSurvivesTrickyNames(t *testing.T) {
	ts := newTestServer(t)
	name := `weird "definition":null name`
	sid := ts.mustCall(http.StatusCreated, http.MethodPost, "/v2/Flows", url.Values{
		"FriendlyName": {name}, "Status": {"draft"}, "Definition": {askFlow}, "CommitMessage": {`"definition":null`},
	})["sid"].(string)
	got := ts.mustCall(http.StatusOK, http.MethodGet, "/v2/Flows/"+sid, nil)
	def, _ := got["definition"].(map[string]any)
	if got["friendly_name"] != name || got["commit_message"] != `"definition":null` || def["initial_state"] != "Trigger" {
		t.Errorf("fetched %v", got)
	}
}
