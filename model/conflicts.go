package model

import (
	"encoding/json"
	"fmt"
)

// ConflictsKey is the top-level member in which a three-way merge records
// the changes it could not reconcile. A flow holding it is still valid JSON
// in Studio's shape (the merge keeps our side of each conflict in place), but
// the validator reports every entry as an error until it is removed.
const ConflictsKey = "studioflow_conflicts"

// Conflict is one change made both ways by a merge's two sides. Widget is
// the widget's name in the merged flow ("" for the flow's settings); Path
// names the value inside it ("properties.timeout", "name",
// "transitions[keypress].next", or "" for the whole widget). A side that
// deleted the value has Has… false.
type Conflict struct {
	Widget                      string
	Path                        string
	Base, Ours, Theirs          any
	HasBase, HasOurs, HasTheirs bool
}

// Object returns the conflict as the entry a merge writes.
func (c Conflict) Object() *Object {
	o := NewObject(Member{"widget", c.Widget}, Member{"path", c.Path})
	if c.HasBase {
		o.Set("base", CloneValue(c.Base))
	}
	if c.HasOurs {
		o.Set("ours", CloneValue(c.Ours))
	}
	if c.HasTheirs {
		o.Set("theirs", CloneValue(c.Theirs))
	}
	return o
}

// Describe words the conflict for a person, naming both sides.
func (c Conflict) Describe() string {
	where := "the flow settings"
	if c.Widget != "" {
		where = fmt.Sprintf("widget %q", c.Widget)
	}
	if c.Path != "" {
		where += " at " + c.Path
	}
	side := func(has bool, v any) string {
		if !has {
			return "deleted it"
		}
		return "has " + shortJSON(v)
	}
	msg := fmt.Sprintf("merge conflict in %s: ours %s, theirs %s", where, side(c.HasOurs, c.Ours), side(c.HasTheirs, c.Theirs))
	if c.HasBase {
		msg += fmt.Sprintf(" (the common base had %s)", shortJSON(c.Base))
	}
	return msg + "; the flow keeps ours for now: choose, then remove this entry from " + ConflictsKey
}

func shortJSON(v any) string {
	b, err := json.Marshal(ToGeneric(v))
	if err != nil {
		return fmt.Sprint(v)
	}
	s := string(b)
	if r := []rune(s); len(r) > 60 {
		return string(r[:59]) + "…"
	}
	return s
}

// Conflicts returns the conflicts a merge recorded in the flow, in order.
// Entries that are not objects are returned with only their position known.
func (f *Flow) Conflicts() []Conflict {
	v, ok := f.root.Get(ConflictsKey)
	if !ok {
		return nil
	}
	list, ok := v.([]any)
	if !ok {
		return []Conflict{{Path: ConflictsKey}}
	}
	out := make([]Conflict, 0, len(list))
	for _, e := range list {
		o, ok := e.(*Object)
		if !ok {
			out = append(out, Conflict{})
			continue
		}
		c := Conflict{}
		c.Widget, _ = o.String("widget")
		c.Path, _ = o.String("path")
		c.Base, c.HasBase = o.Get("base")
		c.Ours, c.HasOurs = o.Get("ours")
		c.Theirs, c.HasTheirs = o.Get("theirs")
		out = append(out, c)
	}
	return out
}
