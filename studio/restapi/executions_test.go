package restapi

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/studioflow/studioflow/engine"
)

func TestExecutionLifecycle(t *testing.T) {
	ts := newTestServer(t)
	flow := ts.createFlow("ask", "published", askFlow)
	execs := "/v2/Flows/" + flow + "/Executions"
	before := time.Now().UTC().Add(-time.Second).Format(time.RFC3339)

	x := ts.mustCall(http.StatusCreated, http.MethodPost, execs, url.Values{
		"To": {"+15551230001"}, "From": {"+15550009999"}, "Parameters": {`{"name":"Zeke"}`},
	})
	sid := x["sid"].(string)
	if !sidPattern("FN").MatchString(sid) || x["status"] != "active" || x["flow_sid"] != flow ||
		x["contact_channel_address"] != "+15551230001" || x["account_sid"] != ts.account || x["flow_version"] != 1.0 {
		t.Fatalf("created execution = %v", x)
	}
	xURL := ts.URL + execs + "/" + sid
	if x["url"] != xURL || !jsonEqual(x["links"], map[string]any{"steps": xURL + "/Steps", "execution_context": xURL + "/Context"}) {
		t.Errorf("url %v links %v", x["url"], x["links"])
	}

	// One active execution per contact: Studio's 409.
	status, conflict := ts.call(http.MethodPost, execs, url.Values{"To": {"+15551230001"}, "From": {"+15550009999"}})
	if status != http.StatusConflict || conflict["code"] != 20409.0 || conflict["status"] != 409.0 ||
		!jsonEqual(conflict["details"], map[string]any{"conflicting_execution_sid": sid}) ||
		!strings.Contains(conflict["message"].(string), sid) {
		t.Fatalf("second execution for the contact: %d %v", status, conflict)
	}
	// Another contact is another session.
	other := ts.mustCall(http.StatusCreated, http.MethodPost, execs, url.Values{"To": {"+15551230002"}, "From": {"+15550009999"}})

	// The context holds flow.data from Parameters and what the flow sent.
	ctx := ts.mustCall(http.StatusOK, http.MethodGet, execs+"/"+sid+"/Context", nil)
	if ctx["execution_sid"] != sid || ctx["flow_sid"] != flow || ctx["url"] != xURL+"/Context" {
		t.Errorf("context resource = %v", ctx)
	}
	c := ctx["context"].(map[string]any)
	if lookup(c, "flow", "data", "name") != "Zeke" || lookup(c, "widgets", "ask", "outbound", "Body") != "Hi Zeke, what is your name?" ||
		lookup(c, "contact", "channel", "address") != "+15551230001" {
		t.Errorf("context = %v", c)
	}

	steps := ts.mustCall(http.StatusOK, http.MethodGet, execs+"/"+sid+"/Steps", nil)
	list := steps["steps"].([]any)
	if len(list) != 1 {
		t.Fatalf("%d steps, want the trigger's only: %v", len(list), list)
	}
	step := list[0].(map[string]any)
	if step["name"] != "incomingRequest" || step["transitioned_from"] != "Trigger" || step["transitioned_to"] != "ask" || step["type"] != "trigger" {
		t.Errorf("trigger step = %v", step)
	}
	stepSID := step["sid"].(string)
	stepURL := xURL + "/Steps/" + stepSID
	if !sidPattern("FT").MatchString(stepSID) || step["url"] != stepURL || !jsonEqual(step["links"], map[string]any{"step_context": stepURL + "/Context"}) {
		t.Errorf("step url/links = %v %v", step["url"], step["links"])
	}
	if got := ts.mustCall(http.StatusOK, http.MethodGet, execs+"/"+sid+"/Steps/"+stepSID, nil); got["sid"] != stepSID {
		t.Errorf("fetched step = %v", got)
	}
	sctx := ts.mustCall(http.StatusOK, http.MethodGet, execs+"/"+sid+"/Steps/"+stepSID+"/Context", nil)
	if sctx["step_sid"] != stepSID || sctx["url"] != stepURL+"/Context" || lookup(sctx["context"].(map[string]any), "flow", "data", "name") != "Zeke" {
		t.Errorf("step context = %v", sctx)
	}
	if steps["meta"].(map[string]any)["key"] != "steps" {
		t.Errorf("steps meta = %v", steps["meta"])
	}

	// Listing: newest first, filtered by creation date.
	all := ts.mustCall(http.StatusOK, http.MethodGet, execs, nil)["executions"].([]any)
	if len(all) != 2 || all[0].(map[string]any)["sid"] != other["sid"] || all[1].(map[string]any)["sid"] != sid {
		t.Errorf("executions list = %v", all)
	}
	after := time.Now().UTC().Add(time.Hour).Format(time.RFC3339)
	q := url.Values{"DateCreatedFrom": {before}, "DateCreatedTo": {after}}
	if n := len(ts.mustCall(http.StatusOK, http.MethodGet, execs+"?"+q.Encode(), nil)["executions"].([]any)); n != 2 {
		t.Errorf("executions in [%s, %s) = %d, want 2", before, after, n)
	}
	if n := len(ts.mustCall(http.StatusOK, http.MethodGet, execs+"?"+url.Values{"DateCreatedFrom": {after}}.Encode(), nil)["executions"].([]any)); n != 0 {
		t.Errorf("executions from %s = %d, want 0", after, n)
	}
	ts.mustCall(http.StatusBadRequest, http.MethodGet, execs+"?DateCreatedFrom=yesterday", nil)

	// Ending frees the contact's session.
	ended := ts.mustCall(http.StatusOK, http.MethodPost, execs+"/"+sid, url.Values{"Status": {"ended"}})
	if ended["status"] != "ended" {
		t.Fatalf("ended execution = %v", ended)
	}
	if got := ts.mustCall(http.StatusOK, http.MethodGet, execs+"/"+sid, nil); got["status"] != "ended" {
		t.Errorf("fetched after end: %v", got["status"])
	}
	ts.mustCall(http.StatusBadRequest, http.MethodPost, execs+"/"+sid, url.Values{"Status": {"active"}})
	again := ts.mustCall(http.StatusCreated, http.MethodPost, execs, url.Values{"To": {"+15551230001"}, "From": {"+15550009999"}})

	ts.mustCall(http.StatusNoContent, http.MethodDelete, execs+"/"+sid, nil)
	ts.mustCall(http.StatusNotFound, http.MethodGet, execs+"/"+sid, nil)
	ts.mustCall(http.StatusNotFound, http.MethodGet, execs+"/"+sid+"/Steps/"+stepSID, nil)
	// Deleting an active execution frees its session too.
	ts.mustCall(http.StatusNoContent, http.MethodDelete, execs+"/"+again["sid"].(string), nil)
	ts.mustCall(http.StatusCreated, http.MethodPost, execs, url.Values{"To": {"+15551230001"}, "From": {"+15550009999"}})
}

