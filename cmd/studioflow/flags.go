package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// newFlagSet builds the FlagSet of `studioflow name`, the one way every
// command sets up its flags. Its usage is the command's synopsis from
// commands() (one line per alternative the synopsis separates with " | "),
// then notes, then the flags. Parse it with parseFlags.
func newFlagSet(name string, stderr io.Writer, notes ...string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		for i, alt := range strings.Split(synopsis(name), " | ") {
			lead := "usage:"
			if i > 0 {
				lead = "      "
			}
			fmt.Fprintln(stderr, strings.TrimRight(fmt.Sprintf("%s studioflow %s %s", lead, name, alt), " "))
		}
		for _, n := range notes {
			fmt.Fprintln(stderr, n)
		}
		fs.PrintDefaults()
	}
	return fs
}

// synopsis is the arguments of command name as the commands table lists them.
func synopsis(name string) string {
	for _, c := range commands() {
		if c.name == name {
			return c.args
		}
	}
	return ""
}

// unbounded is parseFlags's most for a command taking any number of arguments.
const unbounded = -1

// parseFlags parses fs's flags, which may come before or after positional
// arguments (studioflow run FLOW --json), and returns the positional ones,
// of which there must be least to most (unbounded: no limit). A bad flag is
// reported as "studioflow NAME: …" followed by the usage, a wrong number of
// arguments by the usage; ok is false then (and after -h, which prints the
// usage alone), and the command exits with exitBadInput.
func parseFlags(fs *flag.FlagSet, args []string, least, most int) (positional []string, ok bool) {
	out, usage := fs.Output(), fs.Usage
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	defer func() { fs.SetOutput(out); fs.Usage = usage }()
	for {
		if err := fs.Parse(args); err != nil {
			fs.SetOutput(out)
			if !errors.Is(err, flag.ErrHelp) {
				fmt.Fprintf(out, "studioflow %s: %v\n", fs.Name(), err)
			}
			usage()
			return nil, false
		}
		if fs.NArg() == 0 {
			if len(positional) < least || (most != unbounded && len(positional) > most) {
				usage()
				return nil, false
			}
			return positional, true
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
}
