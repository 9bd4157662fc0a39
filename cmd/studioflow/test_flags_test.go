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
