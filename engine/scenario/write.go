package scenario

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"time"
	"unicode"

	"gopkg.in/yaml.v3"

	"github.com/studioflow/studioflow/engine/coverage"
)

// The writing side of the format's types (format.go): each writes the
// short form its UnmarshalYAML reads where there is one, and a text a
// person typed as a scalar that reads back the same.

// MarshalYAML writes a single response as a mapping, more as a list.
func (l CannedList) MarshalYAML() (any, error) {
	if len(l) == 1 {
		return l[0], nil
	}
	return []Canned(l), nil
}

// MarshalYAML writes "EVENT" alone when there are no outputs.
func (o OutcomeSpec) MarshalYAML() (any, error) {
	if len(o.Outputs) == 0 {
		return o.Event, nil
	}
	type plain OutcomeSpec
	return plain(o), nil
}

// MarshalYAML writes an equals matcher as the text alone, as {contains: …}
// or {regex: …} otherwise.
func (m Matcher) MarshalYAML() (any, error) {
	if m.Equals != nil {
		return textNode(*m.Equals), nil
	}
	type plain Matcher
	return valueNode(reflect.ValueOf(plain(m)))
}

// MarshalYAML writes the step's action with its text as text.
func (s Step) MarshalYAML() (any, error) {
	type plain Step
	return valueNode(reflect.ValueOf(plain(s)))
}

// MarshalYAML writes a wait as a Go duration ("1h30m0s").
func (d Duration) MarshalYAML() (any, error) {
	return time.Duration(d).String(), nil
}

// textNode is s as a scalar that reads back the same: double-quoted when
// it begins or ends with white space, spans lines (a flow's say text often
// starts with a newline) or holds a character that is not printable, which
// yaml.v3's block and plain styles lose or change.
func textNode(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if s != strings.TrimSpace(s) || strings.IndexFunc(s, needsEscape) >= 0 {
		n.Style = yaml.DoubleQuotedStyle
	}
	return n
}

// needsEscape reports whether r must be written escaped: a line break or
// a character that is not printable (a space is).
func needsEscape(r rune) bool {
	return (r != ' ' && !unicode.IsPrint(r)) || r == '\u0085' || r == '\u2028' || r == '\u2029'
}

var marshalerType = reflect.TypeOf((*yaml.Marshaler)(nil)).Elem()

// valueNode is v as a YAML node built from its Go values, every string in
// it written by textNode. The file is built this way rather than by
// encoding the values (directly or with yaml.Node.Encode): yaml.v3 writes a
// text beginning with a newline in block style and drops that newline.
// Structs take the fields yaml.v3 would (their yaml names, omitempty), a
// type with MarshalYAML writes what it returns, map keys are sorted.
func valueNode(v reflect.Value) (*yaml.Node, error) {
	if !v.IsValid() {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}, nil
	}
	if v.Type().Implements(marshalerType) && (v.Kind() != reflect.Pointer || !v.IsNil()) {
		out, err := v.Interface().(yaml.Marshaler).MarshalYAML()
		if err != nil {
			return nil, err
		}
		if n, ok := out.(*yaml.Node); ok {
			return n, nil
		}
		return valueNode(reflect.ValueOf(out))
	}
	if v.Type() == jsonNumberType {
		return numberNode(v.String()), nil
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return valueNode(reflect.Value{})
		}
		return valueNode(v.Elem())
	case reflect.String:
		return textNode(v.String()), nil
	case reflect.Struct:
		return structNode(v)
	case reflect.Map:
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return fmt.Sprint(keys[i]) < fmt.Sprint(keys[j]) })
		for _, k := range keys {
			kn, err := valueNode(k)
			if err != nil {
				return nil, err
			}
			vn, err := valueNode(v.MapIndex(k))
			if err != nil {
				return nil, fmt.Errorf("%v: %w", k, err)
			}
			n.Content = append(n.Content, kn, vn)
		}
		return n, nil
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			return valueNode(reflect.Value{})
		}
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for i := 0; i < v.Len(); i++ {
			e, err := valueNode(v.Index(i))
			if err != nil {
				return nil, fmt.Errorf("item %d: %w", i+1, err)
			}
			n.Content = append(n.Content, e)
		}
		return n, nil
	}
	// Numbers and booleans: yaml.v3 writes them as it reads them.
	var n yaml.Node
	if err := n.Encode(v.Interface()); err != nil {
		return nil, err
	}
	return &n, nil
}

