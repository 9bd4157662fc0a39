// Package drift tells whether a local flow file and the flow deployed on
// Studio (or studioflow serve) have moved apart since the file was last
// pushed, and brings console edits into the file with a three-way merge.
//
// What was last pushed is recorded beside the file, in
// .studioflow/deployed.json: the flow's SID, the API it went to, the
// revision pushed and the environment whose values were substituted.
package drift

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/model/flowdiff"
	"github.com/studioflow/studioflow/studio/client"
)

// RecordDir and RecordFile name where records are kept, beside the flows.
const (
	RecordDir  = ".studioflow"
	RecordFile = "deployed.json"
)

// Record is what was last pushed from a flow file.
type Record struct {
	SID      string `json:"sid"`
	BaseURL  string `json:"base_url"`
	Revision int    `json:"revision"`
	Env      string `json:"env,omitempty"`
}

// recordsPath is the records file for the flow file at flowPath.
func recordsPath(flowPath string) string {
	return filepath.Join(filepath.Dir(flowPath), RecordDir, RecordFile)
}

func loadAll(flowPath string) (map[string]Record, error) {
	data, err := os.ReadFile(recordsPath(flowPath))
	if errors.Is(err, os.ErrNotExist) {
		return map[string]Record{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read push records: %w", err)
	}
	var all map[string]Record
	if err := json.Unmarshal(data, &all); err != nil {
		return nil, fmt.Errorf("%s: %w", recordsPath(flowPath), err)
	}
	if all == nil {
		all = map[string]Record{}
	}
	return all, nil
}

// LoadRecord returns the record of the flow file at flowPath, and whether
// there is one.
func LoadRecord(flowPath string) (Record, bool, error) {
	all, err := loadAll(flowPath)
	if err != nil {
		return Record{}, false, err
	}
	r, ok := all[filepath.Base(flowPath)]
	return r, ok, nil
}

// SaveRecord records what was pushed from the flow file at flowPath.
func SaveRecord(flowPath string, r Record) error {
	all, err := loadAll(flowPath)
	if err != nil {
		return err
	}
	all[filepath.Base(flowPath)] = r
	data, err := json.MarshalIndent(all, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(recordsPath(flowPath)), 0o755); err != nil {
		return fmt.Errorf("create %s: %w", RecordDir, err)
	}
	return writeAtomic(recordsPath(flowPath), append(data, '\n'))
}

// writeAtomic replaces the file at path through a temporary file and a
// rename, so a reader never sees half a file.
func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), path)
	}
	if werr != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", path, werr)
	}
	return nil
}

// State is how a local flow and the deployed one stand.
type State string

// States.
const (
	Same            State = "same"             // neither changed since the push
	LocalAhead      State = "local ahead"      // the file changed; the deployed flow did not
	DeployedChanged State = "deployed changed" // someone saved a new definition (e.g. in the console)
	Both            State = "both changed"     // both: pull --merge brings the console edits in
)

// Classify compares the local flow and the deployed one with the base,
// the revision last pushed.
func Classify(base, local, deployed *model.Flow) State {
	localChanged := !flowdiff.Compare(base, local).Same()
	deployedChanged := !flowdiff.Compare(base, deployed).Same()
	switch {
	case localChanged && deployedChanged:
		if flowdiff.Compare(local, deployed).Same() {
			return Same // both made the same change
		}
		return Both
	case localChanged:
		return LocalAhead
	case deployedChanged:
		return DeployedChanged
	default:
		return Same
	}
}

// Remote is the base and the latest definition of a recorded flow.
type Remote struct {
	Base, Latest   *model.Flow
	LatestRevision int
	FriendlyName   string
}

// Fetch reads the revision last pushed and the flow's latest definition.
func Fetch(ctx context.Context, c *client.Client, r Record) (*Remote, error) {
	rev := strconv.Itoa(r.Revision)
	b, err := c.FetchRevision(ctx, r.SID, rev)
	if err != nil {
		return nil, fmt.Errorf("fetch revision %d of %s (the one last pushed): %w", r.Revision, r.SID, err)
	}
	l, err := c.FetchFlow(ctx, r.SID)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", r.SID, err)
	}
	base, err := model.Parse(b.Definition)
	if err != nil {
		return nil, fmt.Errorf("revision %d of %s is not a flow: %w", r.Revision, r.SID, err)
	}
	latest, err := model.Parse(l.Definition)
	if err != nil {
		return nil, fmt.Errorf("the latest definition of %s is not a flow: %w", r.SID, err)
	}
	return &Remote{Base: base, Latest: latest, LatestRevision: l.Revision, FriendlyName: l.FriendlyName}, nil
}
