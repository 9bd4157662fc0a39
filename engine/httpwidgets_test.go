package engine

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/studioflow/studioflow/schemas/liquid"
)

// echoServer answers with what it received, or what the path asks for.
func echoServer(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		user, pass, _ := r.BasicAuth()
		switch r.URL.Path {
		case "/status/500":
			w.WriteHeader(500)
			fmt.Fprint(w, "boom")
			return
		case "/array":
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, `[1,2]`)
			return
		case "/big":
			fmt.Fprint(w, strings.Repeat("x", MaxHTTPResponse+1))
			return
		case "/redirect":
			http.Redirect(w, r, "/echo", http.StatusFound)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{
			"method": r.Method, "query": r.URL.RawQuery, "body": string(body),
			"content_type": r.Header.Get("Content-Type"), "user": user, "pass": pass,
		})
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestMakeHTTPRequest(t *testing.T) {
	srv := echoServer(t)
	withAuth := strings.Replace(srv.URL, "http://", "http://ann:s3cret@", 1)
	tests := []struct {
		name, props, event string
		check              func(t *testing.T, out map[string]any)
	}{
		{"GET with parameters in the query", `{"method":"GET","url":"` + srv.URL + `/echo","parameters":[{"key":"q","value":"{{trigger.message.Body}}"}]}`, "success",
			func(t *testing.T, out map[string]any) {
				p, _ := liquid.AsMap(out["parsed"])
				if p["method"] != "GET" || p["query"] != "q=hello+there" || out["status_code"] != int64(200) || !strings.HasPrefix(out["content_type"].(string), "application/json") {
					t.Errorf("out = %v", out)
				}
			}},
		{"POST form", `{"method":"POST","url":"` + srv.URL + `/echo","content_type":"application/x-www-form-urlencoded;charset=utf-8","parameters":[{"key":"a","value":"1"},{"key":"b","value":"x y"}]}`, "success",
			func(t *testing.T, out map[string]any) {
				p, _ := liquid.AsMap(out["parsed"])
				if p["body"] != "a=1&b=x+y" || !strings.HasPrefix(p["content_type"].(string), "application/x-www-form-urlencoded") {
					t.Errorf("parsed = %v", p)
				}
			}},
		{"POST JSON body with Liquid and basic auth in the URL", `{"method":"POST","url":"` + withAuth + `/echo","content_type":"application/json;charset=utf-8","body":"{\"said\": {{trigger.message.Body | to_json}}}"}`, "success",
			func(t *testing.T, out map[string]any) {
				p, _ := liquid.AsMap(out["parsed"])
				if p["body"] != `{"said": "hello there"}` || p["user"] != "ann" || p["pass"] != "s3cret" {
					t.Errorf("parsed = %v", p)
				}
			}},
		{"redirects are followed", `{"url":"` + srv.URL + `/redirect"}`, "success", nil},
		{"5xx fails with outputs", `{"url":"` + srv.URL + `/status/500"}`, "failed",
			func(t *testing.T, out map[string]any) {
				if out["status_code"] != int64(500) || out["body"] != "boom" || out["parsed"] != nil {
					t.Errorf("out = %v", out)
				}
			}},
		{"top-level array is not parsed", `{"url":"` + srv.URL + `/array"}`, "success",
			func(t *testing.T, out map[string]any) {
				if _, ok := out["parsed"]; ok || out["body"] != "[1,2]" {
					t.Errorf("out = %v", out)
				}
			}},
		{"over 64 KB fails", `{"url":"` + srv.URL + `/big"}`, "failed", nil},
		{"twilio auth to a foreign host sends nothing", `{"url":"` + srv.URL + `/echo","add_twilio_auth":true}`, "failed", nil},
		{"not a URL", `{"url":"{{flow.nothing}}"}`, "failed", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := testFlow(t, trigger("incomingMessage>http"), widget("http", "make-http-request", tt.props, "success>,failed>"))
			rt, _ := testRuntime(Config{})
			x, _ := start(t, rt, f, Trigger{Event: TriggerMessage, Body: "hello there"}, StartOptions{})
			if got := x.Steps[1].Name; got != tt.event {
				t.Fatalf("event = %s (%s), want %s", got, x.Steps[1].Detail, tt.event)
			}
			if tt.event == "failed" && tt.check == nil && x.Steps[1].Detail == "" {
				t.Errorf("a failure without a detail")
			}
			if tt.check != nil {
				out, _ := widgetOutput(x, "http").(map[string]any)
				tt.check(t, out)
			}
		})
	}
}

