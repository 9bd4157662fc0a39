package schemas

import (
	"fmt"
	"strings"

	"github.com/studioflow/studioflow/model"
)

// Provenance: where the values a Liquid template reads come from. A
// reference {{widgets.NAME…}} comes from that widget, {{flow.variables.X}}
// from each Set Variables that sets X, {{flow.data.X}} and {{trigger…}} from
// the trigger. The inspector makes references links (jump to the origin),
// marks those whose origin is missing or not upstream, lists usages and
// completes what exists at a widget.

// RefKind names what a reference reads.
type RefKind string

// Reference kinds.
const (
	RefWidget   RefKind = "widget"   // widgets.NAME…
	RefVariable RefKind = "variable" // flow.variables.X
	RefData     RefKind = "data"     // flow.data.X
	RefTrigger  RefKind = "trigger"  // trigger…
)

// Reference is one variable path inside a template's Liquid markup.
type Reference struct {
	Kind RefKind
	Name string // the widget, the variable key, the data key ("" for a bare flow.data), the trigger namespace
	Path string // the whole dotted path: widgets.check_order.parsed.status
	// Start and End are the byte offsets of Path in the text.
	Start, End int
	// TagStart and TagEnd are the byte offsets of the markup holding the
	// reference, its delimiters included ({{ … }} or {% … %}), as the
	// Liquid engine reads it: to the first closing delimiter, quoted or
	// not (schemas/liquid/scan.go). Markup never closed is text to the
	// engine; its span is then the path's.
	TagStart, TagEnd int
}

// References lists the references in text's Liquid markup ({{…}} and
// {%…%}), in order.
func References(text string) []Reference {
	var out []Reference
	offset := 0
	s := text
	for {
		open, closer := strings.Index(s, "{{"), "}}"
		if tag := strings.Index(s, "{%"); tag >= 0 && (open < 0 || tag < open) {
			open, closer = tag, "%}"
		}
		if open < 0 {
			return out
		}
		rest := s[open+2:]
		end := strings.Index(rest, closer)
		if end < 0 {
			end = len(rest)
		}
		base := offset + open + 2
		refs := markupRefs(rest[:end], base)
		for i := range refs {
			if end == len(rest) {
				refs[i].TagStart, refs[i].TagEnd = refs[i].Start, refs[i].End
			} else {
				refs[i].TagStart, refs[i].TagEnd = base-2, base+end+2
			}
		}
		out = append(out, refs...)
		if end == len(rest) {
			return out
		}
		offset = base + end + 2
		s = rest[end+2:]
	}
}

func markupRefs(markup string, base int) []Reference {
	var out []Reference
	for i := 0; i < len(markup); {
		if !model.IsNameByte(markup[i]) || (i > 0 && (model.IsNameByte(markup[i-1]) || markup[i-1] == '.')) {
			i++
			continue
		}
		j := i
		for j < len(markup) && (model.IsNameByte(markup[j]) || markup[j] == '.') {
			j++
		}
		path := strings.TrimRight(markup[i:j], ".")
		if r, ok := classify(path); ok {
			r.Start, r.End = base+i, base+i+len(path)
			out = append(out, r)
		}
		i = j
	}
	return out
}

func classify(path string) (Reference, bool) {
	parts := strings.Split(path, ".")
	r := Reference{Path: path}
	switch {
	case parts[0] == "widgets" && len(parts) >= 2 && parts[1] != "":
		r.Kind, r.Name = RefWidget, parts[1]
	case parts[0] == "flow" && len(parts) >= 3 && parts[1] == "variables":
		r.Kind, r.Name = RefVariable, parts[2]
	case parts[0] == "flow" && len(parts) >= 2 && parts[1] == "data":
		r.Kind = RefData
		if len(parts) >= 3 {
			r.Name = parts[2]
		}
	case parts[0] == "trigger":
		r.Kind = RefTrigger
		if len(parts) >= 2 {
			r.Name = parts[1]
		}
	default:
		return r, false
	}
	return r, true
}

// ReferenceAt returns the reference whose path covers byte offset pos.
func ReferenceAt(text string, pos int) (Reference, bool) {
	for _, r := range References(text) {
		if pos >= r.Start && pos <= r.End {
			return r, true
		}
	}
	return Reference{}, false
}

// Field is one text of a widget that may hold Liquid: a property (dotted,
// with [i] for list items) or a split condition in its transitions.
type Field struct {
	Path string // "say", "parameters[1].value", "transitions[2].conditions[0].value"
	Text string
}

// Fields lists st's texts, in document order.
func Fields(st *model.State) []Field {
	var out []Field
	if props := st.Properties(); props != nil {
		walkTexts(props, "", &out)
	}
	for i, t := range st.Transitions() {
		for j, c := range t.Conditions {
			walkTexts(c, fmt.Sprintf("transitions[%d].conditions[%d]", i, j), &out)
		}
	}
	return out
}

func walkTexts(v any, path string, out *[]Field) {
	switch v := v.(type) {
	case string:
		*out = append(*out, Field{Path: path, Text: v})
	case *model.Object:
		for _, m := range v.Members() {
			if m.Key == "offset" && path == "" {
				continue
			}
			p := m.Key
			if path != "" {
				p = path + "." + m.Key
			}
			walkTexts(m.Value, p, out)
		}
	case []any:
		for i, item := range v {
			walkTexts(item, fmt.Sprintf("%s[%d]", path, i), out)
		}
	}
}

