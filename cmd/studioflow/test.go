package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/studioflow/studioflow/engine/scenario"
	"github.com/studioflow/studioflow/schemas"
)

// testCommand is `studioflow test FILE...`: conversation test scenarios.
// Exit 0 when all pass, 1 when one fails, 2 when a file cannot be loaded.
func testCommand(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: studioflow test FILE...   (scenario format: engine/scenario/FORMAT.md)")
	}
	if err := fs.Parse(args); err != nil {
		return exitBadInput
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return exitBadInput
	}
	cat, err := schemas.Load()
	if err != nil {
		fmt.Fprintf(stderr, "studioflow test: load widget catalog: %v\n", err)
		return exitBadInput
	}
	return scenario.RunFiles(fs.Args(), stdout, scenario.Options{Catalog: cat})
}
