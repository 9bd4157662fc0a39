package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/internal/corpus"
	"github.com/studioflow/studioflow/internal/testflows"
	"github.com/studioflow/studioflow/model"
)

// knownNegative lists the flows' errors that are real: Studio would refuse
// the file as exported. Each entry is file → a part of the message.
var knownNegative = map[string]string{
	// Their setup code inserts the missing widget before deploying
	// (schemas/SOURCES.md §4).
	testflows.StandbyList: `leads to "SaveRecord", but no widget has that name`,
	"twilio-labs__function-templates__vaccine-standby-list_sms-studio-flow.json": `leads to "SaveToAirtable", but no widget has that name`,
}

// sharedFlowsOrSkip lists the project's test flows and, when they sit
// beside the checkout, the real exports (internal/corpus).
func sharedFlowsOrSkip(t *testing.T) []string {
	t.Helper()
	real, _ := filepath.Glob(filepath.Join(corpus.FlowsDir(), "*.json"))
	return append(testflows.Paths(), real...)
}

// A real export is evidence that Studio saved it: validating one reports
// no error beyond the known negative cases (schemas/QUIRKS.md, "Error or
// warning").
func TestEverySharedFlowValidatesWithoutFalseErrors(t *testing.T) {
	for _, path := range sharedFlowsOrSkip(t) {
		name := filepath.Base(path)
		r := runCLI("validate", "--json", path)
		var findings []finding
		if err := json.Unmarshal([]byte(r.stdout), &findings); err != nil {
			t.Fatalf("%s: validate --json printed %q (%v), stderr %q", name, r.stdout, err, r.stderr)
		}
		errors := 0
		for _, f := range findings {
			if f.Severity != "error" {
				continue
			}
			errors++
			if want, ok := knownNegative[name]; !ok || !strings.Contains(f.Message, want) {
				t.Errorf("%s: false error at %s (%s): %s", name, f.Path, f.Widget, f.Message)
			}
		}
		if _, negative := knownNegative[name]; negative != (errors > 0) || (errors > 0) != (r.code == exitFindings) {
			t.Errorf("%s: %d errors, exit %d", name, errors, r.code)
		}
	}
}

// Every shared export goes through fmt (a fixed point that keeps the
// content) and runs from each trigger it wires with no input at all: every
// wait times out, and the run ends normally or with a readable reason,
// never a panic or a refusal.
func TestEverySharedFlowThroughFmtAndEachWiredTrigger(t *testing.T) {
	paths := sharedFlowsOrSkip(t)
	// Requests to the exports' Functions fail at once instead of reaching
	// the network (loopback requests are never proxied).
	t.Setenv("HTTPS_PROXY", "http://127.0.0.1:9")
	t.Setenv("HTTP_PROXY", "http://127.0.0.1:9")
	runs := 0
	for _, path := range paths {
		name := filepath.Base(path)
		original, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		formatted := runCLI("fmt", path)
		if formatted.code != exitOK || formatted.stderr != "" || !strings.HasSuffix(formatted.stdout, "\n") {
			t.Errorf("%s: fmt exit %d, stderr %q", name, formatted.code, formatted.stderr)
			continue
		}
		before, _ := model.Parse(original)
		after, err := model.Parse([]byte(formatted.stdout))
		if err != nil || !model.Equal(before.Root(), after.Root()) {
			t.Errorf("%s: fmt changed the flow (%v)", name, err)
		}
		if again := runCLI("fmt", writeTemp(t, name, []byte(formatted.stdout))); again.stdout != formatted.stdout {
			t.Errorf("%s: fmt is not a fixed point", name)
		}
		for _, trigger := range engine.WiredTriggers(before) {
			r := runWithInput("", path, "--trigger", trigger, "--json")
			runs++
			if r.code != exitOK && r.code != exitFindings {
				t.Errorf("%s from %s: exit %d, stderr %q", name, trigger, r.code, r.stderr)
				continue
			}
			var report struct {
				Execution struct {
					Status string         `json:"status"`
					Ended  *engine.Ending `json:"ended_reason"`
				} `json:"execution"`
			}
			if err := json.Unmarshal([]byte(r.stdout), &report); err != nil {
				t.Errorf("%s from %s: the report is not JSON: %v", name, trigger, err)
				continue
			}
			ended := report.Execution.Ended
			switch {
			case ended == nil || report.Execution.Status != engine.StatusEnded:
				t.Errorf("%s from %s: not ended: %+v", name, trigger, report.Execution)
			case strings.Contains(ended.Reason, "internal error") || len(ended.Reason) < 20:
				t.Errorf("%s from %s: ended %s without a readable reason: %q", name, trigger, ended.Kind, ended.Reason)
			case ended.Kind == engine.EndFailed && (knownRunFailure[name] == "" || !strings.Contains(ended.Reason, knownRunFailure[name])):
				t.Errorf("%s from %s: failed: %s", name, trigger, ended.Reason)
			}
		}
	}
	if runs < len(paths) {
		t.Fatalf("%d runs for %d flows: every flow wires at least one trigger", runs, len(paths))
	}
}

// knownRunFailure: the one export that cannot run as exported fails there,
// with this reason.
var knownRunFailure = map[string]string{
	"twilio-labs__function-templates__vaccine-standby-list_sms-studio-flow.json": `"SaveToAirtable", which is not a widget`,
}