func TestExecutionsRunPublishedRevisionOrTestUsersDraft(t *testing.T) {
	ts := newTestServer(t)
	flow := ts.createFlow("ask", "draft", askFlow)
	execs := "/v2/Flows/" + flow + "/Executions"
	status, out := ts.call(http.MethodPost, execs, url.Values{"To": {"+15551230001"}, "From": {"+15550009999"}})
	if status != http.StatusBadRequest || !strings.Contains(out["message"].(string), "no published revision") {
		t.Fatalf("execution of a never-published flow: %d %v", status, out)
	}
	ts.mustCall(http.StatusOK, http.MethodPost, "/v2/Flows/"+flow+"/TestUsers", url.Values{"TestUsers": {"+15551230001"}})
	x := ts.mustCall(http.StatusCreated, http.MethodPost, execs, url.Values{"To": {"+15551230001"}, "From": {"+15550009999"}})
	if x["flow_version"] != 1.0 {
		t.Errorf("test user's execution runs revision %v", x["flow_version"])
	}

	// Publish revision 2, then save a draft revision 3 that says something else.
	ts.mustCall(http.StatusOK, http.MethodPost, "/v2/Flows/"+flow, url.Values{"Status": {"published"}})
	ts.mustCall(http.StatusOK, http.MethodPost, "/v2/Flows/"+flow, url.Values{"Status": {"draft"},
		"Definition": {strings.Replace(askFlow, "what is your name?", "who are you?", 1)}})
	public := ts.mustCall(http.StatusCreated, http.MethodPost, execs, url.Values{"To": {"+15551230002"}, "From": {"+15550009999"}})
	ctx := ts.mustCall(http.StatusOK, http.MethodGet, execs+"/"+public["sid"].(string)+"/Context", nil)["context"].(map[string]any)
	if public["flow_version"] != 2.0 || lookup(ctx, "widgets", "ask", "outbound", "Body") != "Hi , what is your name?" {
		t.Errorf("public contact ran revision %v: %v", public["flow_version"], lookup(ctx, "widgets", "ask", "outbound", "Body"))
	}
	ts.mustCall(http.StatusOK, http.MethodPost, execs+"/"+x["sid"].(string), url.Values{"Status": {"ended"}})
	tester := ts.mustCall(http.StatusCreated, http.MethodPost, execs, url.Values{"To": {"+15551230001"}, "From": {"+15550009999"}})
	ctx = ts.mustCall(http.StatusOK, http.MethodGet, execs+"/"+tester["sid"].(string)+"/Context", nil)["context"].(map[string]any)
	if tester["flow_version"] != 3.0 || lookup(ctx, "widgets", "ask", "outbound", "Body") != "Hi , who are you?" {
		t.Errorf("test user ran revision %v", tester["flow_version"])
	}
}

