package simulator

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/model"
)

// restLookupFlow is a REST-triggered flow whose one HTTP widget posts JSON
// to a URL built from the execution's parameters.
const restLookupFlow = `{
  "description": "REST lookup",
  "states": [
    {"name": "Trigger", "type": "trigger", "properties": {"offset": {"x": 0, "y": 0}},
     "transitions": [{"event": "incomingMessage"}, {"event": "incomingCall"}, {"event": "incomingRequest", "next": "lookup"}]},
    {"name": "lookup", "type": "make-http-request",
     "properties": {"offset": {"x": 0, "y": 200}, "method": "POST", "content_type": "application/json;charset=utf-8",
       "url": "{{flow.data.base}}/orders/{{flow.data.id}}", "body": "{\"order\": \"{{flow.data.id}}\"}"},
     "transitions": [{"event": "success", "next": "notify"}, {"event": "failed"}]},
    {"name": "notify", "type": "send-message",
     "properties": {"offset": {"x": 0, "y": 400}, "body": "Order {{flow.data.id}} is {{widgets.lookup.parsed.status}} (execution {{flow.sid}})"},
     "transitions": [{"event": "sent"}, {"event": "failed"}]}
  ],
  "initial_state": "Trigger",
  "flags": {"allow_concurrent_calls": true}
}`

func TestHTTPWidgetShowsItsRequestAndResponseAndCanBeCanned(t *testing.T) {
	var gotPath, gotBody string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		gotPath, gotBody = r.URL.Path, string(b)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"status": "shipped"}`)
	}))
	defer srv.Close()

	f, err := model.Parse([]byte(restLookupFlow))
	if err != nil {
		t.Fatal(err)
	}
	p, _, _ := newTestPanelFlow(t, f)
	p.start.pick.SetSelected(triggerLabel(engine.TriggerRequest))
	if !p.start.paramRow.Visible() {
		t.Fatal("the REST trigger must offer its Parameters JSON")
	}
	test.Type(p.start.params, `{"base": "`+srv.URL+`", "id": "A17"}`)
	test.Tap(p.start.startBtn)
	settle(p)

	x := execution(t, p)
	if gotPath != "/orders/A17" || gotBody != `{"order": "A17"}` {
		t.Fatalf("the server got %s %q", gotPath, gotBody)
	}
	if x.ContactChannelAddress != engine.DefaultContactAddress {
		t.Errorf("REST contact %q", x.ContactChannelAddress)
	}
	p.steps.table.Select(widget.TableCellID{Row: 1, Col: 0})
	req, resp := p.steps.request.Text, p.steps.response.Text
	if !strings.HasPrefix(req, "POST "+srv.URL+"/orders/A17\n") || !strings.Contains(req, `{"order": "A17"}`) {
		t.Errorf("request shown:\n%s", req)
	}
	if !strings.HasPrefix(resp, "200  application/json") || !strings.Contains(resp, `"shipped"`) {
		t.Errorf("response shown:\n%s", resp)
	}

	// Saved as a test, the real answer becomes a canned one: the test replays
	// with the server gone, and the execution SID in the text matches any SID.
	saved := filepath.Join(t.TempDir(), "lookup.yaml")
	if err := p.SaveTest(saved); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(saved)
	if !strings.Contains(string(data), `regex: ^Order A17 is shipped \(execution [A-Z]{2}[0-9a-f]{32}\)$`) {
		t.Errorf("the SMS expectation does not allow for a new SID:\n%s", data)
	}
	srv.Close()
	replay(t, saved)

	// The same widget answered from the panel instead.
	p.canned.pick.SetSelected("lookup")
	p.canned.mode.SetSelected(useCanned)
	p.canned.status.SetText("404")
	p.canned.ctype.SetText("text/plain")
	p.canned.body.SetText("no such order")
	gotPath = ""
	test.Tap(p.start.startBtn)
	settle(p)
	if gotPath != "" {
		t.Errorf("a canned widget still called the server (%s)", gotPath)
	}
	last := p.shown.steps[len(p.shown.steps)-1]
	if last.TransitionedFrom != "lookup" || last.Name != "failed" || last.Detail != "HTTP status 404" {
		t.Errorf("canned 404 gave %s:%s (%s)", last.TransitionedFrom, last.Name, last.Detail)
	}
	p.steps.table.Select(widget.TableCellID{Row: 1, Col: 0})
	if !strings.HasPrefix(p.steps.response.Text, "404  text/plain") {
		t.Errorf("canned response shown: %q", p.steps.response.Text)
	}

	p.canned.status.SetText("abc")
	if p.canned.problem.Text == "" {
		t.Error("a status that is not a number must be pointed out")
	}
}

func TestBadParametersJSONIsPointedOutAndNothingStarts(t *testing.T) {
	f, err := model.Parse([]byte(restLookupFlow))
	if err != nil {
		t.Fatal(err)
	}
	p, _, _ := newTestPanelFlow(t, f)
	p.start.pick.SetSelected(triggerLabel(engine.TriggerRequest))
	test.Type(p.start.params, `{"id": `)
	test.Tap(p.start.startBtn)
	settle(p)
	if !p.start.problem.Visible() || !strings.Contains(p.start.problem.Text, "not JSON") {
		t.Errorf("problem %q visible=%v", p.start.problem.Text, p.start.problem.Visible())
	}
	if len(p.runs) != 0 {
		t.Errorf("%d runs started from bad parameters", len(p.runs))
	}
}

// A panel given no catalog reads the one the engine runs with, not an
// empty one: it knows the HTTP widget, as a panel given the catalog does.
func TestAPanelWithoutACatalogReadsTheEnginesDefault(t *testing.T) {
	test.NewTempApp(t)
	f, err := model.Parse([]byte(restLookupFlow))
	if err != nil {
		t.Fatal(err)
	}
	p := NewPanel(model.NewDocument(f), nil, nil, test.NewTempWindow(t, nil))
	t.Cleanup(p.Close)
	if !slices.Contains(p.canned.pick.Options, "lookup") {
		t.Errorf("the canned responses offer %v, want the HTTP widget lookup", p.canned.pick.Options)
	}
}
