package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"image"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
	"github.com/studioflow/studioflow/studio"
	"github.com/studioflow/studioflow/studio/client"
	"github.com/studioflow/studioflow/studio/sessions"
	wsstore "github.com/studioflow/studioflow/studio/workspace"
)

// The Flows window's title, as the probe matches it.
const flowsTitle = "Flows — "

// seededFlow is a flow put in the workspace before the application starts.
type seededFlow struct{ name, file string }

// seedWorkspace fills the workspace the application on x will open with the flows,
// the horoscope flow with two more revisions, the last published, and
// returns their SIDs by name. record names a flow to give one finished
// execution.
func seedWorkspace(t *testing.T, x *xserver, flows []seededFlow, record string) map[string]string {
	t.Helper()
	store, val := openSeedStore(t, x)
	defer store.Close()
	sids := map[string]string{}
	now := time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)
	for _, f := range flows {
		def := readFixture(t, f.file)
		created, err := studio.CreateFlow(store, val, f.name, def, "Imported from "+f.file, now)
		if err != nil {
			t.Fatal(err)
		}
		sids[f.name] = created.SID
		if f.file == "horoscope.json" {
			for i, msg := range []string{"Tighter wording in the welcome message", "Go live"} {
				if _, err := studio.SaveRevision(store, val, created.SID, def, msg, i == 1, now.Add(time.Duration(i+1)*time.Hour)); err != nil {
					t.Fatal(err)
				}
			}
		}
		if f.name == record {
			recordExecution(t, store, created.SID, def)
		}
	}
	return sids
}

