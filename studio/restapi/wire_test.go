package restapi

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/studio/wire"
)

// decodeAll decodes what the server wrote into the client's type, which
// must know every member, and checks the type writes it back byte for byte.
func decodeAll[T any](t *testing.T, what string, data []byte) T {
	t.Helper()
	var v T
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("%s: %s does not decode as %T: %v", what, data, v, err)
	}
	again, err := json.Marshal(v)
	if err != nil || !bytes.Equal(again, data) {
		t.Errorf("%s: %T writes\n%s\nthe server wrote\n%s", what, v, again, data)
	}
	return v
}

// sameValue checks a decoded resource against the one the server built.
func sameValue(t *testing.T, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s decoded as\n%#v\nthe server built\n%#v", what, got, want)
	}
}

// Every answer of the server decodes with the wire types the client uses,
// into the values the server encoded, and encodes back to the same bytes.
func TestServerAnswersDecodeWithTheWireTypes(t *testing.T) {
	ts := newTestServer(t)
	base, acct := ts.URL, ts.account
	form := func(kv ...string) url.Values {
		v := url.Values{}
		for i := 0; i < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return v
	}
	must := func(want int, method, path string, f url.Values) []byte {
		t.Helper()
		status, data := ts.rawCall(method, path, f)
		if status != want {
			t.Fatalf("%s %s: %d %s", method, path, status, data)
		}
		return data
	}

	_, valid := ts.rawCall(http.MethodPost, "/v2/Flows/Validate", form("FriendlyName", "A", "Status", "draft", "Definition", askFlow))
	if v := decodeAll[wire.FlowValidation](t, "validate", valid); !v.Valid {
		t.Errorf("validate: %s", valid)
	}
	created := decodeAll[wire.Flow](t, "create", must(http.StatusCreated, http.MethodPost, "/v2/Flows", form("FriendlyName", "Ask", "Status", "draft", "Definition", askFlow, "CommitMessage", "c1")))
	fw := created.SID
	must(http.StatusCreated, http.MethodPost, "/v2/Flows", form("FriendlyName", "Two", "Status", "draft", "Definition", askFlow))
	decodeAll[wire.Flow](t, "update", must(http.StatusOK, http.MethodPost, "/v2/Flows/"+fw, form("Status", "published")))

	fetched := decodeAll[wire.Flow](t, "fetch flow", must(http.StatusOK, http.MethodGet, "/v2/Flows/"+fw, nil))
	stored, err := ts.store.Flow(fw)
	if err != nil {
		t.Fatal(err)
	}
	want := newFlow(base, acct, stored, false)
	want.Definition = json.RawMessage(stored.Definition)
	sameValue(t, "flow", fetched, want)

	page := decodeAll[wire.FlowPage](t, "list flows", must(http.StatusOK, http.MethodGet, "/v2/Flows?PageSize=1", nil))
	if len(page.Flows) != 1 || page.Meta.NextPageURL == nil || page.Meta.PreviousPageURL != nil || page.Meta.Key != "flows" {
		t.Errorf("flow page: %+v", page)
	}
	decodeAll[wire.FlowPage](t, "second page", must(http.StatusOK, http.MethodGet, strings.TrimPrefix(*page.Meta.NextPageURL, base), nil))

	revs := decodeAll[wire.FlowRevisionPage](t, "revisions", must(http.StatusOK, http.MethodGet, "/v2/Flows/"+fw+"/Revisions", nil))
	if len(revs.Revisions) != 2 {
		t.Errorf("revisions: %+v", revs)
	}
	rev := decodeAll[wire.FlowRevision](t, "revision", must(http.StatusOK, http.MethodGet, "/v2/Flows/"+fw+"/Revisions/1", nil))
	storedRev, err := ts.store.Revision(fw, 1)
	if err != nil {
		t.Fatal(err)
	}
	wantRev := newFlowRevision(base, acct, storedRev)
	wantRev.Definition = json.RawMessage(storedRev.Definition)
	sameValue(t, "revision", rev, wantRev)

	decodeAll[wire.FlowTestUser](t, "set test users", must(http.StatusOK, http.MethodPost, "/v2/Flows/"+fw+"/TestUsers", form("TestUsers", "+15551230000")))
	decodeAll[wire.FlowTestUser](t, "test users", must(http.StatusOK, http.MethodGet, "/v2/Flows/"+fw+"/TestUsers", nil))

	started := decodeAll[wire.Execution](t, "create execution", must(http.StatusCreated, http.MethodPost, "/v2/Flows/"+fw+"/Executions",
		form("To", "+15550001111", "From", "+15550002222", "Parameters", `{"name":"Zeke","obj":{"z":1,"a":[1,2.5]}}`)))
	fn := started.SID
	conflict := decodeAll[wire.Error](t, "conflict", func() []byte {
		_, data := ts.rawCall(http.MethodPost, "/v2/Flows/"+fw+"/Executions", form("To", "+15550001111", "From", "+15550002222"))
		return data
	}())
	if conflict.Status != http.StatusConflict || conflict.Details["conflicting_execution_sid"] != fn {
		t.Errorf("conflict: %+v", conflict)
	}

	// The reply goes through the webhook, so the response the flow keeps has
	// its members in the order they came.
	hook := "/v1/Accounts/" + acct + "/Flows/" + fw
	msg := form("From", "+15550001111", "To", "+15550002222", "Body", "Ann", "MessageSid", "SM"+strings.Repeat("0", 32))
	req := signed(base+hook, ts.token, msg)
	req.Header.Set("Accept", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	replyData, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("webhook: %d %v %s", resp.StatusCode, err, replyData)
	}
	if r := decodeAll[wire.WebhookReply](t, "webhook reply", replyData); r.Execution.SID != fn || len(r.Messages) != 1 || r.Execution.Ended == nil {
		t.Errorf("webhook reply: %+v", r)
	}

	decodeAll[wire.ExecutionPage](t, "executions", must(http.StatusOK, http.MethodGet, "/v2/Flows/"+fw+"/Executions", nil))
	x := decodeAll[wire.Execution](t, "execution", must(http.StatusOK, http.MethodGet, "/v2/Flows/"+fw+"/Executions/"+fn, nil))
	storedX, err := ts.store.Execution(fw, fn)
	if err != nil {
		t.Fatal(err)
	}
	sameValue(t, "execution", x, newExecution(base, acct, storedX))
	xc := decodeAll[wire.ExecutionContext](t, "execution context", must(http.StatusOK, http.MethodGet, "/v2/Flows/"+fw+"/Executions/"+fn+"/Context", nil))
	sameValue(t, "execution context", xc, newExecutionContext(base, acct, storedX))

	steps := decodeAll[wire.ExecutionStepPage](t, "steps", must(http.StatusOK, http.MethodGet, "/v2/Flows/"+fw+"/Executions/"+fn+"/Steps", nil))
	storedSteps, err := ts.store.Steps(fw, fn)
	if err != nil || len(storedSteps) < 2 || len(steps.Steps) != len(storedSteps) {
		t.Fatalf("steps: %v, %d stored, %d listed", err, len(storedSteps), len(steps.Steps))
	}
	for i, st := range storedSteps {
		sameValue(t, "listed step "+st.SID, steps.Steps[i], wire.NewExecutionStep(base, acct, st))
		one := decodeAll[wire.ExecutionStep](t, "step", must(http.StatusOK, http.MethodGet, "/v2/Flows/"+fw+"/Executions/"+fn+"/Steps/"+st.SID, nil))
		sameValue(t, "step "+st.SID, one, wire.NewExecutionStep(base, acct, st))
		sc := decodeAll[wire.ExecutionStepContext](t, "step context", must(http.StatusOK, http.MethodGet, "/v2/Flows/"+fw+"/Executions/"+fn+"/Steps/"+st.SID+"/Context", nil))
		sameValue(t, "step context "+st.SID, sc, wire.NewExecutionStepContext(base, acct, st))
	}

	for what, path := range map[string]string{
		"not found":     "/v2/Flows/FW" + strings.Repeat("0", 32),
		"bad page size": "/v2/Flows?PageSize=0",
		"a gone cursor": "/v2/Flows?PageToken=PAFW" + strings.Repeat("1", 32),
	} {
		status, data := ts.rawCall(http.MethodGet, path, nil)
		if e := decodeAll[wire.Error](t, what, data); e.Status != status || e.Code == 0 || e.Message == "" {
			t.Errorf("%s: %d %+v", what, status, e)
		}
	}
	decodeAll[wire.Error](t, "method not allowed", must(http.StatusMethodNotAllowed, http.MethodDelete, "/v2/Flows", nil))
}

