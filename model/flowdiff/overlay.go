package flowdiff

import (
	"strings"

	"github.com/studioflow/studioflow/model"
)

// Mark kinds: what happened to a widget, for a compare view.
const (
	MarkSettings = "settings"
	MarkAdded    = "added"
	MarkRemoved  = "removed"
	MarkRenamed  = "renamed"
	MarkChanged  = "changed"
	MarkMoved    = "moved"
)

// Mark is one step of a compare view: a widget of the overlay flow (""
// for the flow's settings), the most telling kind of change it had, the
// diff's text about it, and the transitions (indices in the overlay flow)
// that were rewired or added.
type Mark struct {
	Widget string
	Kind   string
	Text   string
	Wires  []int
}

// Overlay builds the flow a compare view draws: the new flow, with each
// removed widget added back at its old place as a ghost (its transitions
// following renames), and one mark per widget that changed, in the new
// flow's order, the ghosts last and the flow settings first.
func Overlay(old, new *model.Flow, d *Diff) (*model.Flow, []Mark) {
	root := new.Root().Clone()
	renamed := map[string]string{}
	for _, r := range d.Renamed {
		renamed[r.Old] = r.New
	}
	v, _ := root.Get("states")
	states, _ := v.([]any)
	for _, r := range d.Removed {
		s := old.State(r.Name)
		if s == nil {
			continue
		}
		ghost := s.Raw().Clone()
		tv, _ := ghost.Get("transitions")
		list, _ := tv.([]any)
		for _, e := range list {
			if t, ok := e.(*model.Object); ok {
				if next, ok := t.String("next"); ok {
					if n, ok := renamed[next]; ok {
						t.Set("next", n)
					}
				}
			}
		}
		states = append(states, ghost)
	}
	root.Set("states", states)
	overlay, err := model.FromObject(root)
	if err != nil {
		overlay = new // cannot happen: new is a flow and ghosts are widgets
	}

	var marks []Mark
	if len(d.Settings) > 0 {
		marks = append(marks, Mark{Kind: MarkSettings, Text: diffText(&Diff{Settings: d.Settings})})
	}
	for _, s := range new.States() {
		sub := d.only(s.Name())
		if sub.Same() {
			continue
		}
		m := Mark{Widget: s.Name(), Text: diffText(sub)}
		switch {
		case len(sub.Added) > 0:
			m.Kind = MarkAdded
		case len(sub.Renamed) > 0:
			m.Kind = MarkRenamed
		case len(sub.Changed) > 0:
			m.Kind = MarkChanged
		default:
			m.Kind = MarkMoved
		}
		for _, wc := range sub.Changed {
			for _, tc := range wc.Transitions {
				if tc.Kind != TransitionRewired && tc.Kind != TransitionAdded {
					continue
				}
				for i, t := range s.Transitions() {
					if t.Event == tc.Event && Label(t) == tc.Label {
						m.Wires = append(m.Wires, i)
						break
					}
				}
			}
		}
		marks = append(marks, m)
	}
	for _, r := range d.Removed {
		marks = append(marks, Mark{Widget: r.Name, Kind: MarkRemoved, Text: diffText(&Diff{Removed: []WidgetRef{r}})})
	}
	return overlay, marks
}

// only is the part of the diff about one widget of the new flow.
func (d *Diff) only(name string) *Diff {
	return &Diff{
		Added:   keep(d.Added, func(a WidgetRef) bool { return a.Name == name }),
		Renamed: keep(d.Renamed, func(r Rename) bool { return r.New == name }),
		Changed: keep(d.Changed, func(c WidgetChange) bool { return c.Widget == name }),
		Moved:   keep(d.Moved, func(m Move) bool { return m.Widget == name }),
	}
}

// keep returns the items ok accepts, in order (nil for none).
func keep[T any](items []T, ok func(T) bool) []T {
	var out []T
	for _, x := range items {
		if ok(x) {
			out = append(out, x)
		}
	}
	return out
}

func diffText(d *Diff) string {
	var b strings.Builder
	WriteText(&b, d)
	return strings.TrimRight(b.String(), "\n")
}