func TestHTTPServerThatNeverAnswers(t *testing.T) {
	f := testFlow(t, trigger("incomingMessage>http"), widget("http", "make-http-request", `{"url":"`+hangingServer(t)+`"}`, "success>,failed>"))
	rt, _ := testRuntime(Config{HTTPTimeout: 50 * time.Millisecond})
	x, _ := start(t, rt, f, Trigger{Event: TriggerMessage}, StartOptions{})
	wantEnded(t, x, EndCompleted, "no response from")
	if x.Steps[1].Name != "failed" || !strings.Contains(x.Steps[1].Detail, "50ms") {
		t.Fatalf("step = %+v", x.Steps[1])
	}
}

func TestRunFunctionMergesParsed(t *testing.T) {
	calls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		_ = r.ParseForm()
		switch calls {
		case 1:
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprintf(w, `{"foo":"bar","run":%q}`, r.PostForm.Get("run"))
		case 2:
			w.WriteHeader(404)
			fmt.Fprint(w, "not found")
		default:
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, `{"created":true}`)
		}
	}))
	defer srv.Close()
	f := testFlow(t,
		trigger("incomingRequest>fn"),
		widget("fn", "run-function", `{"url":"`+srv.URL+`","parameters":[{"key":"run","value":"{{flow.variables.n | default: 0}}"}]}`, "success>count,fail>count"),
		widget("count", "set-variables", `{"variables":[{"key":"n","value":"{{flow.variables.n | plus: 1}}"}]}`, "next>split"),
		splitFlow(t, "{{flow.variables.n}}", `{"event":"noMatch"},{"event":"match","next":"fn","conditions":[{"type":"less_than","arguments":["{{flow.variables.n}}"],"value":"3"}]}`),
	)
	rt, _ := testRuntime(Config{})
	x, _ := start(t, rt, f, Trigger{Event: TriggerRequest}, StartOptions{})
	var events []string
	for _, s := range x.Steps {
		if s.TransitionedFrom == "fn" {
			events = append(events, s.Name)
		}
	}
	if strings.Join(events, ",") != "success,fail,success" {
		t.Fatalf("fn events = %v (%s)", events, path(x))
	}
	parsed, _ := liquid.AsMap(widgetOutput(x, "fn", "parsed"))
	if len(parsed) != 3 || parsed["foo"] != "bar" || parsed["created"] != true || parsed["run"] != "0" {
		t.Fatalf("parsed = %v, want foo, run and created merged", parsed)
	}
	if widgetOutput(x, "fn", "status_code") != int64(200) || widgetOutput(x, "fn", "body") != `{"created":true}` {
		t.Fatalf("outputs = %v", widgetOutput(x, "fn"))
	}
}

func TestCannedResponsesReplaceHTTP(t *testing.T) {
	f := testFlow(t,
		trigger("incomingMessage>fn"),
		widget("fn", "run-function-v2", `{"url":"https://example.invalid/fn"}`, "success>fn2,fail>"),
		widget("fn2", "run-function", `{"url":"https://example.invalid/fn"}`, "success>,fail>"),
	)
	rt, _ := testRuntime(Config{})
	x, _ := start(t, rt, f, Trigger{Event: TriggerMessage}, StartOptions{HTTP: map[string][]CannedResponse{
		"fn":  {{Status: 201, ContentType: "application/json", Body: `{"zodiac":"leo"}`}},
		"fn2": {{Error: "connection refused"}},
	}})
	if widgetOutput(x, "fn", "parsed", "zodiac") != "leo" || widgetOutput(x, "fn", "status_code") != int64(201) {
		t.Fatalf("fn = %v", widgetOutput(x, "fn"))
	}
	if x.Steps[2].Name != "fail" || x.Steps[2].Detail != "connection refused" {
		t.Fatalf("fn2 step = %+v", x.Steps[2])
	}
}

// A URL whose query a template filled with a space (or a quote) is sent
// percent-encoded, as a browser sends it: the request reaches the server
// with the value, where it was an invalid request line.
func TestURLTextFromATemplateIsSentEncoded(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.URL.Query().Get("q")+"|"+r.URL.RawQuery)
		fmt.Fprint(w, "ok")
	}))
	defer srv.Close()
	f := testFlow(t,
		trigger("incomingRequest>h"),
		widget("h", "make-http-request", `{"method":"GET","url":"`+srv.URL+`/echo?q={{flow.data.k}}&r=1%2B1"}`, "success>,failed>"),
	)
	rt, _ := testRuntime(Config{})
	x, _ := start(t, rt, f, Trigger{Event: TriggerRequest, Parameters: map[string]any{"k": `v w "é"`}}, StartOptions{})
	if path(x) != "Trigger:incomingRequest>h h:success>Ended" {
		t.Fatalf("path %s", path(x))
	}
	if want := `v w "é"|q=v%20w%20%22%C3%A9%22&r=1%2B1`; len(got) != 1 || got[0] != want {
		t.Errorf("the server got %q, want %q", got, want)
	}
}
