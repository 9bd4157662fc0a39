package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/studioflow/studioflow/studio/client"
	"github.com/studioflow/studioflow/studio/drift"
	"github.com/studioflow/studioflow/studio/wire"
)

// flagSet reports whether the flag was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == name {
			set = true
		}
	})
	return set
}

// runPush creates a flow from a file, or saves the file as a new revision of
// an existing flow, on Studio (or any server speaking its REST API).
func runPush(e env, args []string) int {
	fs := newFlagSet("push", e.stderr, "Credentials come from TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN, or TWILIO_API_KEY and TWILIO_API_SECRET.")
	sid := fs.String("sid", "", "save as a new revision of this flow (FW…) instead of creating a flow")
	publish := fs.Bool("publish", false, "publish the revision (default: save it as a draft)")
	message := fs.String("message", "", "commit message of the revision")
	name := fs.String("name", "", "the flow's friendly name (default for a new flow: the file name)")
	baseURL := fs.String("base-url", client.DefaultBaseURL, "the Studio API to talk to, e.g. http://127.0.0.1:4280 for studioflow serve")
	track := fs.Bool("track", false, "record what was pushed (.studioflow/deployed.json beside FILE) for status and pull --merge; a tracked file stays tracked")
	force := fs.Bool("force", false, "push over changes made to the deployed flow since the last push from FILE")
	envName := fs.String("env", "", "substitute environment ENV's values (environments/ENV.yaml) for the flow's ${NAME} placeholders")
	positional, ok := parseFlags(fs, args, 1, 1)
	if !ok {
		return exitBadInput
	}
	path := positional[0]
	data, _, err := loadFlowEnv(path, *envName)
	if err != nil {
		fmt.Fprintln(e.stderr, describeLoadError(path, data, err))
		return exitBadInput
	}
	rec, tracked, err := drift.LoadRecord(path)
	if err != nil {
		fmt.Fprintf(e.stderr, "%s: %v\n", path, err)
		return exitBadInput
	}
	if tracked {
		// A tracked file goes to the flow it was pushed to, unless told otherwise.
		if *sid == "" {
			*sid = rec.SID
		}
		if !flagSet(fs, "base-url") {
			*baseURL = rec.BaseURL
		}
		if !flagSet(fs, "env") {
			*envName = rec.Env
			if data, _, err = loadFlowEnv(path, *envName); err != nil {
				fmt.Fprintln(e.stderr, describeLoadError(path, data, err))
				return exitBadInput
			}
		}
	}
	c, code := newAPIClient(e, *baseURL)
	if c == nil {
		return code
	}
	if tracked && *sid == rec.SID && !*force && !checkNotBehind(e, c, path, rec) {
		return exitFindings
	}
	params := client.FlowParams{FriendlyName: *name, Status: "draft", Definition: data, CommitMessage: *message}
	if *publish {
		params.Status = "published"
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var f wire.Flow
	if *sid != "" {
		f, err = c.UpdateFlow(ctx, *sid, params)
	} else {
		if params.FriendlyName == "" {
			params.FriendlyName = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
		}
		f, err = c.CreateFlow(ctx, params)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "studioflow push %s: %v\n", path, err)
		var apiErr *wire.Error
		if errors.As(err, &apiErr) {
			printProblems(e, path, "error", apiErr.Details["errors"])
			printProblems(e, path, "warning", apiErr.Details["warnings"])
		}
		return exitFindings
	}
	fmt.Fprintf(e.stdout, "%s revision %d (%s) of %q from %s\n", f.SID, f.Revision, f.Status, f.FriendlyName, path)
	if *track || tracked {
		if err := drift.SaveRecord(path, drift.Record{SID: f.SID, BaseURL: *baseURL, Revision: f.Revision, Env: *envName}); err != nil {
			fmt.Fprintf(e.stderr, "%s: pushed, but could not record it: %v\n", path, err)
			return exitBadInput
		}
	}
	for _, p := range f.Errors {
		fmt.Fprintf(e.stdout, "%s: error at %v: %v\n", path, p["property_path"], p["message"])
	}
	for _, p := range f.Warnings {
		fmt.Fprintf(e.stdout, "%s: warning at %v: %v\n", path, p["property_path"], p["message"])
	}
	return exitOK
}

// printProblems lists the errors or warnings of a validation failure's details.
func printProblems(e env, path, kind string, list any) {
	items, _ := list.([]any)
	for _, item := range items {
		p, _ := item.(map[string]any)
		fmt.Fprintf(e.stderr, "%s: %s at %v: %v\n", path, kind, p["property_path"], p["message"])
	}
}