func TestWaitTimeoutFiresFromTheClock(t *testing.T) {
	clock := engine.NewVirtualClock(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	ts := newTestServer(t, withClock(clock))
	flow := ts.createFlow("ask", "published", askFlow)
	execs := "/v2/Flows/" + flow + "/Executions"
	x := ts.mustCall(http.StatusCreated, http.MethodPost, execs, url.Values{"To": {"+15551230001"}, "From": {"+15550009999"}})
	if x["date_created"] != "2026-01-02T03:04:05Z" {
		t.Errorf("date_created %v does not come from the clock", x["date_created"])
	}
	clock.Advance(3599 * time.Second)
	if got := ts.mustCall(http.StatusOK, http.MethodGet, execs+"/"+x["sid"].(string), nil); got["status"] != "active" {
		t.Fatalf("ended before its timeout: %v", got)
	}
	clock.Advance(time.Second)
	got := ts.mustCall(http.StatusOK, http.MethodGet, execs+"/"+x["sid"].(string), nil)
	if got["status"] != "ended" {
		t.Fatalf("still %v after the 3600 s timeout", got["status"])
	}
	steps := ts.mustCall(http.StatusOK, http.MethodGet, execs+"/"+x["sid"].(string)+"/Steps", nil)["steps"].([]any)
	names := []string{}
	for _, s := range steps {
		m := s.(map[string]any)
		names = append(names, m["transitioned_from"].(string)+":"+m["name"].(string)+">"+m["transitioned_to"].(string))
	}
	want := []string{"bye:sent>Ended", "ask:timeout>bye", "Trigger:incomingRequest>ask"}
	if !jsonEqual(names, want) {
		t.Errorf("steps newest first = %v, want %v", names, want)
	}
}

func lookup(m map[string]any, path ...string) any {
	var cur any = m
	for _, k := range path {
		mm, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = mm[k]
	}
	return cur
}

// A waiting execution survives the server going away without ending it: the
// contact's reply, posted to the new server's webhook, carries it on.
func TestRestartCarriesOnWaitingExecutions(t *testing.T) {
	dir := t.TempDir()
	first := newTestServerIn(t, dir)
	flow := first.createFlow("ask", "published", askFlow)
	execs := "/v2/Flows/" + flow + "/Executions"
	contact := url.Values{"To": {"+15551230001"}, "From": {"+15550009999"}, "Parameters": {`{"name":"Ann"}`}}
	x := first.mustCall(http.StatusCreated, http.MethodPost, execs, contact)
	sid := x["sid"].(string)
	first.Close()
	if err := first.store.Close(); err != nil {
		t.Fatal(err)
	}

	second := newTestServerIn(t, dir)
	if second.account != first.account {
		t.Errorf("account SID changed across restarts: %s, then %s", first.account, second.account)
	}
	got := second.mustCall(http.StatusOK, http.MethodGet, execs+"/"+sid, nil)
	if got["status"] != "active" || got["ended_reason"] != nil {
		t.Errorf("execution left waiting by the first server: %v", got)
	}
	// The restored execution still holds the contact's session.
	second.mustCall(http.StatusConflict, http.MethodPost, execs, contact)

	status, out := second.sms(flow, "+15551230001", "+15550009999", "Zed")
	resumed, _ := out["execution"].(map[string]any)
	if status != http.StatusOK || resumed["sid"] != sid || resumed["status"] != "ended" {
		t.Fatalf("reply after the restart: %d %v", status, out)
	}
	if msgs, _ := out["messages"].([]any); len(msgs) != 1 || msgs[0].(map[string]any)["body"] != "Thanks Zed" {
		t.Errorf("reply after the restart sent %v", out["messages"])
	}
	steps := second.mustCall(http.StatusOK, http.MethodGet, execs+"/"+sid+"/Steps", nil)["steps"].([]any)
	names := []string{}
	for _, s := range steps {
		m := s.(map[string]any)
		names = append(names, m["transitioned_from"].(string)+":"+m["name"].(string)+">"+m["transitioned_to"].(string))
	}
	if want := []string{"thanks:sent>Ended", "ask:incomingMessage>thanks", "Trigger:incomingRequest>ask"}; !jsonEqual(names, want) {
		t.Errorf("steps newest first = %v, want %v", names, want)
	}
	ctx := second.mustCall(http.StatusOK, http.MethodGet, execs+"/"+sid+"/Context", nil)["context"].(map[string]any)
	if lookup(ctx, "flow", "data", "name") != "Ann" || lookup(ctx, "widgets", "ask", "inbound", "Body") != "Zed" {
		t.Errorf("context after the restart = %v", ctx)
	}
	// The contact's session is free again.
	second.mustCall(http.StatusCreated, http.MethodPost, execs, contact)
}

func TestConcurrentRequestsForOneContactStartOneExecution(t *testing.T) {
	ts := newTestServer(t)
	flow := ts.createFlow("ask", "published", askFlow)
	execs := "/v2/Flows/" + flow + "/Executions"
	const n = 20
	type answer struct {
		status int
		body   map[string]any
	}
	answers := make(chan answer, n)
	for range n {
		go func() {
			form := url.Values{"To": {"+15551230001"}, "From": {"+15550009999"}}
			req, _ := http.NewRequest(http.MethodPost, ts.URL+execs, strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.SetBasicAuth(ts.account, ts.token)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				answers <- answer{status: -1}
				return
			}
			defer resp.Body.Close()
			var body map[string]any
			_ = json.NewDecoder(resp.Body).Decode(&body)
			answers <- answer{resp.StatusCode, body}
		}()
	}
	var winner string
	var losers []map[string]any
	for range n {
		a := <-answers
		switch a.status {
		case http.StatusCreated:
			if winner != "" {
				t.Fatalf("two executions for one contact: %s and %s", winner, a.body["sid"])
			}
			winner = a.body["sid"].(string)
		case http.StatusConflict:
			losers = append(losers, a.body)
		default:
			t.Fatalf("unexpected answer %d %v", a.status, a.body)
		}
	}
	if winner == "" || len(losers) != n-1 {
		t.Fatalf("winner %q, %d conflicts", winner, len(losers))
	}
	for _, l := range losers {
		if l["details"].(map[string]any)["conflicting_execution_sid"] != winner {
			t.Errorf("409 names %v, not the active %s", l["details"], winner)
		}
	}
	if got := ts.mustCall(http.StatusOK, http.MethodGet, execs, nil)["executions"].([]any); len(got) != 1 {
		t.Errorf("%d executions stored, want 1", len(got))
	}
	// Deleting the flow stops its live execution and frees everything.
	ts.mustCall(http.StatusNoContent, http.MethodDelete, "/v2/Flows/"+flow, nil)
	ts.mustCall(http.StatusNotFound, http.MethodGet, execs+"/"+winner, nil)
}

// Whole numbers in Parameters stay whole: twilio-node sends
// Parameters={"name":41}, and the flow says "Hi 41", not "Hi 41.0".
func TestExecutionParametersKeepWholeNumbers(t *testing.T) {
	ts := newTestServer(t)
	flow := ts.createFlow("ask", "published", askFlow)
	execs := "/v2/Flows/" + flow + "/Executions"
	x := ts.mustCall(http.StatusCreated, http.MethodPost, execs, url.Values{
		"To": {"+15551230001"}, "From": {"+15550009999"}, "Parameters": {`{"name":41}`},
	})
	ctx := ts.mustCall(http.StatusOK, http.MethodGet, execs+"/"+x["sid"].(string)+"/Context", nil)
	c := ctx["context"].(map[string]any)
	if got := lookup(c, "widgets", "ask", "outbound", "Body"); got != "Hi 41, what is your name?" {
		t.Errorf("the message sent = %v", got)
	}
	if got := lookup(c, "flow", "data", "name"); got != 41.0 {
		t.Errorf("flow.data.name = %v", got)
	}
	status, body := ts.call(http.MethodPost, execs, url.Values{"To": {"+15551230002"}, "From": {"+15550009999"}, "Parameters": {`[41]`}})
	if status != http.StatusBadRequest || !strings.Contains(body["message"].(string), "a JSON array, not an object") {
		t.Errorf("Parameters=[41]: %d %v", status, body)
	}
}

// An integer too big for 64 bits reaches flow.data, the Context resource and
// the messages exactly as written, across a restart of the server too (the
// waiting execution's snapshot keeps it); Parameters giving a key twice are
// refused, naming the key and where it is.
func TestExecutionParametersKeepBigIntegersAndRefuseDuplicateKeys(t *testing.T) {
	const big = "12345678901234567890" // 1.2345678901234567e+19 as a float64
	dir := t.TempDir()
	first := newTestServerIn(t, dir)
	def := strings.Replace(askFlow, "Thanks {{widgets.ask.inbound.Body}}", "Thanks {{widgets.ask.inbound.Body}} {{flow.data.name | plus: 1}}", 1)
	flow := first.createFlow("ask", "published", def)
	execs := "/v2/Flows/" + flow + "/Executions"
	x := first.mustCall(http.StatusCreated, http.MethodPost, execs, url.Values{
		"To": {"+15551230001"}, "From": {"+15550009999"}, "Parameters": {`{"name":` + big + `,"nested":{"ids":[` + big + `]}}`},
	})
	sid := x["sid"].(string)
	ctxPath := execs + "/" + sid + "/Context"
	status, raw := first.rawCall(http.MethodGet, ctxPath, nil)
	if status != http.StatusOK || !strings.Contains(string(raw), `"name":`+big) || !strings.Contains(string(raw), `"ids":[`+big+`]`) ||
		!strings.Contains(string(raw), `"Body":"Hi `+big+`, what is your name?"`) {
		t.Errorf("the Context resource: %d %s", status, raw)
	}
	first.Close()
	if err := first.store.Close(); err != nil {
		t.Fatal(err)
	}

	second := newTestServerIn(t, dir)
	status, out := second.sms(flow, "+15551230001", "+15550009999", "Zed")
	if msgs, _ := out["messages"].([]any); status != http.StatusOK || len(msgs) != 1 || msgs[0].(map[string]any)["body"] != "Thanks Zed 12345678901234567891" {
		t.Errorf("reply after the restart: %d %v", status, out)
	}
	if _, raw := second.rawCall(http.MethodGet, ctxPath, nil); !strings.Contains(string(raw), `"name":`+big) {
		t.Errorf("the Context resource after the restart: %s", raw)
	}

	for params, want := range map[string]string{
		`{"name":1,"name":2}`:                         `line 1, column 11: member "name" appears twice in this object (first at line 1, column 2)`,
		"{\"a\":{\"b\":1,\n \"b\":2}}":                `line 2, column 2: member "b" appears twice in this object (first at line 1, column 7)`,
		`{"name":1` + strings.Repeat("0", 1000) + `}`: "the integer at name has 1001 digits",
	} {
		status, body := second.call(http.MethodPost, execs, url.Values{"To": {"+15551230002"}, "From": {"+15550009999"}, "Parameters": {params}})
		if msg, _ := body["message"].(string); status != http.StatusBadRequest || !strings.Contains(msg, want) {
			t.Errorf("Parameters=%s: %d %v, want 400 saying %q", params, status, body, want)
		}
	}
}
