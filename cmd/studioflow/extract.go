package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/studioflow/studioflow/internal/atomicfile"
	"github.com/studioflow/studioflow/model/environments"
)

// runExtract proposes a values file from a flow's account-specific values
// (SIDs, *.twil.io domains, E.164 numbers); with -w it rewrites the flow to
// ${NAME} placeholders and writes the values file.
func runExtract(e env, args []string) int {
	fs := newFlagSet("extract", e.stderr, "Without -w, prints the proposed values file and changes nothing.")
	write := fs.Bool("w", false, "rewrite FLOW with placeholders and write the values to environments/ENV.yaml beside it")
	envName := fs.String("env", "default", "the environment whose values these are (with -w: the values file's name)")
	force := fs.Bool("force", false, "with -w, replace an existing values file")
	positional, ok := parseFlags(fs, args, 1, 1)
	if !ok {
		return exitBadInput
	}
	path := positional[0]
	data, _, err := loadFlow(path)
	if err != nil {
		fmt.Fprintln(e.stderr, describeLoadError(path, data, err))
		return exitBadInput
	}
	rewritten, proposals, err := environments.ExtractFile(data)
	if err != nil {
		fmt.Fprintf(e.stderr, "studioflow extract %s: %v\n", path, err)
		return exitBadInput
	}
	values := environments.WriteValues(proposals)
	if !*write {
		e.stdout.Write(values)
		return exitOK
	}
	if len(proposals) == 0 {
		fmt.Fprintf(e.stderr, "%s: no account-specific values found; nothing written\n", path)
		return exitOK
	}
	valuesPath := filepath.Join(filepath.Dir(path), environments.Dir, *envName+".yaml")
	if _, err := os.Stat(valuesPath); err == nil && !*force {
		fmt.Fprintf(e.stderr, "studioflow extract: %s exists; add to it by hand, or replace it with --force\n", valuesPath)
		return exitBadInput
	}
	if err := os.MkdirAll(filepath.Dir(valuesPath), 0o755); err != nil {
		fmt.Fprintf(e.stderr, "studioflow extract: %v\n", err)
		return exitBadInput
	}
	if err := atomicfile.Write(valuesPath, values); err != nil {
		fmt.Fprintf(e.stderr, "studioflow extract: write %s: %v\n", valuesPath, err)
		return exitBadInput
	}
	if err := atomicfile.Write(path, rewritten); err != nil {
		fmt.Fprintf(e.stderr, "studioflow extract: write %s: %v\n", path, err)
		return exitBadInput
	}
	fmt.Fprintf(e.stdout, "%s: %d values moved to %s as placeholders\n", path, len(proposals), valuesPath)
	return exitOK
}
