package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/studioflow/studioflow/internal/gitdriver"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/model/flowdiff"
)

// stringList is a repeatable flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

// runGitSetup installs studioflow as the diff and merge driver of flow files
// in the git repository of the current folder.
func runGitSetup(e env, args []string) int {
	fs := newFlagSet("git-setup", e.stderr)
	var patterns stringList
	fs.Var(&patterns, "pattern", "a .gitattributes pattern of flow files (repeatable; default: "+strings.Join(gitdriver.DefaultPatterns, ", ")+")")
	command := fs.String("command", "", "the studioflow command git runs (default: this binary's absolute path)")
	dir := fs.String("C", ".", "a folder inside the repository")
	printOnly := fs.Bool("print", false, "print the git config commands and .gitattributes lines instead of writing them")
	_, ok := parseFlags(fs, args, 0, 0)
	if !ok {
		return exitBadInput
	}
	if len(patterns) == 0 {
		patterns = gitdriver.DefaultPatterns
	}
	if *command == "" {
		exe, err := os.Executable()
		if err != nil {
			fmt.Fprintf(e.stderr, "studioflow git-setup: find this binary (name it with --command): %v\n", err)
			return exitBadInput
		}
		if abs, err := filepath.EvalSymlinks(exe); err == nil {
			exe = abs
		}
		*command = exe
	}
	if *printOnly {
		for _, c := range gitdriver.Config(*command) {
			fmt.Fprintf(e.stdout, "git config %s %s\n", c.Key, shellWord(c.Value))
		}
		fmt.Fprintln(e.stdout, "# .gitattributes:")
		for _, l := range gitdriver.AttributeLines(patterns) {
			fmt.Fprintln(e.stdout, l)
		}
		return exitOK
	}
	added, err := gitdriver.Install(*dir, *command, patterns)
	if err != nil {
		fmt.Fprintf(e.stderr, "studioflow git-setup: %v\n", err)
		return exitBadInput
	}
	fmt.Fprintf(e.stdout, "git diff and git merge now use studioflow for flow files (git log -p shows them as text per widget; with --ext-diff, as git diff does)\n")
	for _, l := range added {
		fmt.Fprintf(e.stdout, ".gitattributes: added %s\n", l)
	}
	return exitOK
}

// shellWord quotes a value for the printed git config command line.
func shellWord(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// runGitDiff is git's external diff driver: PATH OLD-FILE OLD-HEX OLD-MODE
// NEW-FILE NEW-HEX NEW-MODE. It prints the semantic diff, or a line diff
// when a side is not a flow, and exits 0 (git stops on anything else).
func runGitDiff(e env, args []string) int {
	if len(args) < 7 {
		fmt.Fprintln(e.stderr, "usage (git runs it): studioflow git-diff PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE")
		return exitBadInput
	}
	path, oldFile, newFile := args[0], args[1], args[4]
	newPath := path
	if len(args) >= 8 {
		newPath = args[7]
	}
	fmt.Fprintf(e.stdout, "studioflow diff a/%s b/%s\n", path, newPath)
	oldData, oldFlow, oldErr := readSide(oldFile)
	newData, newFlow, newErr := readSide(newFile)
	switch {
	case oldFile == os.DevNull && newErr == nil:
		fmt.Fprintf(e.stdout, "new flow: %d widgets\n", newFlow.Len())
	case newFile == os.DevNull && oldErr == nil:
		fmt.Fprintf(e.stdout, "deleted flow: %d widgets\n", oldFlow.Len())
	case oldErr == nil && newErr == nil:
		d := flowdiff.Compare(oldFlow, newFlow)
		if d.Same() {
			fmt.Fprintln(e.stdout, "(the same flow: only formatting or member order changed)")
			return exitOK
		}
		if err := flowdiff.WriteText(e.stdout, d); err != nil {
			fmt.Fprintf(e.stderr, "studioflow git-diff: %v\n", err)
			return exitBadInput
		}
	default:
		fmt.Fprintln(e.stdout, "(not a Studio flow on both sides: line diff)")
		if err := flowdiff.WriteLineDiff(e.stdout, string(oldData), string(newData)); err != nil {
			fmt.Fprintf(e.stderr, "studioflow git-diff: %v\n", err)
			return exitBadInput
		}
	}
	return exitOK
}

// readSide reads one side of a git diff; /dev/null is an absent file.
func readSide(path string) ([]byte, *model.Flow, error) {
	if path == os.DevNull {
		return nil, nil, os.ErrNotExist
	}
	data, f, err := loadFlow(path)
	return data, f, err
}

// runGitTextconv is git's textconv for flow files: the flow as text made
// for line diffs (git log -p without --ext-diff). A file that is not a flow
// is printed as it is.
func runGitTextconv(e env, args []string) int {
	if len(args) != 1 {
		fmt.Fprintln(e.stderr, "usage (git runs it): studioflow git-textconv FILE")
		return exitBadInput
	}
	data, f, err := loadFlow(args[0])
	if err != nil {
		if data == nil {
			fmt.Fprintln(e.stderr, describeLoadError(args[0], data, err))
			return exitBadInput
		}
		e.stdout.Write(data)
		return exitOK
	}
	if err := flowdiff.WriteFlat(e.stdout, f); err != nil {
		fmt.Fprintf(e.stderr, "studioflow git-textconv: %v\n", err)
		return exitBadInput
	}
	return exitOK
}
