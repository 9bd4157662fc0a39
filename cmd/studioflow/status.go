package main

import (
	"context"
	"fmt"
	"time"

	"github.com/studioflow/studioflow/internal/atomicfile"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/model/environments"
	"github.com/studioflow/studioflow/model/flowmerge"
	"github.com/studioflow/studioflow/studio/client"
	"github.com/studioflow/studioflow/studio/drift"
)

// runStatus tells, for each tracked flow file, whether it and the deployed
// flow changed since the last push. Exit 0 when all are the same, 1 when
// one differs or is not tracked, 2 on trouble.
func runStatus(e env, args []string) int {
	fs := newFlagSet("status", e.stderr, "A file is tracked once pushed with push --track; the server is the one it was pushed to.")
	files, ok := parseFlags(fs, args, 1, unbounded)
	if !ok {
		return exitBadInput
	}
	code := exitOK
	worse := func(c int) {
		if c > code {
			code = c
		}
	}
	for _, path := range files {
		rec, tracked, err := drift.LoadRecord(path)
		if err != nil {
			fmt.Fprintf(e.stderr, "%s: %v\n", path, err)
			worse(exitBadInput)
			continue
		}
		if !tracked {
			fmt.Fprintf(e.stdout, "%s: not tracked (push it with --track first)\n", path)
			worse(exitFindings)
			continue
		}
		data, local, err := loadFlowEnv(path, rec.Env)
		if err != nil {
			fmt.Fprintln(e.stderr, describeLoadError(path, data, err))
			worse(exitBadInput)
			continue
		}
		remote, ok := fetchRemote(e, path, rec)
		if !ok {
			worse(exitBadInput)
			continue
		}
		state := drift.Classify(remote.Base, local, remote.Latest)
		fmt.Fprintf(e.stdout, "%s: %s (%s: pushed revision %d, deployed revision %d)\n", path, state, rec.SID, rec.Revision, remote.LatestRevision)
		if state != drift.Same {
			worse(exitFindings)
		}
	}
	return code
}

func fetchRemote(e env, path string, rec drift.Record) (*drift.Remote, bool) {
	c, _ := newAPIClient(e, rec.BaseURL)
	if c == nil {
		return nil, false
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	remote, err := drift.Fetch(ctx, c, rec)
	if err != nil {
		fmt.Fprintf(e.stderr, "%s: %v\n", path, err)
		return nil, false
	}
	return remote, true
}

// pullMerge brings the deployed flow's changes since the last push into
// the file with a three-way merge (base: the revision last pushed) and
// records the deployed revision as the new base. Exit 0 clean, 1 conflicts
// (recorded in the file), 2 trouble.
func pullMerge(e env, path string) int {
	rec, tracked, err := drift.LoadRecord(path)
	if err != nil {
		fmt.Fprintf(e.stderr, "%s: %v\n", path, err)
		return exitBadInput
	}
	if !tracked {
		fmt.Fprintf(e.stderr, "%s: not tracked, so there is no base to merge from (push it with --track first)\n", path)
		return exitBadInput
	}
	data, local, err := loadFlowEnv(path, rec.Env)
	if err != nil {
		fmt.Fprintln(e.stderr, describeLoadError(path, data, err))
		return exitBadInput
	}
	remote, ok := fetchRemote(e, path, rec)
	if !ok {
		return exitBadInput
	}
	r, err := flowmerge.Merge(remote.Base, local, remote.Latest)
	if err != nil {
		fmt.Fprintf(e.stderr, "studioflow pull --merge %s: %v\n", path, err)
		return exitBadInput
	}
	merged := r.Flow
	if rec.Env != "" {
		// Back to the file's placeholders.
		valuesPath, err := environments.Find(path, rec.Env)
		if err == nil {
			var values *environments.Values
			if values, err = environments.Load(valuesPath); err == nil {
				merged, err = environments.Unsubstitute(merged, values)
			}
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "studioflow pull --merge %s: %v\n", path, err)
			return exitBadInput
		}
	}
	if err := atomicfile.Write(path, merged.Marshal()); err != nil {
		fmt.Fprintf(e.stderr, "studioflow pull --merge: write %s: %v\n", path, err)
		return exitBadInput
	}
	baseRevision := rec.Revision
	rec.Revision = remote.LatestRevision
	if err := drift.SaveRecord(path, rec); err != nil {
		fmt.Fprintf(e.stderr, "studioflow pull --merge %s: %v\n", path, err)
		return exitBadInput
	}
	if !r.Clean() {
		for _, c := range r.Conflicts {
			fmt.Fprintf(e.stderr, "%s: %s\n", path, c.Describe())
		}
		fmt.Fprintf(e.stderr, "%s: merged revision %d with %d conflict(s); validate fails until they are resolved\n", path, remote.LatestRevision, len(r.Conflicts))
		return exitFindings
	}
	fmt.Fprintf(e.stdout, "%s: merged %s revision %d (base: revision %d)\n", path, rec.SID, remote.LatestRevision, baseRevision)
	return exitOK
}

// checkNotBehind refuses to push over deployed changes made since the last
// push from this file (someone edited in the console); force overrides.
func checkNotBehind(e env, c *client.Client, path string, rec drift.Record) bool {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	remote, err := drift.Fetch(ctx, c, rec)
	if err != nil {
		fmt.Fprintf(e.stderr, "%s: %v\n", path, err)
		return false
	}
	if remote.LatestRevision != rec.Revision && !sameFlow(remote.Base, remote.Latest) {
		fmt.Fprintf(e.stderr, "%s: %s changed since your last push (revision %d, now %d): run studioflow pull --merge %s first, or push with --force\n",
			path, rec.SID, rec.Revision, remote.LatestRevision, path)
		return false
	}
	return true
}

func sameFlow(a, b *model.Flow) bool {
	return drift.Classify(a, a, b) == drift.Same
}
