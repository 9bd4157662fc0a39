// Package flowmerge merges two versions of a Studio flow made from a common
// base, by widget identity rather than by text: edits to different widgets,
// to different properties of one widget, or to a widget's offset on each
// side merge cleanly; a widget renamed on one side keeps the other side's
// edits and the transitions to it follow the rename. A value changed both
// ways (or deleted on one side and changed on the other) is a conflict: the
// result keeps our side in place, so it stays a valid flow, and records the
// conflict under model.ConflictsKey, which the validator reports as an
// error naming both sides.
package flowmerge

import (
	"fmt"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/model/flowdiff"
)

// Result is a merged flow and the conflicts recorded in it.
type Result struct {
	Flow      *model.Flow
	Conflicts []model.Conflict
}

// Clean reports whether the merge had no conflicts.
func (r *Result) Clean() bool { return len(r.Conflicts) == 0 }

// side is one version of the flow with its widgets keyed by the name each
// has in the base (added widgets keep their own name), and its references
// rewritten to base names.
type side struct {
	flow    *model.Flow
	byBase  map[string]*model.Object // base name → widget (absent: deleted)
	added   []*model.Object          // widgets not in the base, in order
	order   []string                 // base-space keys of the widgets, in this side's order
	renamed map[string]string        // this side's name → base name
}

// Merge merges ours and theirs, two versions made from base.
func Merge(base, ours, theirs *model.Flow) (*Result, error) {
	o, err := newSide(base, ours)
	if err != nil {
		return nil, fmt.Errorf("our side: %w", err)
	}
	t, err := newSide(base, theirs)
	if err != nil {
		return nil, fmt.Errorf("their side: %w", err)
	}
	m := &merger{}
	states := m.mergeWidgets(base, o, t)

	root := m.mergeSettings(base, ours, theirs, o, t)
	stateList := make([]any, len(states))
	for i, s := range states {
		stateList[i] = s
	}
	root.Set("states", stateList) // in the place the settings merge kept for it
	// Names chosen by the merge: references in base names become them.
	final := map[string]string{}
	for _, s := range states {
		if key, ok := m.baseNameOf[s]; ok {
			if name, _ := s.String("name"); name != key {
				final[key] = name
			}
		}
	}
	renameAll(root, final)
	root.Delete(model.ConflictsKey)
	if len(m.conflicts) > 0 {
		for i := range m.conflicts {
			if n, ok := final[m.conflicts[i].Widget]; ok {
				m.conflicts[i].Widget = n
			}
		}
		list := make([]any, len(m.conflicts))
		for i, c := range m.conflicts {
			list[i] = c.Object()
		}
		root.Set(model.ConflictsKey, list)
	}
	f, err := model.FromObject(root)
	if err != nil {
		return nil, fmt.Errorf("merged flow: %w", err)
	}
	return &Result{Flow: f, Conflicts: m.conflicts}, nil
}

func newSide(base, f *model.Flow) (*side, error) {
	renamed := flowdiff.Match(base, f) // base name → this side's name
	s := &side{flow: f, byBase: map[string]*model.Object{}, renamed: map[string]string{}}
	for b, n := range renamed {
		s.renamed[n] = b
	}
	for _, st := range f.States() {
		raw := st.Raw().Clone()
		renameWidget(raw, s.renamed)
		name := st.Name()
		if b, ok := s.renamed[name]; ok {
			s.byBase[b] = raw
			s.order = append(s.order, b)
			continue
		}
		if base.State(name) != nil {
			if _, dup := s.byBase[name]; dup {
				return nil, fmt.Errorf("two widgets are named %q", name)
			}
			s.byBase[name] = raw
			s.order = append(s.order, name)
			continue
		}
		s.added = append(s.added, raw)
		s.order = append(s.order, "+"+name)
	}
	return s, nil
}
