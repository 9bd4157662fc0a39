package engine

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/studioflow/studioflow/model"
)

// SubflowFile is the file of dir that holds the flow flowSID: the file
// whose name (without .json) is the SID, or else the one file whose name
// contains it.
func SubflowFile(dir, flowSID string) (string, error) {
	// Glob metacharacters would let a flow's flow_sid pick whatever file
	// happens to match ("*" is the folder's only flow).
	if flowSID == "" || strings.ContainsAny(flowSID, `/\*?[`) {
		return "", fmt.Errorf("invalid flow SID %q", flowSID)
	}
	path := filepath.Join(dir, flowSID+".json")
	if _, err := os.Stat(path); err != nil {
		matches, _ := filepath.Glob(filepath.Join(dir, "*"+flowSID+"*.json"))
		if len(matches) != 1 {
			return "", fmt.Errorf("no file %s.json (or one file naming %s) in %s", flowSID, flowSID, dir)
		}
		path = matches[0]
	}
	return path, nil
}

// FolderResolver finds subflows among the .json files of dir: the file whose
// name (without .json) is the flow SID, or else the one file whose name
// contains it (e.g. "FW0123…-billing.json"). Parsed flows are cached.
func FolderResolver(dir string) FlowResolver {
	var mu sync.Mutex
	cache := map[string]*model.Flow{}
	return func(flowSID string) (*model.Flow, error) {
		mu.Lock()
		defer mu.Unlock()
		if f, ok := cache[flowSID]; ok {
			return f, nil
		}
		path, err := SubflowFile(dir, flowSID)
		if err != nil {
			return nil, err
		}
		data, err := model.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("subflow %s: %w", flowSID, err)
		}
		f, err := model.Parse(data)
		if err != nil {
			return nil, fmt.Errorf("subflow %s (%s): %w", flowSID, path, err)
		}
		cache[flowSID] = f
		return f, nil
	}
}

// WiredTriggers lists the trigger events of f that lead to a widget, in order.
func WiredTriggers(f *model.Flow) []string {
	var out []string
	st := f.State(f.InitialState())
	if st == nil {
		return nil
	}
	for _, tr := range st.Transitions() {
		if tr.Next != "" {
			out = append(out, tr.Event)
		}
	}
	return out
}