// recordExecution runs the flow once, as a text conversation, and stores
// the execution in the workspace.
func recordExecution(t *testing.T, store *wsstore.Store, flowSID string, def []byte) {
	t.Helper()
	parsed, err := model.Parse(def)
	if err != nil {
		t.Fatal(err)
	}
	rt := engine.New(engine.Config{})
	x, _, err := rt.Start(parsed, engine.Trigger{Event: engine.TriggerMessage, From: "+15551230000", To: "+15557654321", Body: "hi"}, engine.StartOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, reply := range []string{"YES", "Ada"} {
		if x.Status != engine.StatusActive {
			break
		}
		if _, err := rt.Resume(x, engine.Input{Kind: engine.InputMessage, Text: reply}); err != nil {
			t.Fatal(err)
		}
	}
	mgr, err := sessions.New(store, sessions.Config{})
	if err != nil {
		t.Fatal(err)
	}
	if err := mgr.Record(flowSID, 1, x); err != nil {
		t.Fatal(err)
	}
}

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(flowsDir, name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// openFlowsHome starts the real binary on its example flow and opens the
// Flows window with Ctrl+Shift+H; it returns the app, the main window's
// and the Flows window's X ids.
func openFlowsHome(t *testing.T, x *xserver) (*app, string, string) {
	t.Helper()
	a := startApp(t, x, buildStudioflow(t))
	main := x.waitWindow(t, a.process, "simple_flow.json.*Studioflow")
	area := x.windowGeometry(t, main)
	x.focus(t, main, image.Pt(area.Dx()/2, area.Dy()-60))
	// The shortcut shows the window or brings it forward: pressing it
	// again is harmless.
	a.until(t, "Ctrl+Shift+H opening the Flows window", func() (bool, string) {
		answer, _ := a.ask(t, "windows")
		if slices.ContainsFunc(answer[1:], func(s string) bool { return strings.HasPrefix(s, flowsTitle) }) {
			return true, ""
		}
		x.run(t, "xdotool", "key", "--clearmodifiers", "ctrl+shift+h")
		return false, strings.Join(answer, " ")
	})
	flows := x.waitWindow(t, a.process, "^Flows")
	// A first click gives the new window the pointer and keyboard; a click
	// on the empty detail pane does nothing else.
	empty, _, _ := a.where(t, flowsTitle, "Select a flow to see its revisions and executions")
	x.focus(t, flows, empty)
	return a, main, flows
}

// waitWindowTitled waits until a window's title contains want.
func (a *app) waitWindowTitled(t *testing.T, want string) {
	t.Helper()
	a.until(t, "a window titled "+want, func() (bool, string) {
		answer, _ := a.ask(t, "windows")
		return slices.ContainsFunc(answer[1:], func(s string) bool { return strings.Contains(s, want) }), strings.Join(answer, " | ")
	})
}

// The Flows home in the real main window's application lists the
// workspace's flows, shows the selected one's history, and its Open button
// opens the flow in the editor.
func TestFlowsHomeListsTheFlowsAndOpensOneInTheEditor(t *testing.T) {
	t.Parallel()
	x := startXvfb(t)
	seedWorkspace(t, x, []seededFlow{{"Helpline fallback", "helpline-fallback.json"}, {"Demo line", "demo-line.json"}, {"Horoscope", "horoscope.json"}}, "")
	a, _, flows := openFlowsHome(t, x)
	a.waitText(t, flowsTitle, "Helpline fallback", "Demo line", "Horoscope", "New flow", "Import JSON…", "Open from Twilio…")

	a.click(t, flows, flowsTitle, "Horoscope")
	a.waitText(t, flowsTitle, "Go live", "Tighter wording in the welcome message", "Open", "Rename…", "Duplicate…", "Export…", "Publish to Twilio…", "Delete…")
	x.screenshot(t, "flows-home")

	a.click(t, flows, flowsTitle, "Open")
	a.waitWindowTitled(t, "Horoscope (workspace)")
	a.waitText(t, "Horoscope (workspace)", "ask_sign")
	x.screenshot(t, "flows-home-opened")
}

// localStudio is `studioflow serve` in its own process with credentials of
// the test's: Twilio as far as the application can tell.
type localStudio struct {
	url          string
	account, key string
}

func startLocalStudio(t *testing.T, x *xserver, bin string) *localStudio {
	t.Helper()
	s := &localStudio{account: "AC" + strings.Repeat("ab", 16), key: strings.Repeat("5e", 16)}
	x.setenv("TWILIO_ACCOUNT_SID", s.account)
	x.setenv("TWILIO_AUTH_TOKEN", s.key)
	p := x.start(t, bin, "serve", "--addr", "127.0.0.1:0", "--workspace", t.TempDir(), "--quiet")
	banner := regexp.MustCompile(`Studio REST API v2 at (\S+) `)
	a := &app{process: p, x: x}
	a.until(t, "serve's banner", func() (bool, string) {
		m := banner.FindStringSubmatch(p.output.String())
		if m == nil {
			return false, p.output.String()
		}
		s.url = m[1]
		return true, ""
	})
	return s
}

func (s *localStudio) client(t *testing.T) *client.Client {
	t.Helper()
	c, err := client.New(s.url, client.Credentials{Username: s.account, Password: s.key}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// flows lists the server's flows: friendly name to status and revision.
func (s *localStudio) flows(t *testing.T) map[string]string {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, s.url+"/v2/Flows", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.SetBasicAuth(s.account, s.key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var page struct {
		Flows []struct {
			FriendlyName string `json:"friendly_name"`
			Status       string `json:"status"`
			Revision     int    `json:"revision"`
		} `json:"flows"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&page); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range page.Flows {
		out[f.FriendlyName] = fmt.Sprintf("%s revision %d", f.Status, f.Revision)
	}
	return out
}

// pointAt types the server's address into a sync dialog's Server field;
// the credentials then come from the environment.
func (s *localStudio) pointAt(t *testing.T, a *app, window string) {
	t.Helper()
	a.focusEntry(t, window, flowsTitle, client.DefaultBaseURL)
	a.x.run(t, "xdotool", "key", "--clearmodifiers", "ctrl+a")
	a.x.run(t, "xdotool", "type", "--delay", "10", s.url)
	a.waitText(t, flowsTitle, s.url, "Credentials from the environment.")
}

// Open from Twilio pulls a flow from the server into the workspace and
// opens it in the editor.
func TestFlowsHomeOpensAFlowFromTwilio(t *testing.T) {
	t.Parallel()
	x := startXvfb(t)
	bin := buildStudioflow(t)
	studio := startLocalStudio(t, x, bin)
	remote, err := studio.client(t).CreateFlow(context.Background(), client.FlowParams{FriendlyName: "Support line", Status: "published", Definition: readFixture(t, "demo-line.json")})
	if err != nil {
		t.Fatal(err)
	}
	seedWorkspace(t, x, []seededFlow{{"Horoscope", "horoscope.json"}}, "")
	a, _, flows := openFlowsHome(t, x)

	a.click(t, flows, flowsTitle, "Open from Twilio…")
	studio.pointAt(t, a, flows)
	a.focusEntry(t, flows, flowsTitle, "FW followed by 32 hex digits")
	x.run(t, "xdotool", "type", "--delay", "10", remote.SID)
	a.waitText(t, flowsTitle, remote.SID)
	x.screenshot(t, "flows-open-from-twilio")
	a.click(t, flows, flowsTitle, "Open") // the dialog's, above the window

	a.waitWindowTitled(t, "Support line (workspace)")
	a.waitText(t, flowsTitle, "Support line")
	x.screenshot(t, "flows-pulled")
}

// Publish to Twilio pushes the selected workspace flow to the server,
// which then has it published.
func TestFlowsHomePublishesAFlowToTwilio(t *testing.T) {
	t.Parallel()
	x := startXvfb(t)
	bin := buildStudioflow(t)
	studio := startLocalStudio(t, x, bin)
	seedWorkspace(t, x, []seededFlow{{"Horoscope", "horoscope.json"}}, "")
	a, _, flows := openFlowsHome(t, x)

	a.click(t, flows, flowsTitle, "Horoscope")
	a.click(t, flows, flowsTitle, "Publish to Twilio…")
	studio.pointAt(t, a, flows)
	a.focusEntry(t, flows, flowsTitle, "what changed")
	x.run(t, "xdotool", "type", "--delay", "10", "First release")
	a.waitText(t, flowsTitle, "First release")
	x.screenshot(t, "flows-publish-to-twilio")
	a.click(t, flows, flowsTitle, "Publish")

	a.until(t, "the flow published on the server", func() (bool, string) {
		got := studio.flows(t)
		return got["Horoscope"] == "published revision 1", fmt.Sprint(got)
	})
	x.screenshot(t, "flows-published")
}

// An execution recorded in the workspace opens in a window of its own that
// draws the path it took.
func TestFlowsHomeOpensAnExecutionWindowThatDrawsThePath(t *testing.T) {
	t.Parallel()
	x := startXvfb(t)
	seedWorkspace(t, x, []seededFlow{{"Standby list", "standby-list.json"}, {"Horoscope", "horoscope.json"}}, "Standby list")
	a, _, flows := openFlowsHome(t, x)

	a.click(t, flows, flowsTitle, "Standby list")
	a.click(t, flows, flowsTitle, "Executions (1)")
	a.click(t, flows, flowsTitle, "+15551230000 · rev 1")
	// Two buttons say Open, the flow's and the execution's: press the one
	// in the executions' bar, the one nearer the execution's row.
	row, _, _ := a.where(t, flowsTitle, "+15551230000 · rev 1")
	nearest, best := 1, -1
	for n := 1; n <= 2; n++ {
		at, _, _ := a.where(t, flowsTitle, "Open", n)
		if d := abs(at.Y-row.Y) + abs(at.X-row.X); best < 0 || d < best {
			nearest, best = n, d
		}
	}
	a.click(t, flows, flowsTitle, "Open", nearest)
	a.waitWindowTitled(t, "Execution FN")
	exec := x.waitWindow(t, a.process, "^Execution FN")
	a.waitText(t, "Execution FN", "Welcome")
	area := x.windowGeometry(t, exec)
	// Taken transitions are drawn in the highlight green on the canvas.
	canvasArea := image.Rect(area.Min.X+area.Dx()/4, area.Min.Y+100, area.Min.X+area.Dx()*3/4, area.Max.Y-20)
	a.until(t, "the path drawn in green", func() (bool, string) {
		n := greenPixels(measure(x.screenshot(t, "flows-execution"), canvasArea))
		return n >= 200, fmt.Sprintf("%d green pixels", n)
	})
}

// greenPixels counts clearly green pixels (the canvas's taken-path colour).
func greenPixels(s colourStats) int {
	n := 0
	for c, count := range s.counts {
		if int(c.G) > int(c.R)+60 && int(c.G) > int(c.B)+30 {
			n += count
		}
	}
	return n
}

// openSeedStore opens the workspace of the application on x for a test to
// seed, with the validator its service calls take. The caller closes it
// before the application starts, which opens the same store.
func openSeedStore(t *testing.T, x *xserver) (*wsstore.Store, *schemas.Validator) {
	t.Helper()
	store, err := wsstore.Open(x.workspaceDir(), wsstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cat, err := schemas.Load()
	if err != nil {
		store.Close()
		t.Fatal(err)
	}
	val, err := schemas.NewValidator(cat)
	if err != nil {
		store.Close()
		t.Fatal(err)
	}
	return store, val
}
