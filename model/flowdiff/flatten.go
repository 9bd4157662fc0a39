package flowdiff

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/studioflow/studioflow/model"
)

// WriteFlat writes a flow as text made for line diffs (git's textconv, so
// that git log -p shows flows readably without an external diff): the
// settings, then each widget in file order as a block with one line per
// property (nested values by path, members sorted, so member order makes
// no difference), each transition as "--event--> target" and its offset
// last. Multi-line text is written one line per line, indented under its
// property.
func WriteFlat(w io.Writer, f *model.Flow) error {
	var b strings.Builder
	settings := withoutStates(f.Root())
	flatValue(&b, "", "", settings)
	for _, s := range f.States() {
		fmt.Fprintf(&b, "\nwidget %s (%s)\n", s.Name(), s.Type())
		props := withoutKeys(s.Properties(), "offset")
		flatValue(&b, "  ", "", props)
		s.Raw().Range(func(k string, v any) bool {
			switch k {
			case "name", "type", "properties", "transitions":
			default:
				flatValue(&b, "  ", k, v)
			}
			return true
		})
		for _, t := range s.Transitions() {
			ev := t.Event
			if l := Label(t); l != "" {
				ev += " " + strconv.Quote(l)
			}
			fmt.Fprintf(&b, "  --%s--> %s\n", ev, orNothing(t.Next))
		}
		if x, y, ok := s.Offset(); ok {
			fmt.Fprintf(&b, "  offset %s\n", point(&Point{x, y}))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func flatValue(b *strings.Builder, indent, path string, v any) {
	switch t := v.(type) {
	case *model.Object:
		keys := t.Keys()
		sort.Strings(keys)
		if len(keys) == 0 && path != "" {
			fmt.Fprintf(b, "%s%s = {}\n", indent, path)
		}
		for _, k := range keys {
			val, _ := t.Get(k)
			flatValue(b, indent, joinPath(path, k), val)
		}
	case []any:
		if len(t) == 0 {
			fmt.Fprintf(b, "%s%s = []\n", indent, path)
		}
		for i, e := range t {
			flatValue(b, indent, fmt.Sprintf("%s[%d]", path, i), e)
		}
	case string:
		if !strings.Contains(t, "\n") {
			fmt.Fprintf(b, "%s%s = %s\n", indent, path, strconv.Quote(t))
			return
		}
		fmt.Fprintf(b, "%s%s =\n", indent, path)
		for _, line := range strings.Split(t, "\n") {
			fmt.Fprintf(b, "%s  | %s\n", indent, line)
		}
	default:
		data, err := json.Marshal(model.ToGeneric(t))
		if err != nil {
			data = []byte(fmt.Sprint(t))
		}
		fmt.Fprintf(b, "%s%s = %s\n", indent, path, data)
	}
}
