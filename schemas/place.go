package schemas

import (
	"strconv"
	"strings"

	"github.com/studioflow/studioflow/model"
)

// transitionNamer words transition j of a widget as its user knows it:
// "the 'help' branch", "the 'Audio Complete' transition"; "" when it
// cannot tell (the caller then says "transition 3").
type transitionNamer func(j int) string

// branchWords words a transition from its event, the label the catalog
// gives that event ("" when unknown) and its condition's friendly name.
func branchWords(event, label, friendly string) string {
	switch {
	case friendly != "":
		return "the '" + friendly + "' branch"
	case event == "match":
		return ""
	case label != "":
		return "the '" + label + "' transition"
	}
	return ""
}

// eventLabel is the catalog's label for a widget type's event.
func (c *Catalog) eventLabel(typ, event string) string {
	if c == nil {
		return ""
	}
	if w, ok := c.types[typ]; ok {
		if e, ok := w.Event(event); ok {
			return e.Label
		}
	}
	return ""
}

// stateNamer names the transitions of a widget.
func (c *Catalog) stateNamer(s *model.State) transitionNamer {
	return func(j int) string {
		if j < 0 || j >= s.TransitionCount() {
			return ""
		}
		t := s.Transition(j)
		return branchWords(t.Event, c.eventLabel(s.Type(), t.Event), friendlyName(t.Conditions))
	}
}

// instanceNamer names the transitions of a widget in plain form (maps and
// slices, as the schema validator sees it).
func (c *Catalog) instanceNamer(instance any) transitionNamer {
	return func(j int) string {
		m, _ := instance.(map[string]any)
		list, _ := m["transitions"].([]any)
		if j < 0 || j >= len(list) {
			return ""
		}
		t, _ := list[j].(map[string]any)
		typ, _ := m["type"].(string)
		event, _ := t["event"].(string)
		friendly := ""
		if conds, ok := t["conditions"].([]any); ok && len(conds) > 0 {
			if first, ok := conds[0].(map[string]any); ok {
				friendly, _ = first["friendly_name"].(string)
			}
		}
		return branchWords(event, c.eventLabel(typ, event), strings.TrimSpace(friendly))
	}
}

// friendlyName is the friendly name of a transition's first condition.
func friendlyName(conditions []any) string {
	if len(conditions) == 0 {
		return ""
	}
	if obj, ok := conditions[0].(*model.Object); ok {
		name, _ := obj.String("friendly_name")
		return strings.TrimSpace(name)
	}
	return ""
}

// transitionText is transition j in words: its name when known, else its
// number.
func transitionText(name transitionNamer, j int) string {
	if name != nil {
		if s := name(j); s != "" {
			return s
		}
	}
	return "transition " + strconv.Itoa(j+1)
}

// singular names one item of a list property: "condition 2", "argument 1".
var singular = map[string]string{
	"conditions": "condition", "arguments": "argument", "variables": "variable",
	"parameters": "parameter", "headers": "header", "attributes": "attribute",
}

func itemName(list string, idx int, name transitionNamer) string {
	if list == "transitions" {
		return transitionText(name, idx)
	}
	if one, ok := singular[list]; ok {
		return one + " " + strconv.Itoa(idx+1)
	}
	return list + " item " + strconv.Itoa(idx+1)
}

// describeField names the value at a pointer inside a widget the way a user
// thinks of it, innermost first: "timeout", "key of parameter 2", "type of
// condition 1 of the 'help' branch". name words transitions (nil: by
// number).
func describeField(loc string, name transitionNamer) string {
	if loc == "" {
		return "the widget"
	}
	segs := strings.Split(strings.TrimPrefix(loc, "/"), "/")
	for i, s := range segs {
		segs[i] = model.UnescapeToken(s)
	}
	if segs[0] == "properties" {
		segs = segs[1:]
		if len(segs) == 0 {
			return "properties"
		}
	}
	// Read outermost to innermost, pairing each list with its index.
	var parts []string
	for i := 0; i < len(segs); i++ {
		if i+1 < len(segs) {
			if idx, err := strconv.Atoi(segs[i+1]); err == nil {
				parts = append(parts, itemName(segs[i], idx, name))
				i++
				continue
			}
		}
		parts = append(parts, segs[i])
	}
	for l, r := 0, len(parts)-1; l < r; l, r = l+1, r-1 {
		parts[l], parts[r] = parts[r], parts[l]
	}
	return strings.Join(parts, " of ")
}

// Place words where a diagnostic is in the user's terms, for a list of
// problems: the widget's field ("condition 1 of the 'help' branch"), or ""
// for the widget or flow as a whole. The pointer itself stays in Path.
func (c *Catalog) Place(f *model.Flow, d Diagnostic) string {
	if d.Widget == "" || f == nil {
		return ""
	}
	s := f.State(d.Widget)
	if s == nil {
		return ""
	}
	// /states/3/properties/x → /properties/x
	rest := d.Path
	if strings.HasPrefix(rest, "/states/") {
		rest = strings.TrimPrefix(rest, "/states/")
		if i := strings.IndexByte(rest, '/'); i >= 0 {
			rest = rest[i:]
		} else {
			rest = ""
		}
	}
	if rest == "" {
		return ""
	}
	return describeField(rest, c.stateNamer(s))
}
