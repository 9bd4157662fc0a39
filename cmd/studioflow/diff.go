package main

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/model/flowdiff"
	"github.com/studioflow/studioflow/studio/client"
	"github.com/studioflow/studioflow/studio/flowsource"
	"github.com/studioflow/studioflow/ui"
)

// runDiff compares two versions of a flow by meaning. Exit status as
// diff(1): 0 the same, 1 different, 2 trouble.
func runDiff(e env, args []string) int {
	fs := newFlagSet("diff", e.stderr, "OLD and NEW are files, workspace:FW…@REVISION (or workspace:FRIENDLY NAME@REVISION), or twilio:FW…@REVISION", "(REVISION: a number, LatestPublished or LatestRevision; credentials for twilio: as for pull).")
	asJSON := fs.Bool("json", false, "print the differences as JSON")
	ignoreLayout := fs.Bool("ignore-layout", false, "leave out widgets that only moved on the canvas")
	view := fs.Bool("view", false, "open a window comparing the two on one canvas (Previous/Next step through the changes)")
	dir := fs.String("workspace", "", "workspace folder for workspace: sources (default: studioflow/workspace under the user config directory)")
	baseURL := fs.String("base-url", client.DefaultBaseURL, "the Studio API for twilio: sources, e.g. http://127.0.0.1:4280 for studioflow serve")
	positional, ok := parseFlags(fs, args, 2, 2)
	if !ok {
		return exitBadInput
	}
	opts := flowsource.Options{WorkspaceDir: *dir, BaseURL: *baseURL}
	oldFlow, oldLabel, ok := readFlowSource(e, positional[0], opts)
	if !ok {
		return exitBadInput
	}
	newFlow, newLabel, ok := readFlowSource(e, positional[1], opts)
	if !ok {
		return exitBadInput
	}
	if *view {
		return viewDiff(e, oldFlow, newFlow, oldLabel, newLabel)
	}
	d := flowdiff.Compare(oldFlow, newFlow)
	if *ignoreLayout {
		d = d.WithoutLayout()
	}
	if *asJSON {
		out, err := json.MarshalIndent(struct {
			Old  string `json:"old"`
			New  string `json:"new"`
			Same bool   `json:"same"`
			*flowdiff.Diff
		}{oldLabel, newLabel, d.Same(), d}, "", "  ")
		if err != nil {
			fmt.Fprintf(e.stderr, "studioflow diff: encode: %v\n", err)
			return exitBadInput
		}
		fmt.Fprintf(e.stdout, "%s\n", out)
	} else if !d.Same() {
		fmt.Fprintf(e.stdout, "--- %s\n+++ %s\n", oldLabel, newLabel)
		if err := flowdiff.WriteText(e.stdout, d); err != nil {
			fmt.Fprintf(e.stderr, "studioflow diff: %v\n", err)
			return exitBadInput
		}
	}
	if d.Same() {
		return exitOK
	}
	return exitFindings
}

// readFlowSource reads and parses a flow from a file or another source;
// on failure it reports and returns false.
func readFlowSource(e env, spec string, opts flowsource.Options) (*model.Flow, string, bool) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	src, err := flowsource.Read(ctx, spec, opts)
	if err != nil {
		fmt.Fprintln(e.stderr, describeLoadError(spec, nil, err))
		return nil, "", false
	}
	f, err := model.Parse(src.Data)
	if err != nil {
		fmt.Fprintln(e.stderr, describeLoadError(src.Label, src.Data, err))
		return nil, "", false
	}
	return f, src.Label, true
}

// viewDiff opens the compare window and returns diff's exit status when it
// is closed.
func viewDiff(e env, oldFlow, newFlow *model.Flow, oldLabel, newLabel string) int {
	a, prefs, cat, ok := newWindowApp(e, "studioflow diff --view", "")
	if !ok {
		return exitBadInput
	}
	defer savePrefs(e, prefs)
	c := ui.NewCompare(a, cat, oldFlow, newFlow, oldLabel, newLabel)
	c.Window().ShowAndRun()
	if len(c.Marks()) == 0 {
		return exitOK
	}
	return exitFindings
}