// ValueOrigin is a widget a referenced value comes from.
type ValueOrigin struct {
	Widget string
	Field  string // for a variable: the Set Variables entry ("variables[0]"); for data: which trigger event fills it
	// Upstream is true when some path leads from the origin to the widget
	// the reference is in (always true when that widget is not given).
	Upstream bool
}

// Source is where a reference at a widget comes from.
type Source struct {
	Origins []ValueOrigin
	// Problem says why the reference reads nothing there: no such widget,
	// a widget that never runs before it, a variable nothing sets. "" when
	// the reference is sound.
	Problem string
}

// Provenance finds where ref, used in widget at ("" for anywhere), comes
// from. The catalog says which widgets set flow variables.
func Provenance(f *model.Flow, cat *Catalog, at string, ref Reference) Source {
	upstream := upstreamOf(f, at)
	var src Source
	switch ref.Kind {
	case RefWidget:
		st := f.State(ref.Name)
		if st == nil {
			src.Problem = fmt.Sprintf("there is no widget named %s", ref.Name)
			return src
		}
		src.Origins = []ValueOrigin{{Widget: st.Name(), Upstream: upstream(st.Name())}}
		if !src.Origins[0].Upstream {
			src.Problem = fmt.Sprintf("%s never runs before %s: no path leads from it here", st.Name(), at)
		}
	case RefVariable:
		before := false
		for _, st := range f.States() {
			for i, v := range setVariableKeys(cat, st) {
				if v == ref.Name {
					o := ValueOrigin{Widget: st.Name(), Field: fmt.Sprintf("variables[%d]", i), Upstream: upstream(st.Name())}
					before = before || o.Upstream
					src.Origins = append(src.Origins, o)
				}
			}
		}
		switch {
		case len(src.Origins) == 0:
			src.Problem = fmt.Sprintf("no Set Variables sets %s", ref.Name)
		case !before:
			src.Problem = fmt.Sprintf("no Set Variables that sets %s runs before %s", ref.Name, at)
		}
	case RefData, RefTrigger:
		trig := f.Trigger()
		if trig == nil {
			src.Problem = "the flow has no trigger"
			return src
		}
		events := map[RefKind][]string{RefData: {"incomingRequest", "incomingParent"}}[ref.Kind]
		if ref.Kind == RefTrigger {
			events = triggerEventsOf(ref.Name)
		}
		for _, ev := range events {
			if next, _ := trig.Next(ev); next != "" && (at == "" || reaches(f, next, at)) {
				src.Origins = append(src.Origins, ValueOrigin{Widget: trig.Name(), Field: ev, Upstream: true})
			}
		}
		if len(src.Origins) == 0 {
			what := "flow.data (REST API or Subflow parameters)"
			if ref.Kind == RefTrigger {
				what = "trigger." + ref.Name
			}
			where := ""
			if at != "" {
				where = " to " + at
			}
			src.Problem = fmt.Sprintf("no trigger event that fills %s leads%s", what, where)
		}
	}
	return src
}

// triggerEventsOf lists the trigger events that fill trigger.NAMESPACE.
func triggerEventsOf(namespace string) []string {
	for _, t := range triggerNamespaces {
		if t.namespace == namespace {
			return []string{t.event}
		}
	}
	return nil
}

// setVariableKeys lists the flow variables st sets, in order, as the
// catalog says its type does (Set Variables' list of {key, value}); none
// for a type that sets none.
func setVariableKeys(cat *Catalog, st *model.State) []string {
	w, ok := cat.types[st.Type()] // read only: no copy, as Lookup makes
	if !ok {
		return nil
	}
	prop, ok := w.PropertyWithRole(FlowVariables)
	if !ok {
		return nil
	}
	v, _ := st.Property(prop)
	list, _ := v.([]any)
	var keys []string
	for _, item := range list {
		key := ""
		if o, ok := item.(*model.Object); ok {
			key, _ = o.String("key")
		}
		keys = append(keys, key)
	}
	return keys
}

// upstreamOf returns a test "does some path lead from w to at?".
func upstreamOf(f *model.Flow, at string) func(w string) bool {
	i := f.IndexOf(at)
	if i < 0 {
		return func(string) bool { return true }
	}
	anc := newGraph(f).ancestors(i)
	return func(w string) bool {
		j := f.IndexOf(w)
		return j >= 0 && anc[j]
	}
}

// reaches reports whether a path (possibly empty) leads from one widget to another.
func reaches(f *model.Flow, from, to string) bool {
	i, j := f.IndexOf(from), f.IndexOf(to)
	if i < 0 || j < 0 {
		return false
	}
	return newGraph(f).reach(i)[j]
}

// Usage is one place a reference is used.
type Usage struct {
	Widget string
	Field  string
	Ref    Reference
}

// Usages lists, in flow order, every reference of kind to name: a widget's
// outputs, a flow variable, a flow.data key ("" for any use of flow.data).
func Usages(f *model.Flow, kind RefKind, name string) []Usage {
	var out []Usage
	for _, st := range f.States() {
		for _, fld := range Fields(st) {
			for _, r := range References(fld.Text) {
				if r.Kind == kind && (r.Name == name || (kind == RefData && name == "")) {
					out = append(out, Usage{Widget: st.Name(), Field: fld.Path, Ref: r})
				}
			}
		}
	}
	return out
}
