package main

import (
	"fmt"
	"io"

	"github.com/studioflow/studioflow/engine/coverage"
	"github.com/studioflow/studioflow/engine/scenario"
	"github.com/studioflow/studioflow/schemas"
)

// testCommand is `studioflow test [--cover] [--coverprofile FILE] [--junit
// FILE] FILE...`: conversation test scenarios; `studioflow test --generate
// DIR FLOW...` writes scenarios for flows. Exit 0 when all pass, 1 when
// one fails, 2 when a file cannot be loaded or a report cannot be written.
func testCommand(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("test", stderr, "Scenario format: engine/scenario/FORMAT.md.")
	cover := fs.Bool("cover", false, "report the widgets and transitions the scenarios took, per flow")
	coverProfile := fs.String("coverprofile", "", "write the coverage as JSON to `FILE` (implies --cover)")
	junit := fs.String("junit", "", "write the results as JUnit XML to `FILE`")
	generate := fs.String("generate", "", "write scenarios taking every transition that can be taken into `DIR`; the arguments are flows")
	paths, ok := parseFlags(fs, args, 1, unbounded)
	if !ok {
		return exitBadInput
	}
	cat, err := schemas.Load()
	if err != nil {
		fmt.Fprintf(stderr, "studioflow test: load widget catalog: %v\n", err)
		return exitBadInput
	}
	if *generate != "" {
		return scenario.GenerateFiles(*generate, paths, stdout, scenario.GenerateOptions{Catalog: cat})
	}
	opts := scenario.Options{Catalog: cat}
	if *cover || *coverProfile != "" {
		opts.Coverage = coverage.NewSet(cat)
	}
	if *junit != "" {
		opts.JUnit = scenario.NewJUnit()
	}
	status := scenario.RunFiles(paths, stdout, opts)
	if opts.Coverage != nil {
		opts.Coverage.WriteReport(stdout)
		if *coverProfile != "" {
			if err := opts.Coverage.WriteProfile(*coverProfile); err != nil {
				fmt.Fprintf(stderr, "studioflow test: %v\n", err)
				return exitBadInput
			}
		}
	}
	if opts.JUnit != nil {
		if err := opts.JUnit.WriteFile(*junit); err != nil {
			fmt.Fprintf(stderr, "studioflow test: %v\n", err)
			return exitBadInput
		}
	}
	return status
}