// structNode is struct v as a mapping of its exported fields, under their
// yaml names, leaving out the empty ones marked omitempty.
func structNode(v reflect.Value) (*yaml.Node, error) {
	n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, opts, ok := yamlName(f)
		if !ok {
			continue
		}
		fv := v.Field(i)
		if strings.Contains(opts, "omitempty") && isEmpty(fv) {
			continue
		}
		vn, err := valueNode(fv)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: name}, vn)
	}
	return n, nil
}

// isEmpty is omitempty's test: nil, a zero value, an empty map or list,
// or a value whose IsZero says so.
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		return v.IsNil()
	case reflect.Map, reflect.Slice:
		return v.Len() == 0
	}
	if z, ok := v.Interface().(interface{ IsZero() bool }); ok {
		return z.IsZero()
	}
	return v.IsZero()
}

// Write writes scenarios as YAML documents naming the flow flowRef, after
// header as comment lines. It writes what the reader reads, with the same
// types. The scenario files of `studioflow test --generate` and the
// simulator's "Save as test" both come from here.
func Write(w io.Writer, header, flowRef string, scenarios []*Scenario) error {
	var buf bytes.Buffer
	for _, line := range strings.Split(strings.TrimRight(header, "\n"), "\n") {
		fmt.Fprintf(&buf, "# %s\n", line)
	}
	for i, s := range scenarios {
		if i > 0 {
			buf.WriteString("---\n")
		}
		doc := *s
		doc.Flow = filepath.ToSlash(flowRef)
		n, err := valueNode(reflect.ValueOf(doc))
		if err != nil {
			return fmt.Errorf("scenario %q: %w", s.Name, err)
		}
		enc := yaml.NewEncoder(&buf)
		enc.SetIndent(2)
		if err := enc.Encode(n); err != nil {
			return fmt.Errorf("scenario %q: %w", s.Name, err)
		}
		if err := enc.Close(); err != nil {
			return fmt.Errorf("scenario %q: %w", s.Name, err)
		}
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// GenerateFiles generates scenarios for each flow into dir (one file per
// flow, named after it: FLOW.yaml) and prints, per flow, the file written,
// the transitions covered and each transition not reached with the reason.
// It returns 0, or 2 when a flow cannot be read or a file written.
func GenerateFiles(dir string, flows []string, out io.Writer, opts GenerateOptions) int {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintf(out, "ERROR create %s: %v\n", dir, err)
		return 2
	}
	status := 0
	for _, flowPath := range flows {
		gen, err := Generate(flowPath, opts)
		if err != nil {
			fmt.Fprintf(out, "ERROR %s: %v\n", flowPath, err)
			status = 2
			continue
		}
		taken, total := gen.Coverage.Transitions()
		if len(gen.Scenarios) == 0 {
			fmt.Fprintf(out, "no scenarios for %s: no run takes a transition\n", flowPath)
			reportUnreached(out, gen)
			continue
		}
		path, err := writeGenerated(dir, flowPath, gen)
		if err != nil {
			fmt.Fprintf(out, "ERROR %v\n", err)
			status = 2
			continue
		}
		fmt.Fprintf(out, "wrote %s: %d scenarios for %s\n", path, len(gen.Scenarios), flowPath)
		fmt.Fprintf(out, "  transitions: %d/%d (%s)\n", taken, total, coverage.Percent(taken, total))
		reportUnreached(out, gen)
	}
	return status
}

func reportUnreached(out io.Writer, gen *Generated) {
	if len(gen.Unreached) == 0 {
		return
	}
	fmt.Fprintln(out, "  not reached:")
	for _, u := range gen.Unreached {
		fmt.Fprintf(out, "    %s: %s\n", u.Branch, u.Reason)
	}
}

func writeGenerated(dir, flowPath string, gen *Generated) (string, error) {
	base := strings.TrimSuffix(filepath.Base(flowPath), filepath.Ext(flowPath))
	path := filepath.Join(dir, base+".yaml")
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	absFlow, err := filepath.Abs(flowPath)
	if err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	ref, err := filepath.Rel(absDir, absFlow)
	if err != nil {
		ref = absFlow
	}
	header := fmt.Sprintf("Generated by `studioflow test --generate` from %s.\nThe expectations are what the flow did: review them before relying on them.", filepath.Base(flowPath))
	var buf bytes.Buffer
	if err := Write(&buf, header, ref, gen.Scenarios); err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	return path, nil
}
