package restapi

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// The Context resources write a response the flow received with its
// members in the response's order, as Studio does (and as the flow's
// Liquid iterates them), after the workspace has stored it.
func TestContextKeepsTheResponseMemberOrder(t *testing.T) {
	const body = `{"zeta":1,"alpha":{"y":2,"x":3},"mid":3}`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, body)
	}))
	defer srv.Close()
	ts := newTestServer(t)
	flow := ts.createFlow("call", "published", callFlow(srv.URL))
	x := ts.startExecution(flow, "+15550001111", "+15550002222")
	execs := "/v2/Flows/" + flow + "/Executions/" + x["sid"].(string)
	want := `"parsed":` + body
	if got := string(ts.raw(http.MethodGet, execs+"/Context")); !strings.Contains(got, want) {
		t.Errorf("execution context = %s\nwant it to hold %s", got, want)
	}
	var stepSID string
	for _, s := range ts.mustCall(http.StatusOK, http.MethodGet, execs+"/Steps", nil)["steps"].([]any) {
		if st := s.(map[string]any); st["transitioned_from"] == "call" {
			stepSID = st["sid"].(string)
		}
	}
	if stepSID == "" {
		t.Fatal("no step left the HTTP widget")
	}
	if got := string(ts.raw(http.MethodGet, execs+"/Steps/"+stepSID+"/Context")); !strings.Contains(got, want) {
		t.Errorf("step context = %s\nwant it to hold %s", got, want)
	}
	if got := string(ts.raw(http.MethodGet, execs+"/Steps/"+stepSID)); !strings.Contains(got, want) {
		t.Errorf("step = %s\nwant it to hold %s", got, want)
	}
}
