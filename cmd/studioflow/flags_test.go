package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// flagCommands are the commands that take flags; each sets them up with newFlagSet.
var flagCommands = []string{"validate", "fmt", "run", "test", "serve", "pull", "push", "status", "diff", "merge", "extract", "git-setup"}

// Every command with flags reports a flag it does not know the same way:
// exit 2, "studioflow CMD: " and the flag package's message, then its usage
// (the synopsis from the commands table).
func TestABadFlagExitsTwoWithTheCommandsPrefixAndUsage(t *testing.T) {
	for _, name := range flagCommands {
		t.Run(name, func(t *testing.T) {
			r := runCLI(name, "--no-such-flag", "x")
			if r.code != exitBadInput {
				t.Errorf("exit %d, want %d", r.code, exitBadInput)
			}
			first, _, _ := strings.Cut(r.stderr, "\n")
			if want := "studioflow " + name + ": flag provided but not defined: -no-such-flag"; first != want {
				t.Errorf("first line %q, want %q", first, want)
			}
			if want := "usage: studioflow " + name + " " + strings.Split(synopsis(name), " | ")[0]; !strings.Contains(r.stderr, want) {
				t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
			}
			if r.stdout != "" {
				t.Errorf("stdout %q, want nothing", r.stdout)
			}
		})
	}
}

// A flag missing its value is reported the same way, after a positional argument too.
func TestAFlagWithoutItsValueAfterAnArgumentIsReportedWithThePrefix(t *testing.T) {
	r := runCLI("validate", "a.json", "--env")
	if first, _, _ := strings.Cut(r.stderr, "\n"); r.code != exitBadInput || first != "studioflow validate: flag needs an argument: -env" {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

// -h prints the usage alone: no error line.
func TestHelpFlagPrintsUsageWithoutAnErrorLine(t *testing.T) {
	r := runCLI("pull", "-h")
	if !strings.HasPrefix(r.stderr, "usage: studioflow pull FLOW_SID") || !strings.Contains(r.stderr, "\n       studioflow pull --merge FILE\n") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	if r.code != exitBadInput {
		t.Errorf("exit %d, want %d", r.code, exitBadInput)
	}
}

// newFlagSet is the only place a FlagSet is made, so no command can drift
// from the others' error prefix and usage again.
func TestOnlyNewFlagSetMakesAFlagSet(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || f == "flags.go" {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(src), "flag.NewFlagSet(") {
			t.Errorf("%s makes its own FlagSet; use newFlagSet", f)
		}
	}
}

// A wrong number of arguments prints the usage and exits 2, for each command
// that takes flags: one argument too many.
func TestTooManyArgumentsPrintsTheUsage(t *testing.T) {
	tooMany := map[string][]string{
		"run": {"a", "b"}, "pull": {"a", "b"}, "push": {"a", "b"}, "extract": {"a", "b"},
		"diff": {"a", "b", "c"}, "merge": {"a", "b", "c", "d"}, "serve": {"a"}, "git-setup": {"a"},
	}
	for name, args := range tooMany {
		r := runCLI(append([]string{name}, args...)...)
		if r.code != exitBadInput || !strings.HasPrefix(r.stderr, "usage: studioflow "+name) {
			t.Errorf("%s %v: exit %d, stderr %q", name, args, r.code, r.stderr)
		}
	}
}
