package simulator

import (
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/ui/kbd"
)

// ownFlow reads one of this package's own fixtures (testdata/).
func ownFlow(t *testing.T, name string) *model.Flow {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	f, err := model.Parse(data)
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return f
}

// offline fails every request as a machine without a network does, and
// counts them.
type offline struct{ calls atomic.Int32 }

func (o *offline) RoundTrip(*http.Request) (*http.Response, error) {
	o.calls.Add(1)
	return nil, errors.New("dial tcp: lookup orders.example.invalid: no such host")
}

func TestTheVirtualClockIsOnByDefault(t *testing.T) {
	test.NewTempApp(t)
	cat, err := loadCatalogOnce()
	if err != nil {
		t.Fatal(err)
	}
	p := NewPanel(model.NewDocument(ownFlow(t, "firstrun-ivr.json")), cat, nil, test.NewTempWindow(t, nil))
	t.Cleanup(p.Close)
	if !p.virtual.Checked {
		t.Fatal("a new simulator runs on the real clock: a gather times out before a first-time user reaches the keypad")
	}
}

func TestAKeyPressedAfterTheGatherTimedOutIsReportedNotDropped(t *testing.T) {
	p, _, _ := newTestPanelFlow(t, ownFlow(t, "firstrun-ivr.json"))
	startAs(t, p, engine.TriggerCall)
	if x := execution(t, p); x.At() != "menu" {
		t.Fatalf("the call waits at %q, want the gather", x.At())
	}
	test.Tap(p.ffBtn) // the caller says nothing until the gather gives up
	settle(p)
	if x := execution(t, p); x.Ended == nil {
		t.Fatalf("after the timeout the call is at %q", x.At())
	}
	test.Tap(p.phone.keyButtons["1"])
	settle(p)
	got := transcriptText(p)
	if !strings.Contains(got, "key 1 was not heard") || !strings.Contains(got, "menu stopped listening") {
		t.Fatalf("a key pressed after the gather timed out left no word in the transcript:\n%s", got)
	}
	if !strings.Contains(p.status.Text, "key 1 was not heard") {
		t.Errorf("status says %q", p.status.Text)
	}

	// On a live call, keys reach the gather.
	startAs(t, p, engine.TriggerCall)
	test.Tap(p.phone.keyButtons["1"])
	settle(p)
	x := execution(t, p)
	if x.Ended == nil || !strings.Contains(transcriptText(p), "Connecting you to sales.") {
		t.Fatalf("key 1 did not route to sales:\n%s", transcriptText(p))
	}
}

func TestAnHTTPWidgetThatCannotReachItsURLOffersACannedAnswerRememberedForTheNextRun(t *testing.T) {
	p, _, _ := newTestPanelFlow(t, ownFlow(t, "firstrun-http.json"))
	net := &offline{}
	p.transport = net
	test.Type(p.start.body, "A100")
	startAs(t, p, engine.TriggerMessage)
	if p.shown.state.Asking == nil {
		t.Fatalf("the failed request did not stop the run to ask; status %q", p.status.Text)
	}
	if !strings.Contains(p.status.Text, "lookup could not make its request") || !strings.Contains(p.status.Text, "no such host") {
		t.Errorf("status says %q", p.status.Text)
	}
	form := test.LaidOutObjects(p.outcomes)
	var body *kbd.Entry
	var use *kbd.Button
	for _, o := range form {
		switch v := o.(type) {
		case *kbd.Entry:
			if v.MultiLine {
				body = v
			}
		case *kbd.Button:
			if v.Text == "Use this answer" {
				use = v
			}
		}
	}
	if body == nil || use == nil {
		t.Fatal("no canned answer form under the status line")
	}
	body.SetText(`{"status": "shipped"}`)
	test.Tap(use)
	settle(p)
	x := execution(t, p)
	if x.Ended == nil || !strings.Contains(strings.Join(bubbles(p), "\n"), "Your order is shipped.") {
		t.Fatalf("the canned answer did not take the success path: %v\n%s", x.Ended, strings.Join(bubbles(p), "\n"))
	}
	if !strings.Contains(p.status.Text, "later runs use it too") {
		t.Errorf("the status does not say the answer is remembered: %q", p.status.Text)
	}

	calls := net.calls.Load()
	startAs(t, p, engine.TriggerMessage)
	if p.shown.state.Asking != nil || net.calls.Load() != calls {
		t.Fatal("the second run did not use the remembered canned answer")
	}
	if !strings.Contains(strings.Join(bubbles(p), "\n"), "Your order is shipped.") {
		t.Fatalf("second run thread:\n%s", strings.Join(bubbles(p), "\n"))
	}

	// Let it fail: Studio's own behaviour, on the failed transition.
	p.canned.settings["lookup"].canned = false
	startAs(t, p, engine.TriggerMessage)
	var fail *kbd.Button
	for _, o := range test.LaidOutObjects(p.outcomes) {
		if b, ok := o.(*kbd.Button); ok && b.Text == "Let it fail" {
			fail = b
		}
	}
	if fail == nil {
		t.Fatal("no Let it fail button")
	}
	test.Tap(fail)
	settle(p)
	if !strings.Contains(strings.Join(bubbles(p), "\n"), "Sorry, the lookup failed.") {
		t.Fatalf("Let it fail did not take the failed path:\n%s", strings.Join(bubbles(p), "\n"))
	}
}

