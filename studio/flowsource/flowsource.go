// Package flowsource reads a flow definition from where a command names it:
// a file, a revision in the local workspace ("workspace:FW…@3", or the
// flow's friendly name instead of its SID) or a flow on Twilio or another
// server speaking Studio's API ("twilio:FW…@LatestPublished").
package flowsource

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/studio/client"
	"github.com/studioflow/studioflow/studio/workspace"
)

// Prefixes of sources that are not files.
const (
	WorkspacePrefix = "workspace:"
	TwilioPrefix    = "twilio:"
)

// Options say where the non-file sources are.
type Options struct {
	// WorkspaceDir is the workspace folder (default workspace.DefaultDir()).
	WorkspaceDir string
	// BaseURL is the Studio API for twilio: sources (default Twilio's).
	BaseURL string
	// Credentials for twilio: sources; nil reads them from the environment
	// as pull does.
	Credentials *client.Credentials
}

// Source is a definition read from somewhere, with a label naming it.
type Source struct {
	Label string
	Data  []byte
}

// Read reads the definition spec names.
func Read(ctx context.Context, spec string, opts Options) (Source, error) {
	switch {
	case strings.HasPrefix(spec, WorkspacePrefix):
		return readWorkspace(strings.TrimPrefix(spec, WorkspacePrefix), opts)
	case strings.HasPrefix(spec, TwilioPrefix):
		return readTwilio(ctx, strings.TrimPrefix(spec, TwilioPrefix), opts)
	default:
		data, err := model.ReadFile(spec)
		if err != nil {
			return Source{}, err
		}
		return Source{Label: spec, Data: data}, nil
	}
}

// splitRevision splits "NAME@REV" at its last "@" (a friendly name may hold
// one; a revision never does).
func splitRevision(s string) (name, rev string) {
	if i := strings.LastIndex(s, "@"); i >= 0 {
		return s[:i], s[i+1:]
	}
	return s, ""
}

func readWorkspace(ref string, opts Options) (Source, error) {
	name, rev := splitRevision(ref)
	if name == "" {
		return Source{}, errors.New(`a workspace source is "workspace:FW…@REVISION" or "workspace:FRIENDLY NAME@REVISION"`)
	}
	dir := opts.WorkspaceDir
	if dir == "" {
		d, err := workspace.DefaultDir()
		if err != nil {
			return Source{}, err
		}
		dir = d
	}
	store, err := workspace.Open(dir, workspace.Options{})
	if err != nil {
		return Source{}, err
	}
	defer store.Close()
	sid, err := findFlow(store, name)
	if err != nil {
		return Source{}, err
	}
	info, err := store.FlowInfo(sid)
	if err != nil {
		return Source{}, fmt.Errorf("workspace flow %s: %w", sid, err)
	}
	n := info.Revision
	switch rev {
	case "", "LatestRevision":
	case "LatestPublished":
		if info.LatestPublished == 0 {
			return Source{}, fmt.Errorf("workspace flow %s (%q) has never been published", sid, info.FriendlyName)
		}
		n = info.LatestPublished
	default:
		n, err = strconv.Atoi(rev)
		if err != nil || n < 1 {
			return Source{}, fmt.Errorf("revision %q of workspace flow %s: a revision is a number from 1, LatestRevision or LatestPublished", rev, sid)
		}
	}
	r, err := store.Revision(sid, n)
	if err != nil {
		return Source{}, fmt.Errorf("workspace flow %s: %w", sid, err)
	}
	return Source{Label: fmt.Sprintf("workspace:%s@%d (%s)", sid, n, info.FriendlyName), Data: r.Definition}, nil
}

// findFlow takes a SID, or the friendly name of exactly one flow.
func findFlow(store *workspace.Store, name string) (string, error) {
	if _, err := store.FlowInfo(name); err == nil {
		return name, nil
	}
	flows, err := store.Flows()
	if err != nil {
		return "", err
	}
	var found []string
	for _, f := range flows {
		if f.FriendlyName == name {
			found = append(found, f.SID)
		}
	}
	switch len(found) {
	case 0:
		return "", fmt.Errorf("the workspace has no flow with SID or friendly name %q", name)
	case 1:
		return found[0], nil
	default:
		return "", fmt.Errorf("%d workspace flows are named %q (%s); name one by its SID", len(found), name, strings.Join(found, ", "))
	}
}

func readTwilio(ctx context.Context, ref string, opts Options) (Source, error) {
	sid, rev := splitRevision(ref)
	if sid == "" {
		return Source{}, errors.New(`a Twilio source is "twilio:FW…" or "twilio:FW…@REVISION" (a number, LatestPublished or LatestRevision)`)
	}
	var creds client.Credentials
	if opts.Credentials != nil {
		creds = *opts.Credentials
	} else {
		c, err := client.CredentialsFromEnv()
		if err != nil {
			return Source{}, err
		}
		creds = c
	}
	c, err := client.New(opts.BaseURL, creds, nil)
	if err != nil {
		return Source{}, err
	}
	f, err := c.FetchDefinition(ctx, sid, rev)
	if err != nil {
		return Source{}, fmt.Errorf("fetch %s: %w", ref, err)
	}
	return Source{Label: fmt.Sprintf("twilio:%s@%d (%s)", f.SID, f.Revision, f.FriendlyName), Data: f.Definition}, nil
}
