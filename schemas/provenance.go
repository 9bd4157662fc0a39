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
// explains on hover why one reads nothing, lists usages and completes what
// exists at a widget; whether a reference reads nothing is judged once, for
// the inspector and the validator alike (references.go).

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
// {%…%}), in order, as the engine reads them: not inside quoted strings,
// {% raw %} or {% comment %} blocks, and without the "-" of whitespace
// control ({{- x -}}).
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
		markup, lead := rest[:end], 0
		if closer == "%}" && end < len(rest) {
			if endTag := literalBlockEnd(markup); endTag != "" {
				after := rest[end+2:]
				skip := indexEndTag(after, endTag)
				if skip < 0 {
					return out // never closed: a Liquid error, reported as one
				}
				offset, s = base+end+2+skip, after[skip:]
				continue
			}
		}
		if strings.HasPrefix(markup, "-") {
			markup, lead = markup[1:], 1
		}
		markup = strings.TrimSuffix(markup, "-")
		refs := markupRefs(markup, base+lead)
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

// literalBlockEnd is the tag ending the block a tag's markup opens when
// its inside is not Liquid ("endraw", "endcomment"), "" for other tags.
func literalBlockEnd(markup string) string {
	inside := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(markup, "-"), "-"))
	switch name, _, _ := strings.Cut(inside, " "); name {
	case "raw":
		return "endraw"
	case "comment":
		return "endcomment"
	}
	return ""
}

// indexEndTag is the index just past the first {% name %} tag in s
// (whitespace control and blanks allowed), -1 when there is none.
func indexEndTag(s, name string) int {
	for i := 0; ; {
		k := strings.Index(s[i:], "{%")
		if k < 0 {
			return -1
		}
		start := i + k + 2
		end := strings.Index(s[start:], "%}")
		if end < 0 {
			return -1
		}
		inside := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(s[start:start+end], "-"), "-"))
		if inside == name {
			return start + end + 2
		}
		i = start
	}
}

// markupRefs finds the variable paths in one tag's or output's markup,
// base being its offset in the text; quoted strings are literals.
func markupRefs(markup string, base int) []Reference {
	var out []Reference
	for i := 0; i < len(markup); {
		if q := markup[i]; q == '"' || q == '\'' {
			end := strings.IndexByte(markup[i+1:], q)
			if end < 0 {
				return out
			}
			i += end + 2
			continue
		}
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

// classify says what a variable path reads; no allocation, for the
// validator's scan of every string.
func classify(path string) (Reference, bool) {
	r := Reference{Path: path}
	// Most paths the validator sees are none of these (contact.…,
	// flow.channel.…, Liquid's own): a look at a few bytes tells.
	if !strings.HasPrefix(path, "widgets.") && !strings.HasPrefix(path, "flow.variables.") &&
		!strings.HasPrefix(path, "flow.data") && !strings.HasPrefix(path, "trigger") {
		return r, false
	}
	head, rest, _ := strings.Cut(path, ".")
	first, after, _ := strings.Cut(rest, ".")
	switch head {
	case "widgets":
		r.Kind, r.Name = RefWidget, first
		return r, first != ""
	case "flow":
		switch key, _, _ := strings.Cut(after, "."); first {
		case "variables":
			r.Kind, r.Name = RefVariable, key
			return r, key != ""
		case "data":
			r.Kind, r.Name = RefData, key
			return r, true
		}
	case "trigger":
		r.Kind, r.Name = RefTrigger, first
		return r, true
	}
	return r, false
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
	// a widget that never runs before it, a variable nothing sets, trigger
	// data no entry point leading there fills. "" when the reference is
	// sound.
	Problem string
}

// Provenance finds where ref, used in widget at ("" for anywhere), comes
// from. The catalog says which widgets set flow variables.
func Provenance(f *model.Flow, cat *Catalog, at string, ref Reference) Source {
	upstream := upstreamOf(f, at)
	var src Source
	switch ref.Kind {
	case RefWidget:
		if st := f.State(ref.Name); st != nil {
			src.Origins = []ValueOrigin{{Widget: st.Name(), Upstream: upstream(st.Name())}}
		}
	case RefVariable:
		for _, st := range f.States() {
			for k, v := range setVariableKeys(cat, st) {
				if v == ref.Name {
					src.Origins = append(src.Origins, ValueOrigin{Widget: st.Name(), Field: fmt.Sprintf("variables[%d]", k), Upstream: upstream(st.Name()) || st.Name() == at})
				}
			}
		}
	case RefData, RefTrigger:
		if trig := f.Trigger(); trig != nil && ref.Kind == RefTrigger && ref.Name == "" {
			src.Origins = []ValueOrigin{{Widget: trig.Name(), Upstream: true}}
		} else if trig != nil {
			event, parent := fillingEvent(ref)
			for k, t := range triggerNamespaces {
				if k != event && (!parent || k != parentEvent) {
					continue
				}
				if next, _ := trig.Next(t.event); next != "" && (at == "" || next == at || upstream(next)) {
					src.Origins = append(src.Origins, ValueOrigin{Widget: trig.Name(), Field: t.event, Upstream: true})
				}
			}
		}
	}
	src.Problem = scopeAt(f, cat, upstream).judge(ref, f.IndexOf(at), true).reason(cat, ref)
	return src
}

// scopeAt is a refScope for judging references in one widget, whose
// upstream test upstreamOf made.
func scopeAt(f *model.Flow, cat *Catalog, upstream func(w string) bool) refScope {
	return refScope{flow: f, leadsTo: func(a, _ int) bool { return upstream(f.StateAt(a).Name()) }, facts: newRefFacts(f, cat.variableProps(), nil)}
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
	return variableKeys(st, prop)
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
