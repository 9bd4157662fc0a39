package coverage

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
)

// Set gathers coverage per flow file, in the order flows were first seen.
type Set struct {
	cat   *schemas.Catalog
	flows []*Flow
	index map[string]int
}

// NewSet returns an empty set; the catalog says which widgets branch by
// conditions.
func NewSet(cat *schemas.Catalog) *Set {
	return &Set{cat: cat, index: map[string]int{}}
}

// Record counts x against the flow at path (f is its definition, read once:
// later executions of the same path count against the first definition).
func (s *Set) Record(path string, f *model.Flow, x *engine.Execution) {
	i, ok := s.index[path]
	if !ok {
		i = len(s.flows)
		s.index[path] = i
		s.flows = append(s.flows, NewFlow(path, f, s.cat))
	}
	if x != nil {
		s.flows[i].Record(x)
	}
}

// RecordSubflows counts, against each subflow's file, the steps x's
// subflows took. file finds the file of a flow SID (engine.SubflowFile in
// the scenario's subflow folder); a subflow whose file cannot be found or
// read is left out.
func (s *Set) RecordSubflows(x *engine.Execution, file func(flowSID string) (string, error)) {
	if x == nil {
		return
	}
	done := map[string]bool{x.FlowSID: true}
	for _, st := range x.Steps {
		sid := st.FlowSID
		if done[sid] {
			continue
		}
		done[sid] = true
		path, err := file(sid)
		if err != nil {
			continue
		}
		if _, ok := s.index[path]; !ok {
			data, err := model.ReadFile(path)
			if err != nil {
				continue
			}
			f, err := model.Parse(data)
			if err != nil {
				continue
			}
			s.Record(path, f, nil)
		}
		s.flows[s.index[path]].RecordSteps(x.Steps, sid)
	}
}

// Flows returns the flows recorded, in the order they were first seen.
func (s *Set) Flows() []*Flow { return s.flows }

// Flow returns the coverage of the flow at path, nil when none was recorded.
func (s *Set) Flow(path string) *Flow {
	if i, ok := s.index[path]; ok {
		return s.flows[i]
	}
	return nil
}

// Profile is the JSON form of a Set (--coverprofile).
type Profile struct {
	Format string  `json:"format"` // "studioflow-coverage/1"
	Flows  []*Flow `json:"flows"`
}

// ProfileFormat names the profile's format and version.
const ProfileFormat = "studioflow-coverage/1"

// Profile returns the set as a profile.
func (s *Set) Profile() Profile {
	return Profile{Format: ProfileFormat, Flows: s.flows}
}

// WriteProfile writes the set's profile to path as indented JSON.
func (s *Set) WriteProfile(path string) error {
	data, err := json.MarshalIndent(s.Profile(), "", "  ")
	if err != nil {
		return fmt.Errorf("coverage profile: %w", err)
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("write coverage profile: %w", err)
	}
	return nil
}

// ReadProfile reads a profile written by WriteProfile.
func ReadProfile(data []byte) (Profile, error) {
	var p Profile
	if err := json.Unmarshal(data, &p); err != nil {
		return p, fmt.Errorf("coverage profile: %w", err)
	}
	if p.Format != ProfileFormat {
		return p, fmt.Errorf("coverage profile: format %q, want %q", p.Format, ProfileFormat)
	}
	for _, f := range p.Flows {
		f.reindex()
	}
	return p, nil
}

// WriteReport prints, per flow, the widgets and transitions taken and the
// transitions never taken:
//
//	coverage: flows/ivr.json
//	  widgets: 12/14 (86%)
//	  transitions: 34/41 (83%)
//	  never taken:
//	    check  match "is 1" → say_one
func (s *Set) WriteReport(w io.Writer) {
	for _, f := range s.flows {
		reached, widgets := f.WidgetsReached()
		taken, total := f.Transitions()
		fmt.Fprintf(w, "coverage: %s\n", f.Path)
		fmt.Fprintf(w, "  widgets: %d/%d (%s)\n", reached, widgets, Percent(reached, widgets))
		fmt.Fprintf(w, "  transitions: %d/%d (%s)\n", taken, total, Percent(taken, total))
		if never := f.NeverTaken(); len(never) > 0 {
			fmt.Fprintln(w, "  never taken:")
			for _, b := range never {
				fmt.Fprintf(w, "    %s\n", b)
			}
		}
	}
}