func TestAMessagingRunShowsTheThreadWithoutTheKeypadAndACallShowsThePhone(t *testing.T) {
	p, _, _ := newTestPanelFlow(t, ownFlow(t, "firstrun-http.json"))
	p.transport = &offline{}
	p.canned.setCanned("lookup", 200, "application/json", `{"status": "packed"}`)
	startAs(t, p, engine.TriggerMessage)
	if !p.sms.content.Visible() || p.phone.content.Visible() || p.contactTab.Text != "Messages" {
		t.Fatalf("a messaging run shows thread=%v keypad=%v in tab %q", p.sms.content.Visible(), p.phone.content.Visible(), p.contactTab.Text)
	}
	if p.tabs.Selected() != p.contactTab {
		t.Error("the thread's tab is not the one shown")
	}
	startAs(t, p, engine.TriggerCall)
	if p.sms.content.Visible() || !p.phone.content.Visible() || p.contactTab.Text != "Phone" {
		t.Fatalf("a call shows thread=%v phone=%v in tab %q", p.sms.content.Visible(), p.phone.content.Visible(), p.contactTab.Text)
	}
	// The hidden keypad adds nothing to the panel's height.
	p.start.pick.SetSelected(triggerLabel(engine.TriggerMessage))
	msgHeight := p.Content().MinSize().Height
	p.start.pick.SetSelected(triggerLabel(engine.TriggerCall))
	if callHeight := p.Content().MinSize().Height; msgHeight >= callHeight {
		t.Errorf("the messaging panel needs %v of height, the calling one %v: the keypad still counts", msgHeight, callHeight)
	}
}

func TestARunOfAWorkspaceFlowCarriesItsSID(t *testing.T) {
	p, _, _ := newTestPanelFlow(t, ownFlow(t, "firstrun-ivr.json"))
	const sid = "FW0123456789abcdef0123456789abcdef"
	p.FlowSID = func() string { return sid }
	startAs(t, p, engine.TriggerCall)
	x := execution(t, p)
	flow, _ := x.Context()["flow"].(map[string]any)
	if x.FlowSID != sid || flow["flow_sid"] != sid {
		t.Fatalf("the run has FlowSID %q and flow.flow_sid %v, want the workspace flow's %s", x.FlowSID, flow["flow_sid"], sid)
	}
}

// slow holds every request until released, as a slow server does.
type slow struct{ release chan struct{} }

func (s *slow) RoundTrip(*http.Request) (*http.Response, error) {
	<-s.release
	return nil, errors.New("dial tcp: i/o timeout")
}

func TestTheStatusSaysWhichWidgetIsRequestingWhatWhileItWaits(t *testing.T) {
	p, _, _ := newTestPanelFlow(t, ownFlow(t, "firstrun-http.json"))
	net := &slow{release: make(chan struct{})}
	p.transport = net
	p.start.pick.SetSelected(triggerLabel(engine.TriggerMessage))
	test.Tap(p.start.startBtn)
	want := "lookup is requesting https://orders.example.invalid/status"
	for range 200 {
		drains[p]()
		if strings.Contains(p.status.Text, want) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if !strings.Contains(p.status.Text, want) {
		t.Fatalf("while the request is in flight the status says %q", p.status.Text)
	}
	close(net.release)
	settle(p)
	if !strings.Contains(p.status.Text, "could not make its request") {
		t.Fatalf("after the request failed the status says %q", p.status.Text)
	}
}

// The step log gets room for its table while it shows, and only then (a
// tab is as tall as the tallest: the reply box would fall below the fold).
func TestTheStepsTabIsTallOnlyWhileItShows(t *testing.T) {
	p, _, _ := newTestPanelFlow(t, ownFlow(t, "firstrun-http.json"))
	contact := p.Content().MinSize().Height
	p.tabs.SelectIndex(1)
	if p.tabs.Selected().Text != "Steps" {
		t.Fatalf("tab 1 is %q", p.tabs.Selected().Text)
	}
	if steps := p.Content().MinSize().Height; steps < contact+stepsHeight/2 {
		t.Fatalf("with Steps shown the panel needs %v, with the thread %v: no room for the step table", steps, contact)
	}
	p.tabs.Select(p.contactTab)
	if back := p.Content().MinSize().Height; back != contact {
		t.Fatalf("back on the thread the panel needs %v, was %v", back, contact)
	}
}
