package engine

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/internal/corpus"
	"github.com/studioflow/studioflow/internal/testflows"
	"github.com/studioflow/studioflow/model"
)

// deployTimeWidget reports whether a run of the named flow failed at the
// widget its template's setup code would have added at deploy time.
func deployTimeWidget(name, reason string) bool {
	return name == testflows.StandbyList && strings.Contains(reason, `"SaveRecord", which is not a widget`) ||
		strings.Contains(name, "vaccine-standby") && strings.Contains(reason, `"SaveToAirtable", which is not a widget`)
}

// loadFlows parses the project's fixtures and, when they sit beside the
// checkout, the real exports too.
func loadFlows(t testing.TB) map[string]*model.Flow {
	t.Helper()
	real, _ := filepath.Glob(filepath.Join(corpus.FlowsDir(), "*.json"))
	paths := append(testflows.Paths(), real...)
	flows := map[string]*model.Flow{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f, err := model.Parse(data)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		flows[filepath.Base(p)] = f
	}
	return flows
}

// loopbackClient sends every request, whatever its host, to srv on loopback.
func loopbackClient(srv *httptest.Server) *http.Client {
	target, _ := url.Parse(srv.URL)
	return &http.Client{Transport: rewriteHost{target: target, next: http.DefaultTransport}}
}

type rewriteHost struct {
	target *url.URL
	next   http.RoundTripper
}

func (rw rewriteHost) RoundTrip(req *http.Request) (*http.Response, error) {
	out := req.Clone(req.Context())
	out.URL.Scheme, out.URL.Host, out.Host = rw.target.Scheme, rw.target.Host, rw.target.Host
	return rw.next.RoundTrip(out)
}

// functionServer stands in for the Twilio Functions and web APIs the flows call.
func functionServer(t testing.TB) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"ok": true, "path": r.URL.Path, "result": []any{}})
	}))
	t.Cleanup(srv.Close)
	return srv
}

// script answers every wait with one of a few plausible actions.
type script struct {
	name    string
	press   []string
	replies []string
	speech  []string
}

func (s script) input(w *Wait, turn int) Input {
	pick := func(list []string) string { return list[turn%len(list)] }
	switch w.Kind {
	case WaitGather:
		if len(s.speech) > 0 {
			return Input{Kind: InputSpeech, Text: pick(s.speech)}
		}
		return Input{Kind: InputPress, Text: pick(s.press)}
	case WaitRecord:
		return Input{Kind: InputSpeech, Text: "please call me back"}
	case WaitReply:
		return Input{Kind: InputMessage, Text: pick(s.replies)}
	default:
		return Input{Kind: InputOutcome, Event: w.Choices[0]}
	}
}

var scripts = []script{
	{name: "first choices", press: []string{"1#", "1"}, replies: []string{"yes", "1"}},
	{name: "second choices", press: []string{"2", "2#"}, replies: []string{"no", "2", "Ann"}},
	{name: "speech and words", press: []string{"9"}, replies: []string{"hello", "STOP"}, speech: []string{"sales", "yes"}},
	{name: "silence", press: nil, replies: nil},
}

// maxTurns bounds the contact's actions per run; a run may end still waiting.
const maxTurns = 8

func TestEveryFlowRunsFromEachWiredTrigger(t *testing.T) {
	srv := functionServer(t)
	flows := loadFlows(t)
	runs := 0
	for name, f := range flows {
		triggers := WiredTriggers(f)
		if len(triggers) == 0 {
			t.Errorf("%s wires no trigger", name)
		}
		for _, event := range triggers {
			for _, sc := range scripts {
				t.Run(fmt.Sprintf("%s/%s/%s", name, event, sc.name), func(t *testing.T) {
					rt, _ := testRuntime(Config{HTTPClient: loopbackClient(srv)})
					x, _ := start(t, rt, f, Trigger{Event: event, Body: "hi", Parameters: map[string]any{"name": "Zeke"}}, StartOptions{})
					for turn := 0; x.Ended == nil && turn < maxTurns; turn++ {
						in := Input{Kind: InputTimeout}
						if sc.press != nil || x.Waiting.Kind == WaitOutcome {
							in = sc.input(x.Waiting, turn)
						}
						resume(t, rt, x, in)
					}
					if x.Ended == nil && x.Waiting == nil {
						t.Fatalf("neither ended nor waiting")
					}
					if x.Ended != nil && x.Ended.Kind == EndFailed {
						// The flows with a widget inserted at deploy time.
						if deployTimeWidget(name, x.Ended.Reason) {
							return
						}
						t.Fatalf("engine error: %s\nsteps: %s", x.Ended.Reason, path(x))
					}
					if len(x.Steps) < 2 && x.At() == "" {
						t.Fatalf("the trigger led nowhere: %s", path(x))
					}
				})
				runs++
			}
		}
	}
	if runs < 4*len(flows) {
		t.Fatalf("only %d runs over %d flows", runs, len(flows))
	}
}