// The event stream's events decode with wire.Event, steps and ending included.
func TestEventsDecodeWithTheWireType(t *testing.T) {
	ts := newTestServer(t)
	flow := ts.createFlow("ask", "published", askFlow)
	x := ts.startExecution(flow, "+15551230001", "+15550009999")
	sid := x["sid"].(string)
	resp := ts.events(flow, sid)
	defer resp.Body.Close()
	done := make(chan int, 1)
	go func() {
		status, _ := ts.sms(flow, "+15551230001", "+15550009999", "Ann")
		done <- status
	}()
	var steps []wire.ExecutionStep
	var ending *wire.Event
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		line, ok := strings.CutPrefix(sc.Text(), "data: ")
		if !ok {
			continue
		}
		e := decodeAll[wire.Event](t, "event", []byte(line))
		if e.ExecutionSID != sid {
			t.Errorf("event of %s, want %s", e.ExecutionSID, sid)
		}
		if e.Step != nil {
			steps = append(steps, *e.Step)
		}
		if e.Ending != nil {
			ending = &e
		}
	}
	if status := <-done; status != http.StatusOK {
		t.Fatalf("webhook: %d", status)
	}
	if len(steps) == 0 || steps[0].FlowSID != flow || steps[0].URL == "" || ending == nil || ending.Ending.Kind == "" {
		t.Errorf("steps %+v, ending %+v", steps, ending)
	}
}
