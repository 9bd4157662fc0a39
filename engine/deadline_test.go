package engine

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestRunTimeoutEndsARunHeldByAnHTTPServer: a request to a server that never
// answers, within Studio's HTTP timeout but past the run's wall-clock limit,
// ends the execution at the limit, with that reason.
func TestRunTimeoutEndsARunHeldByAnHTTPServer(t *testing.T) {
	url := hangingServer(t)
	f := testFlow(t, trigger("incomingMessage>http"),
		widget("http", "make-http-request", `{"url":"`+url+`"}`, "success>,failed>after"),
		widget("after", "set-variables", `{}`, "next>"))
	rt, _ := testRuntime(Config{HTTPTimeout: 10 * time.Second, RunTimeout: 200 * time.Millisecond})
	began := time.Now()
	x, _ := start(t, rt, f, Trigger{Event: TriggerMessage}, StartOptions{})
	took := time.Since(began)
	wantEnded(t, x, EndLimit, "ran for more than 200ms")
	if took > 2*time.Second {
		t.Errorf("the run took %v, limit 200ms", took)
	}
	if x.Steps[len(x.Steps)-1].Name == "next" {
		t.Errorf("a widget ran after the limit: %+v", x.Steps)
	}
}

// TestRunTimeoutBetweenWidgets: widgets that each take a little add up; no
// widget starts once the run is past its limit.
func TestRunTimeoutBetweenWidgets(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(30 * time.Millisecond)
		w.Write([]byte("ok"))
	}))
	defer srv.Close()
	f := testFlow(t, trigger("incomingMessage>a"),
		widget("a", "make-http-request", `{"url":"`+srv.URL+`"}`, "success>b,failed>"),
		widget("b", "make-http-request", `{"url":"`+srv.URL+`"}`, "success>a,failed>"))
	rt, _ := testRuntime(Config{RunTimeout: 100 * time.Millisecond})
	x, _ := start(t, rt, f, Trigger{Event: TriggerMessage}, StartOptions{})
	wantEnded(t, x, EndLimit, "without waiting for input")
	if n := len(x.Steps); n > 8 {
		t.Errorf("%d steps in 100ms of 30ms requests", n)
	}
	if !strings.Contains(x.Ended.Reason, "studioflow's limit") {
		t.Errorf("reason %q", x.Ended.Reason)
	}
}
