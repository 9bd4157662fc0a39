package engine

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
)

// hangingServer is a loopback HTTP server that never answers (until the
// test ends); its URL.
func hangingServer(t *testing.T) string {
	t.Helper()
	block := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-block:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(func() { close(block); srv.Close() })
	return srv.URL
}

// widget writes one state of a test flow. transitions is "event>next,event>next"
// (an empty next leaves the transition unconnected).
func widget(name, typ, properties, transitions string) string {
	var ts []string
	for _, t := range strings.Split(transitions, ",") {
		if t == "" {
			continue
		}
		event, next, _ := strings.Cut(t, ">")
		if next == "" {
			ts = append(ts, fmt.Sprintf(`{"event":%q}`, event))
		} else {
			ts = append(ts, fmt.Sprintf(`{"event":%q,"next":%q}`, event, next))
		}
	}
	if properties == "" {
		properties = "{}"
	}
	return fmt.Sprintf(`{"name":%q,"type":%q,"properties":%s,"transitions":[%s]}`, name, typ, properties, strings.Join(ts, ","))
}

// trigger writes the trigger widget with the given event>next transitions.
func trigger(transitions string) string {
	return widget("Trigger", "trigger", `{"offset":{"x":0,"y":0}}`, transitions)
}

func testFlow(t testing.TB, states ...string) *model.Flow {
	t.Helper()
	src := fmt.Sprintf(`{"description":"test","initial_state":"Trigger","flags":{"allow_concurrent_calls":true},"states":[%s]}`, strings.Join(states, ","))
	f, err := model.Parse([]byte(src))
	if err != nil {
		t.Fatalf("parse test flow: %v\n%s", err, src)
	}
	return f
}

var testStart = time.Date(2024, 3, 5, 17, 0, 0, 0, time.UTC)

// testCatalog is loaded once for the package's tests, as a program loads it
// once at start-up; TestRuntimeLoadsTheCatalogWhenNoneIsGiven covers nil.
var testCatalog = sync.OnceValues(schemas.Load)

func testRuntime(cfg Config) (*Runtime, *VirtualClock) {
	clock := NewVirtualClock(testStart)
	cfg.Clock = clock
	if cfg.Catalog == nil {
		cat, err := testCatalog()
		if err != nil {
			panic(fmt.Sprintf("load the widget catalog: %v", err))
		}
		cfg.Catalog = cat
	}
	return New(cfg), clock
}

func start(t *testing.T, rt *Runtime, f *model.Flow, trig Trigger, opts StartOptions) (*Execution, []Event) {
	t.Helper()
	x, evs, err := rt.Start(f, trig, opts)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	return x, evs
}

func resume(t *testing.T, rt *Runtime, x *Execution, in Input) []Event {
	t.Helper()
	evs, err := rt.Resume(x, in)
	if err != nil {
		t.Fatalf("Resume(%+v): %v", in, err)
	}
	return evs
}

// path lists "widget:event>to" for every step.
func path(x *Execution) string {
	var parts []string
	for _, s := range x.Steps {
		parts = append(parts, s.TransitionedFrom+":"+s.Name+">"+s.TransitionedTo)
	}
	return strings.Join(parts, " ")
}

func widgetOutput(x *Execution, keys ...string) any {
	return lookup(x.Context(), append([]string{"widgets"}, keys...)...)
}

var sidPattern = regexp.MustCompile(`^[A-Z]{2}[0-9a-f]{32}$`)

func wantEnded(t *testing.T, x *Execution, kind, reasonPart string) {
	t.Helper()
	if x.Ended == nil {
		t.Fatalf("execution still active (waiting: %+v); steps: %s", x.Waiting, path(x))
	}
	if x.Ended.Kind != kind || !strings.Contains(x.Ended.Reason, reasonPart) {
		t.Fatalf("ended %s: %q; want %s containing %q (steps: %s)", x.Ended.Kind, x.Ended.Reason, kind, reasonPart, path(x))
	}
	if x.Status != StatusEnded {
		t.Fatalf("status = %s, want ended", x.Status)
	}
}

func flowText(t *testing.T, f *model.Flow) string {
	t.Helper()
	return string(f.Marshal())
}

func parseFlowText(s string) (*model.Flow, error) { return model.Parse([]byte(s)) }
