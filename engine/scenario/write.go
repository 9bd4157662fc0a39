package scenario

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

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
	return textValues(plain(m))
}

// MarshalYAML writes the step's action with its text as text.
func (s Step) MarshalYAML() (any, error) {
	type plain Step
	return textValues(plain(s))
}

// MarshalYAML writes a wait as a Go duration ("1h30m0s").
func (d Duration) MarshalYAML() (any, error) {
	return time.Duration(d).String(), nil
}

// textNode is s as a scalar that reads back the same: double-quoted when
// it begins or ends with white space or spans lines (a flow's say text
// often starts with a newline), which yaml.v3's block styles lose.
func textNode(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if s != strings.TrimSpace(s) || strings.Contains(s, "\n") {
		n.Style = yaml.DoubleQuotedStyle
	}
	return n
}

// textValues is mapping v with each of its string values written as
// textNode writes it.
func textValues(v any) (*yaml.Node, error) {
	var n yaml.Node
	if err := n.Encode(v); err != nil {
		return nil, err
	}
	for i := 1; i < len(n.Content); i += 2 {
		if value := n.Content[i]; value.Kind == yaml.ScalarNode && value.Tag == "!!str" {
			n.Content[i] = textNode(value.Value)
		}
	}
	return &n, nil
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
		enc := yaml.NewEncoder(&buf)
		enc.SetIndent(2)
		if err := enc.Encode(&doc); err != nil {
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
