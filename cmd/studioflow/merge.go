package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/studioflow/studioflow/internal/atomicfile"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/model/flowmerge"
)

// runMerge merges two versions of a flow made from a common base, by widget
// identity. It fits git's merge driver (%O %A %B): without -o the result
// replaces OURS. Exit status 0 clean, 1 conflicts (recorded in the flow for
// validate and the editor), 2 trouble.
func runMerge(e env, args []string) int {
	fs := newFlagSet("merge", e.stderr, "As a git merge driver: studioflow merge %O %A %B")
	out := fs.String("o", "", "write the merged flow to this file (default: replace OURS, as a git merge driver does)")
	positional, ok := parseFlags(fs, args, 3, 3)
	if !ok {
		return exitBadInput
	}
	var flows [3]*model.Flow
	for i, path := range positional {
		if i == 0 && isEmptyFile(path) {
			// git's %O is empty when both sides added the file.
			flows[i] = emptyFlow()
			continue
		}
		data, f, err := loadFlow(path)
		if err != nil {
			fmt.Fprintln(e.stderr, describeLoadError(path, data, err))
			return exitBadInput
		}
		flows[i] = f
	}
	r, err := flowmerge.Merge(flows[0], flows[1], flows[2])
	if err != nil {
		fmt.Fprintf(e.stderr, "studioflow merge: %v\n", err)
		return exitBadInput
	}
	target := *out
	if target == "" {
		target = positional[1]
	}
	if err := atomicfile.Write(target, r.Flow.Marshal()); err != nil {
		fmt.Fprintf(e.stderr, "studioflow merge: write %s: %v\n", target, err)
		return exitBadInput
	}
	if r.Clean() {
		return exitOK
	}
	for _, c := range r.Conflicts {
		fmt.Fprintf(e.stderr, "%s: %s\n", target, c.Describe())
	}
	fmt.Fprintf(e.stderr, "%s: %d conflict(s) recorded under %q; studioflow validate fails until they are resolved\n", target, len(r.Conflicts), model.ConflictsKey)
	return exitFindings
}

// isEmptyFile reports whether path holds nothing but white space.
func isEmptyFile(path string) bool {
	data, err := os.ReadFile(path)
	return err == nil && len(bytes.TrimSpace(data)) == 0
}

// emptyFlow is the base of two flows added independently: no widgets.
func emptyFlow() *model.Flow {
	f, err := model.FromObject(model.NewObject(model.Member{Key: "states", Value: []any{}}))
	if err != nil {
		panic("studioflow: the empty flow is not a flow: " + err.Error())
	}
	return f
}
