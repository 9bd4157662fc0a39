package scenario

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/studioflow/studioflow/internal/testflows"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/model/modeltest"
)

func TestExampleScenariosPass(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("examples", "*.yaml"))
	if err != nil || len(paths) < 4 {
		t.Fatalf("examples: %v %v", paths, err)
	}
	flows := map[string]bool{}
	for _, p := range paths {
		scenarios, err := Load(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range scenarios {
			flows[s.Flow] = true
			t.Run(filepath.Base(p)+"/"+s.Name, func(t *testing.T) {
				// No example may reach the network: every HTTP widget they pass is canned.
				r := Run(s, Options{HTTPClient: &http.Client{Transport: refuseNetwork{}}})
				if !r.Passed {
					t.Fatalf("%s", r.Failure)
				}
			})
		}
	}
	if len(flows) < 4 {
		t.Fatalf("examples cover %d flows, want several", len(flows))
	}
}

type refuseNetwork struct{}

func (refuseNetwork) RoundTrip(r *http.Request) (*http.Response, error) {
	return nil, &os.PathError{Op: "dial", Path: r.URL.String(), Err: os.ErrPermission}
}

func TestFailuresAreReportedWithTheTranscript(t *testing.T) {
	var out strings.Builder
	status := RunFiles([]string{filepath.Join("testdata", "failing.yaml")}, &out, Options{})
	if status != 1 {
		t.Fatalf("status = %d, want 1\n%s", status, out.String())
	}
	for _, want := range []string{
		"FAIL  expects the wrong greeting",
		`step 1 (line 4): expected the flow to say containing "Bonjour"; instead: "Sorry, our menu is not working right now.`,
		"transcript so far:",
		"> say: Lo sentimos, le estamos conectando ahora.",
		"> dial: +15550100300",
		"FAIL  presses keys after the call ended",
		`press "1": the execution has already ended`,
		"0 passed, 2 failed",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestInvalidScenarioFiles(t *testing.T) {
	if _, err := Load(filepath.Join("testdata", "invalid.yaml")); err == nil || !strings.Contains(err.Error(), "line 4: a step is exactly one of") {
		t.Fatalf("err = %v", err)
	}
	var out strings.Builder
	if status := RunFiles([]string{filepath.Join("testdata", "missing.yaml")}, &out, Options{}); status != 2 || !strings.Contains(out.String(), "ERROR") {
		t.Fatalf("status %d:\n%s", status, out.String())
	}
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("flow: x.json\nstep: []\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(bad); err == nil || !strings.Contains(err.Error(), "field step not found") {
		t.Fatalf("unknown key: err = %v", err)
	}
}

func TestScenarioDrivesRealHTTP(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		w.Header().Set("Content-Type", "application/json")
		if r.PostForm.Get("caller") == "+15550001111" {
			_, _ = w.Write([]byte(`{"matched": true}`))
			return
		}
		_, _ = w.Write([]byte(`{"matched": false}`))
	}))
	defer srv.Close()
	dir := t.TempDir()
	flow := testflows.Read(t, testflows.OrderIVR)
	// Point the flow's Functions at the loopback server.
	local := strings.NewReplacer("https://", srv.URL+"/", "http://", srv.URL+"/").Replace(string(flow))
	if err := os.WriteFile(filepath.Join(dir, "flow.json"), []byte(local), 0o600); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "s.yaml")
	if err := os.WriteFile(file, []byte("flow: flow.json\nfrom: \"+15550001111\"\nsteps:\n  - expect: {at: order_no}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	scenarios, err := Load(file)
	if err != nil {
		t.Fatal(err)
	}
	if r := Run(scenarios[0], Options{HTTPTimeout: 5 * time.Second}); !r.Passed {
		t.Fatalf("%s", r.Failure)
	}
}

func TestOutcomeNamingAnEventTheWidgetLacksFailsTheScenario(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "s.yaml")
	src := "flow: " + testflows.Path(testflows.OrderIVR) + "\noutcomes:\n  forward_call: pressed\nsteps:\n  - expect: {at: order_no}\n"
	if err := os.WriteFile(file, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if status := RunFiles([]string{file}, &out, Options{}); status != 1 {
		t.Fatalf("status %d:\n%s", status, out.String())
	}
	want := `cannot start: start execution: outcome forward_call=pressed: "pressed" is not an event of forward_call (a connect-call-to widget); choose one of: callCompleted, hangup`
	if !strings.Contains(out.String(), want) {
		t.Fatalf("output lacks %q:\n%s", want, out.String())
	}
}

// A wait the virtual clock cannot take (backwards, NaN, or past what a
// time.Duration holds) is refused at load with its line, not run.
func TestWaitsTheClockCannotTakeAreRefused(t *testing.T) {
	dir := t.TempDir()
	for _, wait := range []string{"-60", "-1h", ".nan", "1e300", ".inf"} {
		path := filepath.Join(dir, "wait.yaml")
		doc := "flow: x.json\nsteps:\n  - reply: hi\n  - wait: " + wait + "\n"
		if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := Load(path); err == nil || !strings.Contains(err.Error(), "line 4: wait") {
			t.Errorf("wait: %s: err = %v, want a refusal naming line 4", wait, err)
		}
	}
	path := filepath.Join(dir, "fine.yaml")
	if err := os.WriteFile(path, []byte("flow: x.json\nsteps:\n  - wait: 90\n  - wait: 1h\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	scenarios, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := scenarios[0].Steps; time.Duration(got[0].Wait) != 90*time.Second || time.Duration(got[1].Wait) != time.Hour {
		t.Fatalf("waits = %v, %v; want 90s and 1h", time.Duration(got[0].Wait), time.Duration(got[1].Wait))
	}
}

// Neither the scenario file nor the flow it names is read past the size
// limit: a FIFO or device named by mistake costs no more than the limit.
func TestOversizedFilesAreReadOnlyToTheLimit(t *testing.T) {
	path, consumed := modeltest.OversizedStream(t)
	if _, err := Load(path); !errors.Is(err, model.ErrTooLarge) {
		t.Fatalf("scenario file: err = %v, want ErrTooLarge", err)
	}
	if n := consumed(); n > model.MaxFileSize+(1<<20) {
		t.Fatalf("Load read %d bytes, want about the %d byte limit", n, model.MaxFileSize)
	}

	flow, consumed := modeltest.OversizedStream(t)
	res := Run(&Scenario{Name: "oversized", Flow: flow}, Options{})
	if res.Passed || !strings.Contains(res.Failure, "file is too large") {
		t.Fatalf("flow file: passed %v, failure %q; want too large", res.Passed, res.Failure)
	}
	if n := consumed(); n > model.MaxFileSize+(1<<20) {
		t.Fatalf("Run read %d bytes of the flow, want about the %d byte limit", n, model.MaxFileSize)
	}
}

// An expectation with nothing to check would pass whatever the flow does:
// YAML reads "say:" without a value as no say at all.
func TestExpectationsThatCheckNothingAreRefused(t *testing.T) {
	dir := t.TempDir()
	for name, expect := range map[string]string{
		"say without a value":      "\n      say:\n",
		"empty mapping":            " {}\n",
		"variable without a value": "\n      variables:\n        x:\n",
		"context without a value":  "\n      at: ask\n      context:\n        flow.data.x:\n",
	} {
		path := filepath.Join(dir, "expect.yaml")
		doc := "flow: x.json\nsteps:\n  - expect:" + expect
		if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := Load(path); err == nil || !strings.Contains(err.Error(), "line 3: expect") {
			t.Errorf("%s: err = %v, want a refusal naming line 3", name, err)
		}
	}
}

// An expectation naming a widget the flow lacks is refused before the
// scenario starts, like an outcomes or http entry (not_passed: [forward_cal]
// held whatever the flow did); a context path the execution does not hold
// fails as "not set", like a variable, instead of comparing equal to "".
func TestExpectationsCannotHoldVacuously(t *testing.T) {
	var out strings.Builder
	status := RunFiles([]string{filepath.Join("testdata", "vacuous", "order-ivr.yaml")}, &out, Options{HTTPClient: refuseClient()})
	if status != 1 {
		t.Fatalf("status = %d, want 1\n%s", status, out.String())
	}
	for _, want := range []string{
		"FAIL  a misspelt widget in not_passed",
		`step 2 (line 12): expect not_passed: the flow has no widget named "forward_cal"`,
		"FAIL  a misspelt output in context",
		`step 2 (line 22): expected widgets.order_no.Digitz equal to ""; it is not set (widgets.order_no holds AccountSid, `,
		"0 passed, 2 failed",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

// Every expectation that names a widget is checked, against a subflow's
// widgets too; where a context path leaves the context is named.
func TestExpectationWidgetsAndContextPaths(t *testing.T) {
	orderIVR := "flow: " + filepath.ToSlash(testflows.Path(testflows.OrderIVR)) +
		"\nfrom: \"+15551230003\"\nhttp:\n  allow_list: {json: {matched: true}}\n  order_lookup: {body: \"+15557654321\"}\nsteps:\n  - press: \"1#\"\n"
	callback := "flow: " + filepath.ToSlash(mustAbs(t, filepath.Join("testdata", "cover", "callback.json"))) + "\nsteps:\n"
	for name, c := range map[string]struct{ head, expect, want string }{
		"at":               {orderIVR, "{at: order_numbr}", `step 2 (line 8): expect at: the flow has no widget named "order_numbr"`},
		"passed":           {orderIVR, "{passed: [forward_call, say_play]}", `expect passed: the flow has no widget named "say_play"`},
		"not_passed":       {orderIVR, "{not_passed: [error, forward_cal]}", `expect not_passed: the flow has no widget named "forward_cal"`},
		"top of context":   {orderIVR, "{context: {widget.order_no.Digits: x}}", `expected widget.order_no.Digits equal to "x"; it is not set (the context holds contact, flow, trigger, widgets)`},
		"not an object":    {orderIVR, "{context: {widgets.order_no.Digits.x: x}}", `it is not set (widgets.order_no.Digits is "1", not an object)`},
		"unknown widget":   {orderIVR, "{context: {widgets.order_numbr.Digits: x}}", "it is not set (widgets holds "},
		"empty object":     {orderIVR, "{context: {flow.variables.x: \"\"}}", "it is not set (flow.variables holds nothing)"},
		"variables":        {orderIVR, "{variables: {nope: \"\"}}", "flow.variables.nope equal to \"\"; it is not set"},
		"present":          {orderIVR, "{context: {widgets.order_no.Digits: \"1\", flow.variables: \"{}\"}, passed: [forward_call], not_passed: [error]}", ""},
		"subflow widgets":  {callback, "{say: \"Hello.\", passed: [greet, say_en], not_passed: [say_fr]}", ""},
		"subflow misspelt": {callback, "{not_passed: [say_fre]}", `expect not_passed: the flow has no widget named "say_fre" (nor do the subflows it runs)`},
	} {
		t.Run(name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "s.yaml")
			if err := os.WriteFile(file, []byte(c.head+"  - expect: "+c.expect+"\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			scenarios, err := Load(file)
			if err != nil {
				t.Fatal(err)
			}
			r := Run(scenarios[0], Options{HTTPClient: refuseClient()})
			if c.want == "" {
				if !r.Passed {
					t.Fatalf("failed: %s", r.Failure)
				}
				return
			}
			if r.Passed || !strings.Contains(r.Failure, c.want) {
				t.Fatalf("passed %v, failure %q, want %q", r.Passed, r.Failure, c.want)
			}
		})
	}
}

func mustAbs(t *testing.T, p string) string {
	t.Helper()
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}
