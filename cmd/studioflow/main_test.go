package main

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

func TestHelpListsEveryCommand(t *testing.T) {
	r := runCLI("help")
	if r.code != exitOK {
		t.Fatalf("exit %d", r.code)
	}
	for _, c := range commands() {
		if !strings.Contains(r.stdout, "studioflow "+c.name+" "+c.args) {
			t.Errorf("help does not show %q:\n%s", c.name, r.stdout)
		}
	}
}

func TestUnknownCommandExitsTwoWithUsage(t *testing.T) {
	r := runCLI("frobnicate")
	if r.code != exitBadInput || !strings.Contains(r.stderr, `unknown command "frobnicate"`) || !strings.Contains(r.stderr, "Usage:") {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestEditRefusesABadFileBeforeOpeningAWindow(t *testing.T) {
	r := runCLI("edit", filepath.Join("testdata", "seed001_twiml_redirect_snippet.json"))
	if r.code != exitBadInput || !strings.Contains(r.stderr, "malformed JSON") {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	if r := runCLI("edit", "a.json", "b.json"); r.code != exitBadInput || !strings.Contains(r.stderr, "usage: studioflow edit") {
		t.Fatalf("two files: exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestEditWithoutADisplayExplainsInsteadOfCrashing(t *testing.T) {
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
	if noDisplay(runtime.GOOS, os.Getenv) == "" {
		// Windows and macOS always have a display: edit would open a window.
		t.Skipf("%s needs no X or Wayland server", runtime.GOOS)
	}
	r := runCLI("edit", fixture(cleanFlow))
	if r.code != exitBadInput || !strings.Contains(r.stderr, "cannot open a window: neither DISPLAY nor WAYLAND_DISPLAY is set") {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestNoDisplayOnlyWhereAnXOrWaylandServerIsNeeded(t *testing.T) {
	env := func(vars map[string]string) func(string) string { return func(k string) string { return vars[k] } }
	for _, tc := range []struct {
		goos    string
		vars    map[string]string
		missing bool
	}{
		{"linux", nil, true},
		{"linux", map[string]string{"DISPLAY": ":0"}, false},
		{"linux", map[string]string{"WAYLAND_DISPLAY": "wayland-0"}, false},
		{"freebsd", nil, true},
		{"darwin", nil, false},
		{"windows", nil, false},
	} {
		if got := noDisplay(tc.goos, env(tc.vars)) != ""; got != tc.missing {
			t.Errorf("%s %v: missing=%v, want %v", tc.goos, tc.vars, got, tc.missing)
		}
	}
}

// The exit codes reach the shell: run the real binary.
func TestBuiltBinaryExitCodes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "studioflow")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	unparsable := writeTemp(t, "list.json", []byte(`[]`))
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"validate", fixture(validFlow)}, exitOK},
		{[]string{"validate", fixture(legacyFlow)}, exitOK},
		{[]string{"validate", fixture(danglingFlow)}, exitFindings},
		{[]string{"validate", "--json", fixture(danglingFlow)}, exitFindings},
		{[]string{"validate", unparsable}, exitBadInput},
		{[]string{"fmt", fixture(cleanFlow)}, exitOK},
		{[]string{"fmt", unparsable}, exitBadInput},
		{[]string{"nonsense"}, exitBadInput},
	} {
		cmd := exec.Command(bin, tc.args...)
		cmd.Env = append(os.Environ(), "DISPLAY=") // none of these may need a display
		out, _ := cmd.CombinedOutput()
		if got := cmd.ProcessState.ExitCode(); got != tc.code {
			t.Errorf("studioflow %s: exit %d, want %d\n%s", strings.Join(tc.args, " "), got, tc.code, out)
		}
	}
}

// A window (the editor, diff --view) or the server gives the collector
// Go's default again; main starts every command at oneShotGCPercent.
func TestWindowsAndTheServerKeepGosDefaultCollector(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
	defer debug.SetGCPercent(debug.SetGCPercent(oneShotGCPercent))
	for name, start := range map[string]func(){
		"a window":   func() { newWindowApp(env{stderr: io.Discard}, "studioflow", "") },
		"the server": func() { serve(context.Background(), env{stderr: io.Discard}, []string{"--no-such-flag"}, nil) },
	} {
		debug.SetGCPercent(oneShotGCPercent)
		start()
		if got := debug.SetGCPercent(oneShotGCPercent); got != residentGCPercent {
			t.Errorf("after %s the collector runs at GOGC=%d, want %d", name, got, residentGCPercent)
		}
	}
	t.Setenv("GOGC", "250")
	staysUp()
	if got := debug.SetGCPercent(oneShotGCPercent); got != oneShotGCPercent {
		t.Errorf("with GOGC set, staysUp changed the collector to %d", got)
	}
}
