// Command studioflow edits, checks and formats Twilio Studio flow definitions.
//
// Each subcommand is one row of the table in commands and lives in its own
// file; the work itself happens in the model, schemas, engine and ui packages.
package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"
)

// Exit codes shared by every subcommand.
const (
	exitOK       = 0 // success; for validate: no errors (warnings allowed)
	exitFindings = 1 // validate found errors
	exitBadInput = 2 // a file could not be read or parsed, or bad usage
)

// command is one subcommand: studioflow NAME ARGS...
type command struct {
	name    string
	args    string // the synopsis after the name
	summary string
	run     func(e env, args []string) int
}

// env is what a command reads and writes besides its arguments, so tests
// can run commands against buffers.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

func commands() []command {
	return []command{
		{"edit", "[FILE]", "open FILE (default: the built-in example flow) in the editor window", runEdit},
		{"validate", "[--json] [--env ENV] FILE...", "check flows against Studio's schemas and rules", runValidate},
		{"fmt", "[-w] FILE...", "print flows in Studio's canonical form (-w: rewrite the files)", runFmt},
		{"run", "FLOW [--trigger EVENT] [--from ADDR] [--to ADDR] [--body TEXT] [--data JSON] [--outcome WIDGET=EVENT]... [--env ENV] [--json]", "run one execution in the terminal, reading the contact's actions from standard input", func(e env, a []string) int { return runCommand(a, e.stdin, e.stdout, e.stderr) }},
		{"test", "[--cover] [--coverprofile FILE] [--junit FILE] FILE... | --generate DIR FLOW...", "run conversation test scenarios (YAML) against flows, with coverage and JUnit XML; or generate scenarios", func(e env, a []string) int { return testCommand(a, e.stdin, e.stdout, e.stderr) }},
		{"serve", "[--addr 127.0.0.1:PORT] [--workspace DIR] [--public-url URL] [--env ENV] [--quiet]", "serve the Studio REST API v2 (flows, revisions, executions, webhooks) from a local workspace", runServe},
		{"pull", "FLOW_SID [-o FILE] [--revision N] [--base-url URL] | --merge FILE", "fetch a flow's definition from Studio (or studioflow serve); --merge brings deployed changes into a tracked file", runPull},
		{"push", "FILE [--sid FW…] [--publish] [--message TEXT] [--name NAME] [--env ENV] [--track] [--force] [--base-url URL]", "create a flow on Studio from FILE, or save FILE as a new revision", runPush},
		{"status", "FILE...", "compare tracked flow files with the deployed flows: same, local ahead, deployed changed, or both", runStatus},
		{"diff", "[--json] [--ignore-layout] [--view] OLD NEW", "show what changed between two versions of a flow: widgets added, removed, renamed, changed, moved; transitions rewired (files, workspace:FW…@N or twilio:FW…@REV); --view on one canvas", runDiff},
		{"merge", "BASE OURS THEIRS [-o OUT]", "three-way merge of flow versions by widget identity (a git merge driver: %O %A %B); conflicts are recorded in the flow, not as <<<<<<< markers", runMerge},
		{"extract", "FLOW [-w] [--env ENV] [--force]", "propose a values file of the flow's account-specific values (SIDs, *.twil.io domains, phone numbers); -w rewrites the flow to ${NAME} placeholders", runExtract},
		{"git-setup", "[--pattern GLOB]... [--command PATH] [-C DIR] [--print]", "make git diff and git merge use studioflow for flow files in this repository (config and .gitattributes)", runGitSetup},
		{"git-diff", "PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE", "git's external diff driver for flow files (installed by git-setup)", runGitDiff},
		{"git-textconv", "FILE", "a flow as text per widget for git log -p (git's textconv, installed by git-setup)", runGitTextconv},
		{"version", "", "print the version, commit and build date of this build", runVersion},
	}
}

// The garbage collector's GOGC: a command runs at oneShotGCPercent until it
// opens a window or starts serving (staysUp). One-shot commands live a
// fraction of a second with a heap of a few MB (flows are at most 10 MB),
// and at Go's default the collector ran several cycles in each, which
// `studioflow validate` on a 1,000-widget flow spent about a tenth of its
// time on (8 alternating rounds, GOGC=100 against 400). An explicit GOGC in
// the environment is left as it is.
const (
	oneShotGCPercent  = 400
	residentGCPercent = 100 // Go's default
)

func main() {
	setGCPercent(oneShotGCPercent)
	os.Exit(dispatch(env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}, os.Args[1:]))
}

// staysUp gives the collector Go's default again: the process stays up (a
// window, a server), where memory counts more than a few cycles.
func staysUp() { setGCPercent(residentGCPercent) }

func setGCPercent(percent int) {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(percent)
	}
}

// dispatch runs the subcommand args[0]; with no arguments it opens the editor
// on the example flow.
func dispatch(e env, args []string) int {
	if len(args) == 0 {
		return runEdit(e, nil)
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		printUsage(e.stdout)
		return exitOK
	case "-version", "--version":
		return runVersion(e, args[1:])
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(e, args[1:])
		}
	}
	fmt.Fprintf(e.stderr, "studioflow: unknown command %q\n\n", args[0])
	printUsage(e.stderr)
	return exitBadInput
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "Usage: studioflow [COMMAND] [ARGS]")
	fmt.Fprintln(w, "\nWith no command, studioflow opens the editor on the built-in example flow.")
	fmt.Fprintln(w, "\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  studioflow %s %s\n      %s\n", c.name, c.args, c.summary)
	}
}
