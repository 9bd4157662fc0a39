package main

import (
	"context"
	"fmt"
	"time"

	"github.com/studioflow/studioflow/internal/atomicfile"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/studio/client"
)

// runPull fetches a flow's definition from Studio (or any server speaking
// its REST API) and writes it in Studio's canonical form.
func runPull(e env, args []string) int {
	fs := newFlagSet("pull", e.stderr, "Credentials come from TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN, or TWILIO_API_KEY and TWILIO_API_SECRET.")
	out := fs.String("o", "", "write the definition to this file (atomically) instead of standard output")
	revision := fs.String("revision", "", "a revision number, LatestPublished or LatestRevision (default: the flow's latest definition)")
	baseURL := fs.String("base-url", client.DefaultBaseURL, "the Studio API to talk to, e.g. http://127.0.0.1:4280 for studioflow serve")
	merge := fs.Bool("merge", false, "pull --merge FILE: merge the deployed flow's changes since the last push into the tracked FILE")
	positional, ok := parseFlags(fs, args, 1, 1)
	if !ok {
		return exitBadInput
	}
	if *merge {
		return pullMerge(e, positional[0])
	}
	sid := positional[0]
	c, code := newAPIClient(e, *baseURL)
	if c == nil {
		return code
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	f, err := c.FetchDefinition(ctx, sid, *revision)
	if err != nil {
		fmt.Fprintf(e.stderr, "studioflow pull %s: %v\n", sid, err)
		return exitFindings
	}
	flow, err := model.Parse(f.Definition)
	if err != nil {
		fmt.Fprintf(e.stderr, "studioflow pull %s: the server's definition is not a flow: %v\n", sid, err)
		return exitFindings
	}
	data := flow.Marshal()
	if len(data) == 0 || data[len(data)-1] != '\n' {
		data = append(data, '\n')
	}
	if *out == "" {
		e.stdout.Write(data)
		return exitOK
	}
	if err := atomicfile.Write(*out, data); err != nil {
		fmt.Fprintf(e.stderr, "studioflow pull: write %s: %v\n", *out, err)
		return exitBadInput
	}
	fmt.Fprintf(e.stderr, "pulled %s revision %d (%s, %q) into %s\n", f.SID, f.Revision, f.Status, f.FriendlyName, *out)
	return exitOK
}

// newAPIClient makes a client from the environment's credentials; on
// failure it reports and returns the exit code.
func newAPIClient(e env, baseURL string) (*client.Client, int) {
	creds, err := client.CredentialsFromEnv()
	if err != nil {
		fmt.Fprintln(e.stderr, "studioflow:", err)
		return nil, exitBadInput
	}
	c, err := client.New(baseURL, creds, nil)
	if err != nil {
		fmt.Fprintln(e.stderr, "studioflow:", err)
		return nil, exitBadInput
	}
	return c, exitOK
}
