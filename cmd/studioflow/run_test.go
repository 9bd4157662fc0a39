package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/internal/testflows"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/model/modeltest"
)

func runWithInput(stdin string, args ...string) result {
	var out, errOut bytes.Buffer
	code := runCommand(args, strings.NewReader(stdin), &out, &errOut)
	return result{code: code, stdout: out.String(), stderr: errOut.String()}
}

func TestRunPrintsTheCallAndReadsActions(t *testing.T) {
	r := runWithInput("press 2#\npress 4\n", fixture(testflows.DemoLine))
	if r.code != exitOK && r.code != exitFindings {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{"> say: ", "? ", "= ended ("} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
		}
	}
}

func TestRunJSONReport(t *testing.T) {
	r := runWithInput("Leo\nyes\n", fixture(cleanFlow), "--json", "--from", "+15551112222", "--body", "hi")
	if r.code != exitOK {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	var report struct {
		Execution struct {
			Status                string `json:"status"`
			SID                   string `json:"sid"`
			ContactChannelAddress string `json:"contact_channel_address"`
		} `json:"execution"`
		Steps []struct {
			Name             string `json:"name"`
			TransitionedFrom string `json:"transitioned_from"`
			TransitionedTo   string `json:"transitioned_to"`
			Type             string `json:"type"`
		} `json:"steps"`
		Context    map[string]any `json:"context"`
		Transcript []struct {
			Direction, Kind, Text string
		} `json:"transcript"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &report); err != nil {
		t.Fatalf("stdout is not one JSON object: %v\n%s", err, r.stdout)
	}
	if report.Execution.Status != "ended" || !strings.HasPrefix(report.Execution.SID, "FN") || report.Execution.ContactChannelAddress != "+15551112222" {
		t.Errorf("execution = %+v", report.Execution)
	}
	if len(report.Steps) < 4 || report.Steps[0].Name != "incomingMessage" || report.Steps[0].TransitionedFrom != "Trigger" {
		t.Errorf("steps = %+v", report.Steps)
	}
	if report.Transcript[0].Direction != "outbound" || report.Transcript[0].Kind != "sms" || report.Transcript[1].Text != "Leo" || report.Transcript[1].Direction != "inbound" {
		t.Errorf("transcript = %+v", report.Transcript)
	}
	if _, ok := report.Context["widgets"]; !ok {
		t.Errorf("context = %v", report.Context)
	}
	if !strings.Contains(r.stderr, "> sms to +15551112222:") {
		t.Errorf("with --json the progress goes to stderr:\n%s", r.stderr)
	}
}

func TestRunExitCodes(t *testing.T) {
	dir := t.TempDir()
	loop := filepath.Join(dir, "loop.json")
	if err := os.WriteFile(loop, []byte(`{"description":"loop","initial_state":"Trigger","states":[
		{"name":"Trigger","type":"trigger","properties":{},"transitions":[{"event":"incomingMessage","next":"a"}]},
		{"name":"a","type":"set-variables","properties":{},"transitions":[{"event":"next","next":"b"}]},
		{"name":"b","type":"set-variables","properties":{},"transitions":[{"event":"next","next":"a"}]}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := runWithInput("", loop); r.code != exitFindings || !strings.Contains(r.stdout, "1000 steps") {
		t.Errorf("endless loop: exit %d\n%s", r.code, r.stdout)
	}
	if r := runWithInput("", fixture(cleanFlow), "--outcome", "ask_sign=deliveryFailure"); r.code != exitOK || !strings.Contains(r.stdout, "ask_sign --deliveryFailure--> Ended") {
		t.Errorf("--outcome: exit %d\n%s", r.code, r.stdout)
	}
	if r := runWithInput(strings.Repeat("x", 70000)+"\n", fixture(cleanFlow)); r.code != exitBadInput || !strings.Contains(r.stderr, "the input could not be read") {
		t.Errorf("a 70 KB reply line: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for name, args := range map[string][]string{
		"no flow":        {},
		"missing file":   {filepath.Join(dir, "nope.json")},
		"bad trigger":    {fixture(cleanFlow), "--trigger", "incomingFax"},
		"bad data":       {fixture(cleanFlow), "--data", "[1,2]"},
		"bad outcome":    {fixture(cleanFlow), "--outcome", "ask_sign"},
		"no such widget": {fixture(cleanFlow), "--outcome", "ask_sing=deliveryFailure"},
		"not a flow":     {loop + "x"},
		"two flows":      {loop, loop},
	} {
		if r := runWithInput("", args...); r.code != exitBadInput || r.stderr == "" {
			t.Errorf("%s: exit %d, stderr %q", name, r.code, r.stderr)
		}
	}
	r := runWithInput("", fixture(cleanFlow), "--outcome", "ask_sign=teleported")
	if r.code != exitBadInput || !strings.Contains(r.stderr, `"teleported" is not an event of ask_sign`) ||
		!strings.Contains(r.stderr, "choose one of: incomingMessage, timeout, deliveryFailure") {
		t.Errorf("--outcome naming an event send-and-wait-for-reply lacks: exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestTestCommand(t *testing.T) {
	examples, err := filepath.Glob(filepath.Join("..", "..", "engine", "scenario", "examples", "*.yaml"))
	if err != nil || len(examples) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	var out, errOut bytes.Buffer
	if code := testCommand(examples, nil, &out, &errOut); code != exitOK || !strings.Contains(out.String(), "PASS") || strings.Contains(out.String(), "FAIL") {
		t.Fatalf("examples: exit %d\n%s%s", code, out.String(), errOut.String())
	}
	out.Reset()
	failing := filepath.Join("..", "..", "engine", "scenario", "testdata", "failing.yaml")
	if code := testCommand([]string{failing}, nil, &out, &errOut); code != exitFindings || !strings.Contains(out.String(), "FAIL") {
		t.Fatalf("failing: exit %d\n%s", code, out.String())
	}
	if code := testCommand(nil, nil, &out, &errOut); code != exitBadInput {
		t.Fatalf("no files: exit %d", code)
	}
}

// run reads its flow like validate does: a stream far over the size limit
// is refused after just past the limit, not read whole into memory.
func TestRunStopsReadingJustPastTheSizeLimit(t *testing.T) {
	path, consumed := modeltest.OversizedStream(t)
	r := runWithInput("", path)
	if r.code != exitBadInput || !strings.Contains(r.stderr, "file is too large") {
		t.Fatalf("exit %d, stderr %q; want 2 and too large", r.code, r.stderr)
	}
	if n := consumed(); n > model.MaxFileSize+(1<<20) {
		t.Fatalf("run read %d bytes of the stream, want about the %d byte limit", n, model.MaxFileSize)
	}
}

// functionFlow is a call flow: a Say/Play, then a Run Function whose URL no
// one can reach, then what its two events lead to.
const functionFlow = `{"description":"run function","initial_state":"Trigger","flags":{"allow_concurrent_calls":true},"states":[
  {"name":"Trigger","type":"trigger","properties":{"offset":{"x":0,"y":0}},"transitions":[{"event":"incomingCall","next":"hello"}]},
  {"name":"hello","type":"say-play","properties":{"say":"Hello","loop":3},"transitions":[{"event":"audioComplete","next":"lookup"}]},
  {"name":"lookup","type":"run-function","properties":{"url":"https://unreachable.invalid/lookup"},"transitions":[{"event":"success","next":"found"},{"event":"fail","next":"sorry"}]},
  {"name":"found","type":"say-play","properties":{"say":"Found"},"transitions":[{"event":"audioComplete"}]},
  {"name":"sorry","type":"say-play","properties":{"say":"Sorry"},"transitions":[{"event":"audioComplete"}]}]}`

// run honours --outcome for Run Function, like every product widget, and
// refuses it (exit 2) for a widget whose event the simulator decides.
func TestRunOutcomeIsHonouredOrRefused(t *testing.T) {
	path := writeTemp(t, "fn.json", []byte(functionFlow))
	for _, event := range []string{"success", "fail"} {
		r := runWithInput("", path, "--outcome", "lookup="+event, "--json")
		if r.code != exitOK {
			t.Fatalf("--outcome lookup=%s: exit %d\n%s", event, r.code, r.stderr)
		}
		var report struct {
			Steps []struct {
				Name             string `json:"name"`
				TransitionedFrom string `json:"transitioned_from"`
			} `json:"steps"`
			Transcript []struct {
				Kind, Text string
				Loop       int
			} `json:"transcript"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &report); err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, s := range report.Steps {
			names = append(names, s.TransitionedFrom+":"+s.Name)
		}
		if !strings.Contains(strings.Join(names, " "), "lookup:"+event) {
			t.Errorf("--outcome lookup=%s: steps %v", event, names)
		}
		if len(report.Transcript) == 0 || report.Transcript[0].Text != "Hello" || report.Transcript[0].Loop != 3 {
			t.Errorf("transcript %+v: want Hello once, repeating 3 times", report.Transcript)
		}
	}
	r := runWithInput("", path, "--outcome", "hello=hangup")
	if r.code != exitBadInput || !strings.Contains(r.stderr, "hello (a say-play widget) runs in the simulator itself") {
		t.Errorf("--outcome for a say-play: exit %d, stderr %q", r.code, r.stderr)
	}
}

// --data keeps whole numbers whole, as the REST API's Parameters do.
func TestRunDataKeepsWholeNumbers(t *testing.T) {
	flow := filepath.Join(t.TempDir(), "data.json")
	if err := os.WriteFile(flow, []byte(`{"description":"data","initial_state":"Trigger","states":[
		{"name":"Trigger","type":"trigger","properties":{},"transitions":[{"event":"incomingRequest","next":"set"}]},
		{"name":"set","type":"set-variables","properties":{"variables":[{"key":"text","value":"n={{flow.data.n}} next={{flow.data.n | plus: 1}}"}]},"transitions":[{"event":"next"}]}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	r := runWithInput("", flow, "--trigger", "incomingRequest", "--data", `{"n":5}`, "--json")
	if r.code != exitOK {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	var report struct {
		Context struct {
			Flow struct {
				Variables map[string]any `json:"variables"`
			} `json:"flow"`
		} `json:"context"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &report); err != nil {
		t.Fatalf("stdout: %v\n%s", err, r.stdout)
	}
	if got := report.Context.Flow.Variables["text"]; got != "n=5 next=6" {
		t.Errorf("flow.variables.text = %v", got)
	}
}

// bigDataFlow sends "Hi {{flow.data.a}}" and that number plus 1 when started
// by the REST trigger.
const bigDataFlow = `{
  "description": "big numbers",
  "states": [
    {"name": "Trigger", "type": "trigger", "transitions": [{"event": "incomingMessage"}, {"event": "incomingCall"},
      {"event": "incomingConversationMessage"}, {"event": "incomingRequest", "next": "send"}, {"event": "incomingParent"}],
      "properties": {"offset": {"x": 0, "y": 0}}},
    {"name": "send", "type": "send-message", "transitions": [{"event": "sent"}, {"event": "failed"}],
      "properties": {"offset": {"x": 0, "y": 200}, "from": "{{flow.channel.address}}", "to": "{{contact.channel.address}}",
        "body": "Hi {{flow.data.a}} {{flow.data.a | plus: 1}} {{flow.data.f}}"}}
  ],
  "initial_state": "Trigger",
  "flags": {"allow_concurrent_calls": true}
}`

// The real binary: an integer too big for 64 bits reaches flow.data, the
// context --json prints and the message exactly as written (a float64 made
// it 12345678901234567000 and "1.2345678901234567e+19"); a float prints as
// Liquid prints it; --data giving a key twice is refused, naming it.
func TestRunKeepsBigIntegersOfData(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin, err := builtBinary()
	if err != nil {
		t.Fatal(err)
	}
	flow := writeTemp(t, "big.json", []byte(bigDataFlow))
	run := func(data string) (stdout, stderr string, code int) {
		cmd := exec.Command(bin, "run", flow, "--json", "--data", data)
		cmd.Env = append(os.Environ(), "DISPLAY=")
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		_ = cmd.Run()
		return out.String(), errOut.String(), cmd.ProcessState.ExitCode()
	}
	stdout, stderr, code := run(`{"a":12345678901234567890,"f":1e21}`)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	var report struct {
		Context struct {
			Flow struct {
				Data map[string]json.RawMessage `json:"data"`
			} `json:"flow"`
		} `json:"context"`
		Transcript []struct{ Text string } `json:"transcript"`
	}
	if err := json.Unmarshal([]byte(stdout), &report); err != nil {
		t.Fatalf("stdout is not one JSON object: %v\n%s", err, stdout)
	}
	if got := string(report.Context.Flow.Data["a"]); got != "12345678901234567890" {
		t.Errorf("flow.data.a in the context = %s", got)
	}
	if len(report.Transcript) != 1 || report.Transcript[0].Text != "Hi 12345678901234567890 12345678901234567891 1.0e+21" {
		t.Errorf("transcript = %+v", report.Transcript)
	}
	_, stderr, code = run(`{"a":1,"a":2}`)
	if code != exitBadInput || !strings.Contains(stderr, `line 1, column 8: member "a" appears twice in this object (first at line 1, column 2)`) {
		t.Errorf("a key given twice: exit %d\n%s", code, stderr)
	}
}
