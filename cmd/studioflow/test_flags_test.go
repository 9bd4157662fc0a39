package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/engine/coverage"
)

func TestTestCoverFlagsWriteTheReportTheProfileAndJUnit(t *testing.T) {
	file := filepath.Join("..", "..", "engine", "scenario", "testdata", "cover", "support-line.yaml")
	dir := t.TempDir()
	profile, junit := filepath.Join(dir, "cover.json"), filepath.Join(dir, "junit.xml")
	r := runCLI("test", "--coverprofile", profile, "--junit", junit, file)
	if r.code != exitOK {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{"3 passed, 0 failed\n", "  transitions: 10/18 (56%)\n", "  never taken:\n    menu  speech → agent\n"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
		}
	}
	data, err := os.ReadFile(profile)
	if err != nil {
		t.Fatal(err)
	}
	p, err := coverage.ReadProfile(data)
	if err != nil || len(p.Flows) != 1 {
		t.Fatalf("profile: %v", err)
	}
	if taken, total := p.Flows[0].Transitions(); taken != 10 || total != 18 {
		t.Errorf("profile %d/%d", taken, total)
	}
	x, err := os.ReadFile(junit)
	if err != nil || !strings.Contains(string(x), `<testsuites name="studioflow test" tests="3" failures="0"`) {
		t.Errorf("junit %v:\n%s", err, x)
	}
	if r := runCLI("test", "--junit", filepath.Join(dir, "no", "such", "dir.xml"), file); r.code != exitBadInput || !strings.Contains(r.stderr, "junit") {
		t.Errorf("unwritable junit: exit %d %s", r.code, r.stderr)
	}
}

func TestTestGenerateWritesScenariosThatPass(t *testing.T) {
	flow := filepath.Join("..", "..", "engine", "scenario", "testdata", "cover", "support-line.json")
	dir := t.TempDir()
	r := runCLI("test", "--generate", dir, flow)
	if r.code != exitOK || !strings.Contains(r.stdout, "  transitions: 17/18 (94%)\n") || !strings.Contains(r.stdout, "  not reached:\n    order_no  speech → (end): ") {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	written := filepath.Join(dir, "support-line.yaml")
	r = runCLI("test", "--cover", written)
	if r.code != exitOK || !strings.Contains(r.stdout, "8 passed, 0 failed\n") || !strings.Contains(r.stdout, "  transitions: 17/18 (94%)\n") {
		t.Fatalf("running the generated file: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := runCLI("test", "--generate", dir, filepath.Join(dir, "missing.json")); r.code != exitBadInput || !strings.Contains(r.stdout, "missing.json") {
		t.Errorf("a missing flow: exit %d %s", r.code, r.stdout)
	}
}

// `studioflow test` hands a scenario's data to the flow as `studioflow run
// --data` does: an unquoted date stays the date (YAML made it a timestamp,
// and the split took the other branch), 02134 stays 02134 (not octal 1116)
// and a 20-digit ID stays exact (not a wrapped int64).
func TestTestDataReachesTheFlowAsRunDataDoes(t *testing.T) {
	dir := filepath.Join("..", "..", "engine", "scenario", "testdata", "values")
	r := runCLI("test", filepath.Join(dir, "rest-values.yaml"))
	if r.code != exitOK || !strings.Contains(r.stdout, "1 passed, 0 failed\n") {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	run := runWithInput("", filepath.Join(dir, "rest-values.json"), "--trigger", "incomingRequest", "--outcome", "lookup=success", "--outcome", "store=success",
		"--data", `{"appt":"2024-06-03","id":12345678901234567890,"zip":"02134","n":5,"list":["007",1.50,true,null]}`, "--json")
	want := `after appt=2024-06-03 id=12345678901234567890 zip=02134 n=5 list=0071.5true`
	if !strings.Contains(run.stdout, `"text": "`+want+`"`) {
		t.Fatalf("run --data does not print %q (the scenario expects it):\n%s%s", want, run.stdout, run.stderr)
	}
}

// Expectations that held whatever the flow did now fail `studioflow test`:
// a misspelt widget in not_passed and a context path the execution lacks.
func TestTestRefusesVacuousExpectations(t *testing.T) {
	r := runCLI("test", filepath.Join("..", "..", "engine", "scenario", "testdata", "vacuous", "order-ivr.yaml"))
	if r.code != 1 { // a scenario failed
		t.Fatalf("exit %d, want 1\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{`expect not_passed: the flow has no widget named "forward_cal"`, `expected widgets.order_no.Digitz equal to ""; it is not set`, "0 passed, 2 failed\n"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
		}
	}
}
